import { postgresAdapter } from '@payloadcms/db-postgres'
import { s3Storage } from '@payloadcms/storage-s3'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { buildConfig } from 'payload'
import { type GeneratedAssetsPluginOptions, generatedAssetsPlugin } from 'payload-plugin-generated-assets'
import sharp from 'sharp'

import { Users } from './collections/Users'
import { getDemoModels } from './models'
import { resolveEnv } from './scripts/resolveEnv'

const dirname = path.dirname(fileURLToPath(import.meta.url))

const env = resolveEnv()
/**
 * The bucket, for storage-s3 and for the plugin: `audit:storage` lists it, the worker uploads
 * videos to it in parts, and public share links answer with a 302 to a URL of it signed afresh on
 * every request, valid for 5 minutes (the link itself never expires). Payload's own
 * access-checked file route streams through the app.
 */
const storage = {
  bucket: env.S3_BUCKET,
  config: {
    credentials: { accessKeyId: env.S3_ACCESS_KEY_ID, secretAccessKey: env.S3_SECRET_ACCESS_KEY },
    endpoint: env.S3_ENDPOINT,
    forcePathStyle: true,
    region: env.S3_REGION,
    // s3rver stores aws-chunked framing inside objects unless checksums are only sent when required.
    requestChecksumCalculation: 'WHEN_REQUIRED' as const,
    responseChecksumValidation: 'WHEN_REQUIRED' as const,
  },
}
/**
 * Bench only (bench/galleryBench.ts): `GENERATED_ASSETS_STOCK_LIST_VIEW=1` turns the plugin's admin
 * off, so the collection shows stock Payload's own list view of the same assets (the baseline).
 */
const isStockListView = process.env.GENERATED_ASSETS_STOCK_LIST_VIEW === '1'

/**
 * The demo app's config. `pluginOptions` lets tests and examples register other models; the
 * database schema does not depend on them.
 */
export const createAppConfig = ({ pluginOptions }: { pluginOptions?: GeneratedAssetsPluginOptions } = {}) =>
  buildConfig({
  admin: {
    avatar: 'default',
    importMap: {
      baseDir: dirname,
      importMapFile: path.resolve(dirname, 'src/app/(payload)/admin/importMap.js'),
    },
    user: Users.slug,
  },
  collections: [Users],
  db: postgresAdapter({
    migrationDir: path.resolve(dirname, 'migrations'),
    pool: { connectionString: env.DATABASE_URL },
    push: false,
  }),
  plugins: [
    generatedAssetsPlugin({
      models: getDemoModels(),
      storage,
      ...(isStockListView ? { disabled: true } : {}),
      ...pluginOptions,
    }),
    s3Storage({
      ...storage,
      collections: { 'generated-asset-posters': true, 'generated-assets': true },
    }),
  ],
  secret: env.PAYLOAD_SECRET,
  serverURL: env.SERVER_URL,
  sharp,
  typescript: { outputFile: path.resolve(dirname, 'payload-types.ts') },
  upload: { limits: { fileSize: 1024 * 1024 * 1024 }, useTempFiles: true },
})

export default createAppConfig()
