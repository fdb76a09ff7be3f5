/**
 * Seeds many asset rows at once, with a few SQL statements (100,000 in a few seconds): rows as the
 * pipeline leaves them, without files in the bucket (use {@link storeAssetFile} for the few a
 * benchmark downloads). What the rows look like:
 * - owners: `userIds[0]` owns `ownerShare` of them (default 70 %), the other users the rest in turn;
 * - kind: every 13th is a video (`local/video` or `fal/kling-video`, 1280×720 MP4 of 5 or 10 s
 *   with a poster row in `generated-asset-posters`), the rest images from four models in four
 *   sizes (512² to 1536×1024) with their `thumbnail` (480 px wide) and `preview` sizes;
 * - status: `ready`, except every 97th `failed` (no file, an error message);
 * - createdAt: newest now, then about 5 minutes apart with jitter (distinct instants, ~1 year for
 *   100,000 rows); `completedAt` after the inference time; every 11th starred;
 * - file names as the plugin makes them (`<slug>-ga<id>.<ext>`), prompts from small word lists.
 * Ends with `ANALYZE`, as autovacuum would on a live database, so the planner knows the table.
 */
import type { Payload } from 'payload'

import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3'
import { createLocalImageModel } from 'payload-plugin-generated-assets'
import sharp from 'sharp'
import type { S3Target } from './s3Target'

type Pool = { query: (text: string, values?: unknown[]) => Promise<{ rows: any[] }> }

const poolOf = (payload: Payload) => (payload.db as unknown as { pool: Pool }).pool

