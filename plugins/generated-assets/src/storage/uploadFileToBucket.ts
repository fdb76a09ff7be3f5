import type { S3Client } from '@aws-sdk/client-s3'

import { AbortMultipartUploadCommand } from '@aws-sdk/client-s3'
import { Upload } from '@aws-sdk/lib-storage'
import { createReadStream } from 'node:fs'
import { stat } from 'node:fs/promises'

/** Bytes per multipart part: 8 MiB (S3's minimum is 5 MiB), more for files over 80 GiB. */
const UPLOAD_PART_SIZE = 8 * 1024 * 1024
/** S3's most parts in one multipart upload. */
const MAX_PARTS = 10_000
/** Parts uploaded at once. */
const UPLOAD_QUEUE_SIZE = 2

/**
 * Uploads a file from disk to `bucket` under `key`, read as a stream and sent in 8 MiB parts, 2 at a
 * time (a file of 8 MiB or less goes in one PutObject), so the process holds a few parts of it at
 * once whatever the file's size. (storage-s3 sends 50 MB parts, 4 at a time: hundreds of megabytes
 * for a large video.) An object already under `key` is replaced.
 *
 * When the upload fails, its multipart upload is aborted, so no object is added (an older object
 * under `key` stays as it was). The abort is best effort: when it fails too (the server is down,
 * or does not implement it, as s3rver), the upload's own error is thrown, with the abort's as its
 * `cause`, so the caller classifies what went wrong with the upload.
 *
 * @param contentType the object's `Content-Type`, e.g. `video/mp4`.
 * @param path the file to upload; it must not change while it is read.
 * @throws the S3 client's error (network errors; `$metadata.httpStatusCode` 5xx during an outage,
 *   4xx for a wrong bucket or credentials), or the file's read error (e.g. `ENOENT`).
 */
export const uploadFileToBucket = async ({
  acl,
  bucket,
  client,
  contentType,
  key,
  path,
}: {
  /** Canned ACL of the object, e.g. `public-read`; the bucket's default when unset. */
  acl?: 'private' | 'public-read'
  bucket: string
  client: S3Client
  contentType: string
  key: string
  path: string
}): Promise<void> => {
  const { size } = await stat(path)
  const body = createReadStream(path)
  // Parts are left on error and aborted below: lib-storage's own abort throws its error in place
  // of the upload's when both fail.
  const upload = new Upload({
    client,
    leavePartsOnError: true,
    params: { ACL: acl, Body: body, Bucket: bucket, ContentType: contentType, Key: key },
    partSize: Math.max(UPLOAD_PART_SIZE, Math.ceil(size / MAX_PARTS)),
    queueSize: UPLOAD_QUEUE_SIZE,
  })
  try {
    await upload.done()
  } catch (error) {
    if (upload.uploadId) {
      await client
        .send(new AbortMultipartUploadCommand({ Bucket: bucket, Key: key, UploadId: upload.uploadId }))
        .catch((abortError: unknown) => {
          if (error instanceof Error && error.cause === undefined) error.cause = abortError
        })
    }
    throw error
  } finally {
    body.destroy()
  }
}
