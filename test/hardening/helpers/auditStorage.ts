/**
 * A stand-in for the plugin's `auditStorage` (being added to 'payload-plugin-generated-assets'
 * with the same signature and result): once it is exported there, replace the imports of this
 * file with it and delete this file.
 *
 * Reads the bucket from the environment the demo app uses (S3_ENDPOINT, S3_BUCKET, S3_REGION,
 * S3_ACCESS_KEY_ID, S3_SECRET_ACCESS_KEY), so it sees what the app's storage-s3 adapter stores.
 */
import type { Payload } from 'payload'

import { DeleteObjectsCommand, ListObjectsCommand } from '@aws-sdk/client-s3'
import { createTestS3Client } from '../../helpers/s3'

/** The collections whose documents own objects in the bucket. */
const COLLECTIONS = ['generated-assets', 'generated-asset-posters'] as const

/** What {@link auditStorage} found. */
export type StorageAudit = {
  /** Keys in the bucket that no asset or poster document (trashed ones included) names. */
  orphans: string[]
  /**
   * Documents naming a key (main file or image size) that is not in the bucket, or whose object
   * has a size in bytes that the document does not record (`filesize`).
   */
  missing: Array<{ collection: string; id: number | string; keys: string[] }>
  /** Whether orphans were deleted (only with `fix`, and only when there were any). */
  fixed: boolean
}

/**
 * Every object in the bucket whose key starts with `prefix` (default: all), as key → size in
 * bytes, across all pages. ListObjects (v1, paged by `Marker`) rather than ListObjectsV2: s3rver
 * 3.7 answers every ListObjectsV2 with 500 InternalError once a bucket holds more than 1000 keys.
 *
 * @throws the S3 client's errors (the server is down, the bucket does not exist).
 */
export const listBucket = async ({ prefix }: { prefix?: string } = {}): Promise<Map<string, number>> => {
  const client = createTestS3Client()
  const objects = new Map<string, number>()
  try {
    let marker: string | undefined
    for (;;) {
      const page = await client.send(
        new ListObjectsCommand({ Bucket: process.env.S3_BUCKET!, Marker: marker, Prefix: prefix }),
      )
      const contents = page.Contents ?? []
      for (const object of contents) objects.set(object.Key!, object.Size ?? 0)
      if (!page.IsTruncated || !contents.length) break
      marker = contents[contents.length - 1]!.Key
    }
  } finally {
    client.destroy()
  }
  return objects
}

/**
 * The bucket keys that a document's upload fields name (the main file and each image size, in
 * the document's folder), each with
 * the sizes in bytes recorded for it. A key can be recorded twice: Payload names a size file
 * `<name>-<width>x<height>.<ext>`, so two sizes that come out with the same dimensions (an image
 * smaller than both, with `withoutEnlargement`) share one key, and the bucket holds whichever
 * upload finished last.
 */
export const getStoredFiles = (doc: Record<string, any>): Map<string, number[]> => {
  const files = new Map<string, number[]>()
  const add = (filename?: null | string, filesize?: null | number) => {
    if (!filename) return
    // The bucket key: the document's folder (`prefix`, e.g. `generated-assets`), then the name.
    const key = [doc.prefix, doc._objectKey, filename].filter(Boolean).join('/')
    const sizes = files.get(key) ?? []
    if (typeof filesize === 'number') sizes.push(filesize)
    files.set(key, sizes)
  }
  add(doc.filename, doc.filesize)
  for (const size of Object.values(doc.sizes ?? {}) as { filename?: null | string; filesize?: null | number }[]) {
    add(size?.filename, size?.filesize)
  }
  return files
}

/**
 * Compares the bucket with what the asset and poster documents (trashed ones included) record:
 * every object must belong to a document, and every document's files must be stored with the
 * recorded size. With `fix`, deletes the orphans.
 *
 * @throws the S3 client's and Payload's errors.
 */
export const auditStorage = async ({ fix = false, payload }: { fix?: boolean; payload: Payload }): Promise<StorageAudit> => {
  const objects = await listBucket()
  const named = new Set<string>()
  const missing: StorageAudit['missing'] = []
  for (const collection of COLLECTIONS) {
    const { docs } = await payload.find({
      collection,
      depth: 0,
      overrideAccess: true,
      pagination: false,
      trash: true,
    })
    for (const doc of docs as Record<string, any>[]) {
      const absent: string[] = []
      for (const [key, sizes] of getStoredFiles(doc)) {
        named.add(key)
        const stored = objects.get(key)
        if (stored === undefined || (sizes.length > 0 && !sizes.includes(stored))) absent.push(key)
      }
      if (absent.length) missing.push({ collection, id: doc.id, keys: absent })
    }
  }
  const orphans = [...objects.keys()].filter((key) => !named.has(key)).sort()
  let fixed = false
  if (fix && orphans.length) {
    const client = createTestS3Client()
    try {
      for (let start = 0; start < orphans.length; start += 1000) {
        await client.send(
          new DeleteObjectsCommand({
            Bucket: process.env.S3_BUCKET!,
            Delete: { Objects: orphans.slice(start, start + 1000).map((Key) => ({ Key })) },
          }),
        )
      }
      fixed = true
    } finally {
      client.destroy()
    }
  }
  return { fixed, missing, orphans }
}
