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
 * On Postgres this is a few SQL statements; on other databases (SQLite) the same rows are built
 * here and inserted through the adapter's tables (slower: for the tests' few hundred rows).
 */
import type { Payload } from 'payload'

import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3'
import { createLocalImageModel } from 'payload-plugin-generated-assets'
import sharp from 'sharp'
import type { S3Target } from './s3Target'

import { insertRows } from '../../test/helpers/database'

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
  const placeholders = await makePlaceholders()
  if (payload.db.name !== 'postgres') return seedAssetRows({ count, ownerShare, payload, placeholders, userIds })
  const pool = poolOf(payload)
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

const ADJECTIVES = ['misty', 'golden', 'neon', 'quiet', 'stormy', 'ancient', 'crystal', 'rusty', 'velvet', 'frozen']
const SUBJECTS = ['lighthouse', 'fox', 'cathedral', 'orchard', 'robot', 'harbour', 'glacier', 'tram', 'library', 'koi pond', 'bridge', 'market']
const PLACES = ['at dawn', 'under the stars', 'in the rain', 'at noon', 'in autumn', 'by the sea', 'in fog', 'at dusk']
const STYLES = ['oil painting', 'watercolour', 'photograph', 'woodcut', 'pixel art', 'charcoal sketch', 'isometric render']
const IMAGE_MODELS = ['local/image', 'openai/gpt-image-1', 'replicate/flux-schnell', 'fal/flux-schnell']
const VIDEO_MODELS = ['local/video', 'fal/kling-video']
const MODEL_NAMES: Record<string, string> = {
  'fal/kling-video': 'Kling (fal)',
  'local/image': 'Local (offline)',
  'local/video': 'Local video (offline)',
  'openai/gpt-image-1': 'GPT Image 1',
}
const WIDTHS = [1024, 1536, 1024, 512]
const HEIGHTS = [1024, 1024, 1536, 512]

/**
 * {@link seedAssets} on a database other than Postgres: the rows of its SQL, value for value,
 * built here and inserted through the adapter's tables, then a poster per ready video.
 */
