import { paginateListObjectsV2, type S3Client } from '@aws-sdk/client-s3'

/** One object of a bucket listing: its key and when it was last written. */
export type BucketObject = { key: string; lastModified?: Date }

/**
 * Every object in `bucket` under `prefix`, through ListObjectsV2, page by page (1,000 keys a page).
 *
 * @throws the S3 client's error when the bucket cannot be listed (wrong name, credentials, endpoint).
 */
export const listBucketObjects = async ({
  bucket,
  client,
  prefix,
}: {
  bucket: string
  client: S3Client
  prefix?: string
}): Promise<BucketObject[]> => {
  const objects: BucketObject[] = []
  for await (const page of paginateListObjectsV2({ client }, { Bucket: bucket, Prefix: prefix || undefined })) {
    for (const object of page.Contents ?? []) {
      if (object.Key) objects.push({ key: object.Key, lastModified: object.LastModified })
    }
  }
  return objects
}
