import { withPayload } from '@payloadcms/next/withPayload'

/** @type {import('next').NextConfig} */
const nextConfig = {
  // Next 16 blocks its dev resources for hosts other than localhost unless they are allowed.
  allowedDevOrigins: ['127.0.0.1'],
}

export default withPayload(nextConfig, { devBundleServerPackages: false })
