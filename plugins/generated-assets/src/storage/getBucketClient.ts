import { S3Client } from '@aws-sdk/client-s3'

import type { ResolvedGeneratedAssetsPluginOptions } from '../types.js'

type StorageOptions = NonNullable<ResolvedGeneratedAssetsPluginOptions['storage']>

const clients = new WeakMap<StorageOptions, S3Client>()

/**
 * The S3 client for the plugin's `storage` option (its `config`, as given to `s3Storage`), created
 * on first use and cached for the option object's lifetime, so a worker opens one connection pool
 * to the bucket, not one per upload.
 */
export const getBucketClient = ({ storage }: { storage: StorageOptions }): S3Client => {
  let client = clients.get(storage)
  if (!client) {
    client = new S3Client(storage.config ?? {})
    clients.set(storage, client)
  }
  return client
}