/** Tiny blurred WebP previews (data URLs), one per colour, as the pipeline stores in `placeholder`. */
const makePlaceholders = async (): Promise<string[]> => {
  const colours = ['#3b6ea5', '#c96b3c', '#2f8f5b', '#8e44ad', '#d4ac0d', '#566573', '#a93226', '#1abc9c']
  return Promise.all(
    colours.map(async (colour) => {
      const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="16" height="16"><rect width="16" height="16" fill="${colour}"/><circle cx="10" cy="6" r="5" fill="#fff" fill-opacity="0.4"/></svg>`
      const webp = await sharp(Buffer.from(svg)).webp({ quality: 40 }).toBuffer()
      return `data:image/webp;base64,${webp.toString('base64')}`
    }),
  )
}

/** Options of {@link seedAssets}. */
export type SeedAssetsOptions = {
  /** How many asset rows. */
  count: number
  /** Share of the rows (0–1) owned by `userIds[0]`. @default 0.7 */
  ownerShare?: number
  payload: Payload
  /** Owners: the first gets `ownerShare`, the others the rest in turn (at least one id). */
  userIds: (number | string)[]
}

/**
 * Inserts `count` asset rows (and a poster row per video) straight into the tables of a migrated
 * database, then runs `ANALYZE` on them. Answers the id range inserted (ids are consecutive;
 * the lowest id is the newest asset).
 */
export const seedAssets = async ({
  count,
  ownerShare = 0.7,
  payload,
  userIds,
}: SeedAssetsOptions): Promise<{ firstId: number; lastId: number }> => {
  const pool = poolOf(payload)
  const placeholders = await makePlaceholders()
  const [{ base }] = (await pool.query('select coalesce(max(id), 0)::int as base from generated_assets')).rows
  const ownerPercent = Math.round(ownerShare * 100)
  // One statement: rows n = 0 … count-1, id = base + 1 + n, newest first.
  await pool.query(
    `with numbered as (
       select g.n, $1::int + 1 + g.n as id,
              (g.n % 13 = 0) as is_video,
              (g.n % 97 = 0) as is_failed,
              now() - make_interval(secs => g.n * 300 + (g.n * 7919) % 240 + ((g.n * 31) % 1000) / 1000.0) as created,
              (array['misty','golden','neon','quiet','stormy','ancient','crystal','rusty','velvet','frozen'])[1 + g.n % 10] || ' ' ||
              (array['lighthouse','fox','cathedral','orchard','robot','harbour','glacier','tram','library','koi pond','bridge','market'])[1 + (g.n / 10) % 12] || ' ' ||
              (array['at dawn','under the stars','in the rain','at noon','in autumn','by the sea','in fog','at dusk'])[1 + (g.n / 7) % 8] || ', ' ||
              (array['oil painting','watercolour','photograph','woodcut','pixel art','charcoal sketch','isometric render'])[1 + (g.n / 3) % 7] as prompt,
              (array[1024, 1536, 1024, 512])[1 + (g.n / 5) % 4] as w,
              (array[1024, 1024, 1536, 512])[1 + (g.n / 5) % 4] as h
       from generate_series(0, $2::int - 1) as g(n)
     ),
     shaped as (
       select n.*,
              case when n.is_video then (array['local/video','fal/kling-video'])[1 + (n.n / 13) % 2]
                   else (array['local/image','openai/gpt-image-1','replicate/flux-schnell','fal/flux-schnell'])[1 + (n.n / 3) % 4] end as model,
              case when n.is_video then 20 + (n.n * 37) % 100 else 1 + ((n.n * 37) % 200) / 10.0 end as inference,
              trim(both '-' from left(trim(both '-' from regexp_replace(lower(n.prompt), '[^a-z0-9]+', '-', 'g')), 48)) || '-ga' || n.id as stem,
              ($3::int[])[case when n.n % 100 < $4::int or cardinality($3::int[]) = 1 then 1
                                else 2 + (n.n % (cardinality($3::int[]) - 1)) end] as owner
       from numbered n
     )
     insert into generated_assets (
       id, prompt, model, model_name, provider, kind, status, starred, error, error_code, attempts, params, seed,
       inference_time, duration, fps, created_by_id, completed_at, placeholder,
       created_at, updated_at, url, filename, mime_type, filesize, width, height,
       sizes_thumbnail_url, sizes_thumbnail_width, sizes_thumbnail_height, sizes_thumbnail_mime_type,
       sizes_thumbnail_filesize, sizes_thumbnail_filename,
       sizes_preview_url, sizes_preview_width, sizes_preview_height, sizes_preview_mime_type,
       sizes_preview_filesize, sizes_preview_filename)
     select s.id, s.prompt, s.model,
            case s.model when 'local/image' then 'Local (offline)' when 'local/video' then 'Local video (offline)'
                         when 'openai/gpt-image-1' then 'GPT Image 1' when 'fal/kling-video' then 'Kling (fal)'
                         else 'FLUX schnell' end,
            split_part(s.model, '/', 1),
            (case when s.is_video then 'video' else 'image' end)::enum_generated_assets_kind,
            (case when s.is_failed then 'failed' else 'ready' end)::enum_generated_assets_status,
            s.n % 11 = 0,
            case when s.is_failed then 'The provider refused the prompt (content policy).' end,
            case when s.is_failed then 'content-policy' end,
            1,
            case when s.is_video then jsonb_build_object('size', '1280x720', 'duration', 5 + 5 * (s.n % 2), 'seed', s.n)
                 else jsonb_build_object('size', s.w || 'x' || s.h, 'seed', s.n) end,
            s.n,
            s.inference,
            case when s.is_video and not s.is_failed then 5 + 5 * (s.n % 2) end,
            case when s.is_video and not s.is_failed then 24 end,
            s.owner,
            case when not s.is_failed then s.created + make_interval(secs => s.inference + 1) end,
            case when not s.is_failed and not s.is_video then ($5::text[])[1 + s.n % cardinality($5::text[])] end,
            s.created, s.created + make_interval(secs => s.inference + 1),
            case when not s.is_failed then '/api/generated-assets/file/' || s.stem || case when s.is_video then '.mp4' else '.png' end end,
            case when not s.is_failed then s.stem || case when s.is_video then '.mp4' else '.png' end end,
            case when s.is_failed then null when s.is_video then 'video/mp4' else 'image/png' end,
            case when s.is_failed then null when s.is_video then 2000000 + (s.n * 7919) % 8000000
                 else 300000 + (s.n * 7919) % 1500000 end,
            case when s.is_failed then null when s.is_video then 1280 else s.w end,
            case when s.is_failed then null when s.is_video then 720 else s.h end,
            -- image sizes (WebP), images only
            case when not s.is_failed and not s.is_video then '/api/generated-assets/file/' || s.stem || '-480x' || (480 * s.h / s.w) || '.webp' end,
            case when not s.is_failed and not s.is_video then 480 end,
            case when not s.is_failed and not s.is_video then 480 * s.h / s.w end,
            case when not s.is_failed and not s.is_video then 'image/webp' end,
            case when not s.is_failed and not s.is_video then 20000 + (s.n * 131) % 30000 end,
            case when not s.is_failed and not s.is_video then s.stem || '-480x' || (480 * s.h / s.w) || '.webp' end,
            case when not s.is_failed and not s.is_video then '/api/generated-assets/file/' || s.stem || '-' || least(s.w, 1280) || 'x' || (least(s.w, 1280) * s.h / s.w) || '.webp' end,
            case when not s.is_failed and not s.is_video then least(s.w, 1280) end,
            case when not s.is_failed and not s.is_video then least(s.w, 1280) * s.h / s.w end,
            case when not s.is_failed and not s.is_video then 'image/webp' end,
            case when not s.is_failed and not s.is_video then 80000 + (s.n * 131) % 120000 end,
            case when not s.is_failed and not s.is_video then s.stem || '-' || least(s.w, 1280) || 'x' || (least(s.w, 1280) * s.h / s.w) || '.webp' end
     from shaped s`,
    [base, count, userIds.map(Number), ownerPercent, placeholders],
  )
  // A poster (first frame, JPEG-sized WebP with its thumbnail) for every ready video, linked both ways.
  await pool.query(
    `with posters as (
       insert into generated_asset_posters (
         asset_id, created_by_id, created_at, updated_at, url, filename, mime_type, filesize, width, height,
         sizes_thumbnail_url, sizes_thumbnail_width, sizes_thumbnail_height, sizes_thumbnail_mime_type,
         sizes_thumbnail_filesize, sizes_thumbnail_filename)
       select a.id, a.created_by_id, a.completed_at, a.completed_at,
              '/api/generated-asset-posters/file/' || replace(a.filename, '.mp4', '-poster.webp'),
              replace(a.filename, '.mp4', '-poster.webp'), 'image/webp', 60000 + (a.id * 131) % 40000, 1280, 720,
              '/api/generated-asset-posters/file/' || replace(a.filename, '.mp4', '-poster-480x270.webp'), 480, 270,
              'image/webp', 12000 + (a.id * 131) % 8000, replace(a.filename, '.mp4', '-poster-480x270.webp')
       from generated_assets a
       where a.id > $1 and a.kind = 'video' and a.status = 'ready'
       returning id, asset_id
     )
     update generated_assets a set poster_id = p.id from posters p where a.id = p.asset_id`,
    [base],
  )
  await pool.query(`select setval('generated_assets_id_seq', (select max(id) from generated_assets))`)
  await pool.query('analyze generated_assets')
  await pool.query('analyze generated_asset_posters')
  return { firstId: base + 1, lastId: base + count }
}

/**
 * Stores a real picture (rendered by the offline model at the row's size, PNG, with its WebP
 * thumbnail) in the bucket under a seeded image row's file names, and updates the row's sizes
 * and byte counts to match. Answers the stored original's bytes.
 */
export const storeAssetFile = async ({
  id,
  payload,
  s3,
}: {
  id: number
  payload: Payload
  s3: S3Target
}): Promise<Buffer> => {
  const pool = poolOf(payload)
  const [row] = (
    await pool.query(
      'select filename, sizes_thumbnail_filename, width::int, height::int, prompt from generated_assets where id = $1',
      [id],
    )
  ).rows
  if (!row?.filename || !row.sizes_thumbnail_filename) throw new Error(`asset ${id} is not a ready image`)
  const result = await createLocalImageModel().doGenerate({
    aspectRatio: undefined,
    files: undefined,
    mask: undefined,
    n: 1,
    prompt: row.prompt,
    providerOptions: {},
    seed: id,
    size: `${row.width}x${row.height}`,
  } as never)
  const image = result.images[0]!
  const original = Buffer.from(typeof image === 'string' ? Buffer.from(image, 'base64') : image)
  const thumbnail = await sharp(original)
    .resize({ width: 480, withoutEnlargement: true })
    .webp({ quality: 80 })
    .toBuffer()
  const client = new S3Client({
    credentials: { accessKeyId: s3.accessKeyId, secretAccessKey: s3.secretAccessKey },
    endpoint: s3.endpoint,
    forcePathStyle: true,
    region: s3.region,
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  })
  try {
    await client.send(
      new PutObjectCommand({ Body: original, Bucket: s3.bucket, ContentType: 'image/png', Key: row.filename }),
    )
    await client.send(
      new PutObjectCommand({
        Body: thumbnail,
        Bucket: s3.bucket,
        ContentType: 'image/webp',
        Key: row.sizes_thumbnail_filename,
      }),
    )
  } finally {
    client.destroy()
  }
  await pool.query('update generated_assets set filesize = $2, sizes_thumbnail_filesize = $3 where id = $1', [
    id,
    original.length,
    thumbnail.length,
  ])
  return original
}