const seedAssetRows = async ({
  count,
  ownerShare,
  payload,
  placeholders,
  userIds,
}: Required<Omit<SeedAssetsOptions, 'payload'>> & { payload: Payload; placeholders: string[] }) => {
  const { docs } = await payload.find({
    collection: 'generated-assets',
    depth: 0,
    limit: 1,
    overrideAccess: true,
    pagination: false,
    sort: '-id',
    trash: true,
  })
  const base = Number(docs[0]?.id ?? 0)
  const ownerPercent = Math.round(ownerShare * 100)
  const now = Date.now()
  const iso = (milliseconds: number) => new Date(milliseconds).toISOString()
  const assets = Array.from({ length: count }, (_, n) => {
    const id = base + 1 + n
    const isVideo = n % 13 === 0
    const isFailed = n % 97 === 0
    const created = now - (n * 300 + ((n * 7919) % 240) + ((n * 31) % 1000) / 1000) * 1000
    const prompt = `${ADJECTIVES[n % 10]} ${SUBJECTS[Math.floor(n / 10) % 12]} ${PLACES[Math.floor(n / 7) % 8]}, ${STYLES[Math.floor(n / 3) % 7]}`
    const w = WIDTHS[Math.floor(n / 5) % 4]!
    const h = HEIGHTS[Math.floor(n / 5) % 4]!
    const model = isVideo ? VIDEO_MODELS[Math.floor(n / 13) % 2]! : IMAGE_MODELS[Math.floor(n / 3) % 4]!
    const inference = isVideo ? 20 + ((n * 37) % 100) : 1 + ((n * 37) % 200) / 10
    const stem = `${prompt.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 48).replace(/^-+|-+$/g, '')}-ga${id}`
    const owner =
      n % 100 < ownerPercent || userIds.length === 1 ? userIds[0]! : userIds[1 + (n % (userIds.length - 1))]!
    const isReadyImage = !isFailed && !isVideo
    const thumbnailHeight = Math.floor((480 * h) / w)
    const previewWidth = Math.min(w, 1280)
    const previewHeight = Math.floor((previewWidth * h) / w)
    const thumbnailFile = `${stem}-480x${thumbnailHeight}.webp`
    const previewFile = `${stem}-${previewWidth}x${previewHeight}.webp`
    const file = `${stem}${isVideo ? '.mp4' : '.png'}`
    const done = created + (inference + 1) * 1000
    return {
      attempts: 1,
      completedAt: isFailed ? null : iso(done),
      createdAt: iso(created),
      createdBy: Number(owner),
      duration: isVideo && !isFailed ? 5 + 5 * (n % 2) : null,
      error: isFailed ? 'The provider refused the prompt (content policy).' : null,
      errorCode: isFailed ? 'content-policy' : null,
      filename: isFailed ? null : file,
      filesize: isFailed ? null : isVideo ? 2000000 + ((n * 7919) % 8000000) : 300000 + ((n * 7919) % 1500000),
      fps: isVideo && !isFailed ? 24 : null,
      height: isFailed ? null : isVideo ? 720 : h,
      id,
      inferenceTime: inference,
      kind: isVideo ? 'video' : 'image',
      mimeType: isFailed ? null : isVideo ? 'video/mp4' : 'image/png',
      model,
      modelName: MODEL_NAMES[model] ?? 'FLUX schnell',
      params: isVideo ? { duration: 5 + 5 * (n % 2), seed: n, size: '1280x720' } : { seed: n, size: `${w}x${h}` },
      placeholder: isReadyImage ? placeholders[n % placeholders.length] : null,
      prompt,
      provider: model.split('/')[0],
      seed: n,
      sizes_preview_filename: isReadyImage ? previewFile : null,
      sizes_preview_filesize: isReadyImage ? 80000 + ((n * 131) % 120000) : null,
      sizes_preview_height: isReadyImage ? previewHeight : null,
      sizes_preview_mimeType: isReadyImage ? 'image/webp' : null,
      sizes_preview_url: isReadyImage ? `/api/generated-assets/file/${previewFile}` : null,
      sizes_preview_width: isReadyImage ? previewWidth : null,
      sizes_thumbnail_filename: isReadyImage ? thumbnailFile : null,
      sizes_thumbnail_filesize: isReadyImage ? 20000 + ((n * 131) % 30000) : null,
      sizes_thumbnail_height: isReadyImage ? thumbnailHeight : null,
      sizes_thumbnail_mimeType: isReadyImage ? 'image/webp' : null,
      sizes_thumbnail_url: isReadyImage ? `/api/generated-assets/file/${thumbnailFile}` : null,
      sizes_thumbnail_width: isReadyImage ? 480 : null,
      starred: n % 11 === 0,
      status: isFailed ? 'failed' : 'ready',
      updatedAt: iso(done),
      url: isFailed ? null : `/api/generated-assets/file/${file}`,
      width: isFailed ? null : isVideo ? 1280 : w,
    }
  })
  await insertRows({ payload, rows: assets, table: 'generated_assets' })
  const videos = assets.filter((asset) => asset.kind === 'video' && asset.status === 'ready')
  const posters = await insertRows({
    payload,
    rows: videos.map((asset) => {
      const poster = asset.filename!.replace('.mp4', '-poster.webp')
      const thumbnail = asset.filename!.replace('.mp4', '-poster-480x270.webp')
      return {
        asset: asset.id,
        createdAt: asset.completedAt,
        createdBy: asset.createdBy,
        filename: poster,
        filesize: 60000 + ((asset.id * 131) % 40000),
        height: 720,
        mimeType: 'image/webp',
        sizes_thumbnail_filename: thumbnail,
        sizes_thumbnail_filesize: 12000 + ((asset.id * 131) % 8000),
        sizes_thumbnail_height: 270,
        sizes_thumbnail_mimeType: 'image/webp',
        sizes_thumbnail_url: `/api/generated-asset-posters/file/${thumbnail}`,
        sizes_thumbnail_width: 480,
        updatedAt: asset.completedAt,
        url: `/api/generated-asset-posters/file/${poster}`,
        width: 1280,
      }
    }),
    table: 'generated_asset_posters',
  })
  for (const poster of posters) {
    await payload.db.updateOne({ collection: 'generated-assets', data: { poster: poster.id }, id: poster.asset })
  }
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
