/**
 * Seeds the gallery with many finished-looking image assets, fast: a few hundred distinct pictures
 * are rendered by the offline model (sharp), each stored as many objects under distinct keys
 * (a WebP thumbnail per asset, so a browser fetches every tile's thumbnail as it would in real use),
 * and the rows are inserted straight into the table (100 per statement, through the database
 * adapter's tables, so on Postgres and SQLite alike), as the pipeline would have left them:
 * status `ready`, dimensions, placeholder (LQIP), thumbnail size, seed, params, timings.
 *
 * Used by the gallery benchmark (10,000 assets) and by the browser tests (a few hundred).
 */
import type { Payload } from 'payload'

import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3'
import { createLocalImageModel } from 'payload-plugin-generated-assets'
import sharp from 'sharp'
import type { S3Target } from './lib/s3Target'

import { insertRows } from '../test/helpers/database'

const ADJECTIVES = ['misty', 'golden', 'neon', 'quiet', 'stormy', 'ancient', 'crystal', 'rusty', 'velvet', 'frozen']
const SUBJECTS = [
  'lighthouse',
  'fox',
  'cathedral',
  'orchard',
  'robot',
  'harbour',
  'glacier',
  'tram',
  'library',
  'koi pond',
]
const PLACES = ['at dawn', 'under the stars', 'in the rain', 'at noon', 'in autumn', 'by the sea', 'in fog', 'at dusk']
const STYLES = [
  'oil painting',
  'watercolour',
  'photograph',
  'woodcut',
  'pixel art',
  'charcoal sketch',
  'isometric render',
]

/** The prompt of seeded asset `n`: words drawn from small lists, so searches match a known share. */
export const seedPrompt = (n: number): string =>
  `${ADJECTIVES[n % ADJECTIVES.length]} ${SUBJECTS[Math.floor(n / 10) % SUBJECTS.length]} ${PLACES[Math.floor(n / 7) % PLACES.length]}, ${STYLES[Math.floor(n / 3) % STYLES.length]} #${n}`

type Picture = { height: number; original: Buffer; placeholder: string; thumbnail: Buffer; width: number }

const renderPictures = async (count: number, size: number): Promise<Picture[]> => {
  const model = createLocalImageModel()
  const pictures: Picture[] = []
  for (let index = 0; index < count; index++) {
    const result = await model.doGenerate({
      aspectRatio: undefined,
      files: undefined,
      mask: undefined,
      n: 1,
      prompt: seedPrompt(index),
      providerOptions: {},
      seed: index,
      size: `${size}x${size}`,
    } as never)
    const image = result.images[0]!
    const original = Buffer.from(typeof image === 'string' ? Buffer.from(image, 'base64') : image)
    const thumbnail = await sharp(original)
      .resize({ width: 480, withoutEnlargement: true })
      .webp({ quality: 80 })
      .toBuffer()
    const tiny = await sharp(original).resize(16, 16, { fit: 'inside' }).webp({ quality: 40 }).toBuffer()
    pictures.push({
      height: size,
      original,
      placeholder: `data:image/webp;base64,${tiny.toString('base64')}`,
      thumbnail,
      width: size,
    })
  }
  return pictures
}

const runPool = async <T>(items: T[], concurrency: number, work: (item: T) => Promise<void>) => {
  let next = 0
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < items.length) await work(items[next++]!)
    }),
  )
}

/** Options of {@link seedGallery}. */
export type SeedGalleryOptions = {
  /** How many assets. */
  count: number
  /** Distinct pictures rendered (each reused by `count / distinct` assets under its own keys). @default 200 */
  distinct?: number
  /** File names start with this, so several seeds can share a bucket. @default 'seed' */
  filePrefix?: string
  /** Minutes between consecutive assets' `createdAt` (newest is now). @default 1 */
  minutesApart?: number
  onProgress?: (message: string) => void
  payload: Payload
  /** Prompt of asset `n`. @default {@link seedPrompt} */
  prompt?: (n: number) => string
  s3: S3Target
  /** Also store each asset's original (the viewer's image); thumbnails are always stored. @default false */
  storeOriginals?: boolean
  userId: number | string
}

/**
 * Inserts `count` ready image assets owned by `userId`, newest first `minutesApart` apart, with
 * their thumbnails (and optionally originals) in the bucket. Answers the ids, newest first.
 */
export const seedGallery = async ({
  count,
  distinct = 200,
  filePrefix = 'seed',
  minutesApart = 1,
  onProgress = () => undefined,
  payload,
  prompt = seedPrompt,
  s3,
  storeOriginals = false,
  userId,
}: SeedGalleryOptions): Promise<(number | string)[]> => {
  const pictures = await renderPictures(Math.min(distinct, count), 512)
  onProgress(`rendered ${pictures.length} pictures`)
  const client = new S3Client({
    credentials: { accessKeyId: s3.accessKeyId, secretAccessKey: s3.secretAccessKey },
    endpoint: s3.endpoint,
    forcePathStyle: true,
    region: s3.region,
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  })
  const objects: { body: Buffer; key: string; type: string }[] = []
  for (let n = 0; n < count; n++) {
    const picture = pictures[n % pictures.length]!
    objects.push({ body: picture.thumbnail, key: `${filePrefix}-${n}-480x480.webp`, type: 'image/webp' })
    if (storeOriginals) objects.push({ body: picture.original, key: `${filePrefix}-${n}.png`, type: 'image/png' })
  }
  let stored = 0
  await runPool(objects, 16, async (object) => {
    await client.send(
      new PutObjectCommand({ Body: object.body, Bucket: s3.bucket, ContentType: object.type, Key: object.key }),
    )
    if (++stored % 2000 === 0) onProgress(`stored ${stored} of ${objects.length} objects`)
  })
  client.destroy()

  // The rows go through the adapter's own tables, so this works on Postgres and SQLite alike.
  const now = Date.now()
  const at = (n: number) => new Date(now - n * minutesApart * 60_000).toISOString()
  const rows = Array.from({ length: count }, (_, n) => {
    const picture = pictures[n % pictures.length]!
    return {
      completedAt: at(n),
      createdAt: at(n),
      createdBy: userId,
      filename: `${filePrefix}-${n}.png`,
      filesize: picture.original.length,
      height: 512,
      inferenceTime: (2 + (n % 17)) / 10,
      kind: 'image',
      mimeType: 'image/png',
      model: 'local/image',
      modelName: 'Local (offline)',
      params: { seed: n, size: '512x512' },
      placeholder: picture.placeholder,
      prompt: prompt(n),
      provider: 'local',
      seed: n,
      sizes_thumbnail_filename: `${filePrefix}-${n}-480x480.webp`,
      sizes_thumbnail_filesize: picture.thumbnail.length,
      sizes_thumbnail_height: 480,
      sizes_thumbnail_mimeType: 'image/webp',
      sizes_thumbnail_url: `/api/generated-assets/file/${filePrefix}-${n}-480x480.webp`,
      sizes_thumbnail_width: 480,
      starred: n % 7 === 0,
      status: 'ready',
      updatedAt: new Date(now).toISOString(),
      url: `/api/generated-assets/file/${filePrefix}-${n}.png`,
      width: 512,
    }
  })
  const ids = (await insertRows({ payload, rows, table: 'generated_assets' })).map((row) => row.id as number | string)
  onProgress(`inserted ${ids.length} assets`)
  return ids
}
