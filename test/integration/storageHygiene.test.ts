/**
 * Storage hygiene: a permanent delete removes every stored object (file, image sizes,
 * a video's poster with its sizes), the scheduled purge empties old trash with its objects and is
 * safe to run twice at once, and `auditStorage` / `payload audit:storage` find and repair
 * orphans and missing objects. Real Postgres, real s3rver, real sharp and ffmpeg.
 */
import { DeleteObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3'
import { REST_PATCH, REST_POST } from '@payloadcms/next/routes'
import { spawn } from 'node:child_process'
import { readdir } from 'node:fs/promises'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { auditStorage, purgeTrash } from 'payload-plugin-generated-assets'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { createAppConfig } from '../../payload.config'
import { SAMPLE_PNG } from '../fakes/samples'
import { type App, getApp, getS3, objectKeyOf, ORIGIN } from '../helpers/app'
import { createTestS3Client } from '../helpers/s3'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')
const DAY = 86_400_000

let app: App
let editor: Awaited<ReturnType<App['createUser']>>
let stopWorker: (() => Promise<void>) | undefined

beforeAll(async () => {
  // The purge is scheduled every second here (the default is hourly), so the test sees it run.
  app = await getApp({ configPromise: createAppConfig({ pluginOptions: { trashPurgeSchedule: '* * * * * *' } }) })
  // Workers of other test files (default: hourly) may have queued the next run already; Payload
  // schedules no other run of a task while one waits, so that one would hold this file's back.
  await app.payload.delete({
    collection: 'payload-jobs',
    overrideAccess: true,
    where: { and: [{ taskSlug: { equals: 'purgeGeneratedAssetsTrash' } }, { completedAt: { exists: false } }] },
  })
  editor = await app.createUser()
  stopWorker = app.startWorker()
})

afterAll(async () => {
  await stopWorker?.()
  await app?.close()
})

const s3 = getS3()
const bucket = () => ({
  Bucket: process.env.S3_BUCKET!,
  client: createTestS3Client(),
})
const putObject = async (Key: string) => {
  const { Bucket, client } = bucket()
  await client.send(new PutObjectCommand({ Body: Buffer.from('not referenced by anything'), Bucket, Key }))
  client.destroy()
}
const deleteObject = async (Key: string) => {
  const { Bucket, client } = bucket()
  await client.send(new DeleteObjectCommand({ Bucket, Key }))
  client.destroy()
}

/** Every key in the bucket, all pages (auditStorage's own listing is not used to check it). */
const listAllKeys = async () => {
  const { Bucket, client } = bucket()
  const { paginateListObjectsV2 } = await import('@aws-sdk/client-s3')
  const keys: string[] = []
  for await (const page of paginateListObjectsV2({ client }, { Bucket })) {
    for (const object of page.Contents ?? []) keys.push(object.Key!)
  }
  client.destroy()
  return keys
}

const generateReady = async (body: Record<string, unknown>) => {
  const response = await app.request('POST', 'generated-assets/generate', { body, token: editor.token })
  const { id } = await response.json()
  expect(response.status).toBe(202)
  const doc = await app.waitForAsset(id, (asset) => asset.status === 'ready' || asset.status === 'failed', 60_000)
  expect(doc.error).toBeNull()
  return doc
}
const generateImage = (prompt: string) => generateReady({ params: { size: '640x480' }, prompt })
const generateVideo = (prompt: string) =>
  generateReady({ model: 'local/video', params: { duration: 1, fps: 8, size: '320x240' }, prompt })

/** The bucket keys of an upload document's file and its image sizes. */
const fileKeys = (doc: any) =>
  [doc.filename, ...Object.values((doc.sizes ?? {}) as Record<string, { filename?: null | string }>).map((size) => size?.filename)]
    .filter((name): name is string => Boolean(name))
    .map((name) => objectKeyOf(doc, name))

/** The keys of an asset's file, its sizes, and its poster's file and sizes. */
const storedKeysOf = async (doc: any) => {
  const keys = fileKeys(doc)
  if (doc.poster) {
    const poster = await app.payload.findByID({
      collection: 'generated-asset-posters',
      id: typeof doc.poster === 'object' ? doc.poster.id : doc.poster,
      overrideAccess: true,
    })
    keys.push(...fileKeys(poster))
  }
  return keys
}

const posterCount = async (assetId: number | string, posterId: number | string) =>
  (
    await app.payload.count({
      collection: 'generated-asset-posters',
      overrideAccess: true,
      where: { or: [{ id: { equals: posterId } }, { asset: { equals: assetId } }] },
    })
  ).totalDocs

const exists = async (id: number | string) =>
  (await app.payload.count({ collection: 'generated-assets', overrideAccess: true, trash: true, where: { id: { equals: id } } }))
    .totalDocs === 1

const trashAt = (id: number | string, deletedAt: Date) =>
  app.payload.update({
    collection: 'generated-assets',
    data: { deletedAt: deletedAt.toISOString() },
    id,
    overrideAccess: true,
    trash: true,
  })

describe('permanent delete', () => {
  it('REST DELETE of an image removes its file and every image size from the bucket', async () => {
    const image = await generateImage('delete me for good')
    const keys = await storedKeysOf(image)
    expect(keys.length).toBeGreaterThanOrEqual(2) // the file and at least its thumbnail
    for (const key of keys) expect(await s3.exists(key)).toBe(true)

    const response = await app.request('DELETE', `generated-assets/${image.id}`, { token: editor.token })
    expect(response.status).toBe(200)

    const after = await listAllKeys()
    expect(keys.filter((key) => after.includes(key))).toEqual([])
    expect(await exists(image.id)).toBe(false)
  })

  it('a video keeps its poster in the trash; bulk delete then removes video, poster document, poster file and sizes', async () => {
    const video = await generateVideo('a video with a poster')
    const keys = await storedKeysOf(video)
    expect(keys.some((key) => key.includes('-poster'))).toBe(true)
    for (const key of keys) expect(await s3.exists(key)).toBe(true)

    // Trashing is a soft delete: every object stays, for restore.
    const trashed = await app.request('PATCH', `generated-assets/${video.id}`, {
      body: { deletedAt: new Date().toISOString() },
      token: editor.token,
    })
    expect(trashed.status).toBe(200)
    for (const key of keys) expect(await s3.exists(key)).toBe(true)

    const response = await app.request('POST', 'generated-assets/bulk', {
      body: { action: 'delete', ids: [video.id] },
      token: editor.token,
    })
    expect(await response.json()).toMatchObject({ changed: 1, failed: [], matched: 1 })

    const after = await listAllKeys()
    expect(keys.filter((key) => after.includes(key))).toEqual([])
    expect(await posterCount(video.id, video.poster)).toBe(0)
  })
})

describe('scheduled trash purge', () => {
  it('purges an asset trashed over trashRetentionDays ago with its objects; keeps recent trash and live assets', async () => {
    const [old, recent, live] = await Promise.all([
      generateVideo('old trash'),
      generateImage('recent trash'),
      generateImage('not in the trash'),
    ])
    const oldKeys = await storedKeysOf(old)
    await trashAt(recent.id, new Date(Date.now() - 29 * DAY))
    // Trashed last: once it is gone, a purge has run after the recent one was trashed too.
    await trashAt(old.id, new Date(Date.now() - 31 * DAY))

    // The worker queues the scheduled task (due every second here; workers check every 10 s) and
    // runs it. Waited for until the whole delete is done: without transactions (SQLite) the row is
    // gone before the delete's hooks have removed the files and the poster.
    const isPurged = async () =>
      !(await exists(old.id)) &&
      (await posterCount(old.id, old.poster)) === 0 &&
      !(await listAllKeys()).some((key) => oldKeys.includes(key))
    for (let waited = 0; !(await isPurged()) && waited < 40_000; waited += 200) {
      await new Promise((resolve) => setTimeout(resolve, 200))
    }
    expect(await exists(old.id)).toBe(false)
    const after = await listAllKeys()
    expect(oldKeys.filter((key) => after.includes(key))).toEqual([])
    expect(await posterCount(old.id, old.poster)).toBe(0)

    for (const kept of [recent, live]) {
      expect(await exists(kept.id)).toBe(true)
      for (const key of await storedKeysOf(kept)) expect(after).toContain(key)
    }
  })

  it('two purges at once delete each old asset exactly once, without errors', async () => {
    const assets = await Promise.all(Array.from({ length: 6 }, (_, index) => generateImage(`concurrent purge ${index}`)))
    const keys = (await Promise.all(assets.map(storedKeysOf))).flat()
    // The worker's own scheduled purge would race these two: stop it, so the outcome is theirs alone.
    await stopWorker?.()
    try {
      for (const asset of assets) await trashAt(asset.id, new Date(Date.now() - 40 * DAY))
      const [first, second] = await Promise.all([
        purgeTrash({ payload: app.payload }),
        purgeTrash({ payload: app.payload }),
      ])
      expect([...first.failed, ...second.failed]).toEqual([])
      const purged = [...first.purged, ...second.purged].map(String)
      expect(new Set(purged).size).toBe(purged.length)
      expect(purged.sort()).toEqual(assets.map((asset) => String(asset.id)).sort())
      const after = await listAllKeys()
      expect(keys.filter((key) => after.includes(key))).toEqual([])
    } finally {
      stopWorker = app.startWorker()
    }
  })
})

describe('auditStorage', () => {
  it('finds planted orphans and deleted objects, fixes them, and then finds nothing', async () => {
    const [image, video, gone] = await Promise.all([
      generateImage('audited image'),
      generateVideo('audited video'),
      generateImage('deleted before the audit'),
    ])
    const goneId = gone.id
    await app.request('DELETE', `generated-assets/${goneId}`, { token: editor.token })
    // An asset still in flight (no job will run it): its objects are never orphans.
    const inFlight = await app.payload.create({
      collection: 'generated-assets',
      data: { createdBy: editor.id as number, kind: 'image', model: 'local/image', prompt: 'in flight', status: 'generating' },
      overrideAccess: true,
    })

    const planted = [
      `generated-assets/stale-size-ga${image.id}-640x999.webp`,
      `generated-assets/left-behind-ga${goneId}.png`,
      `generated-assets/posters/left-behind-ga${goneId}-poster.jpg`,
    ]
    const inFlightKey = `generated-assets/in-flight-ga${inFlight.id}.png`
    // Outside the plugin's folder, even when named like its files: never the plugin's to judge.
    const foreign = ['someone-elses/photo.png', `media/host-file-ga${goneId}.png`]
    for (const key of [...planted, inFlightKey, ...foreign]) await putObject(key)
    const brokenKey = objectKeyOf(image, image.sizes.thumbnail.filename)
    await deleteObject(brokenKey)
    const videoKeys = await storedKeysOf(video)

    const found = await auditStorage({ payload: app.payload })
    expect(found.fixed).toBe(false)
    expect(found.orphans).toEqual(expect.arrayContaining(planted))
    expect(found.orphans).not.toContain(inFlightKey)
    for (const key of foreign) expect(found.orphans).not.toContain(key)
    expect(found.missing).toContainEqual({ id: image.id, keys: [brokenKey] })
    // Reporting changes nothing.
    for (const key of planted) expect(await s3.exists(key)).toBe(true)
    expect((await app.waitForAsset(image.id, () => true)).status).toBe('ready')

    const fixed = await auditStorage({ fix: true, payload: app.payload })
    expect(fixed).toMatchObject({ fixed: true, missing: found.missing, orphans: found.orphans })
    for (const key of planted) expect(await s3.exists(key)).toBe(false)
    for (const key of [inFlightKey, ...foreign, ...videoKeys]) expect(await s3.exists(key)).toBe(true)
    const broken = await app.waitForAsset(image.id, () => true)
    expect(broken).toMatchObject({ errorCode: 'storage_missing', status: 'failed' })
    expect(broken.error).toContain(brokenKey)

    expect(await auditStorage({ payload: app.payload })).toEqual({ fixed: false, missing: [], orphans: [] })
    for (const key of [inFlightKey, ...foreign]) await deleteObject(key)
    await app.payload.delete({ collection: 'generated-assets', id: inFlight.id, overrideAccess: true })
  })

  it('`payload audit:storage --fix` prints the orphans, removes them and exits 0', async () => {
    const asset = await generateImage('audited from the command line')
    const orphan = `generated-assets/cli-orphan-ga${asset.id}-1x1.webp`
    await putObject(orphan)
    const run = spawn(process.execPath, [path.join(root, 'node_modules/payload/bin.js'), 'audit:storage', '--fix'], {
      cwd: root,
      env: process.env,
    })
    let output = ''
    run.stdout.on('data', (chunk) => (output += chunk))
    run.stderr.on('data', (chunk) => (output += chunk))
    const code = await new Promise<null | number>((resolve) => run.on('close', resolve))
    expect(output).toContain(orphan)
    expect(output).toContain('Fixed')
    expect(code).toBe(0)
    expect(await s3.exists(orphan)).toBe(false)
    expect(await s3.exists(objectKeyOf(asset))).toBe(true)
  }, 120_000)
})

describe('upload temp files', () => {
  /** Payload's `upload.useTempFiles` directory (the demo sets `useTempFiles: true`; Payload's default directory is `tmp`). */
  const tempFiles = async () =>
    new Set(await readdir(path.resolve(app.config.upload?.tempFileDir ?? 'tmp')).catch(() => [] as string[]))
  const upload = (method: 'PATCH' | 'POST', urlPath: string, data: Record<string, unknown>, token?: string) => {
    const form = new FormData()
    form.append('_payload', JSON.stringify(data))
    form.append('file', new Blob([new Uint8Array(SAMPLE_PNG)], { type: 'image/png' }), 'upload.png')
    const url = new URL(`/api/${urlPath}`, ORIGIN)
    const handler = (method === 'POST' ? REST_POST : REST_PATCH)(app.config)
    return handler(new Request(url, { body: form, headers: token ? { Authorization: `JWT ${token}` } : {}, method }), {
      params: Promise.resolve({ slug: urlPath.split('?')[0]!.split('/') }),
    })
  }

  it('are removed after uploads through REST, whether they are stored or refused', async () => {
    const other = await app.createUser()
    const before = await tempFiles()
    const created = await upload('POST', 'generated-assets', { model: 'local/image', prefix: 'media', prompt: 'uploaded by hand' }, editor.token)
    expect(created.status).toBe(201)
    const { doc } = (await created.json()) as { doc: { filename: string; id: number; prefix: string } }
    // A REST upload cannot choose its folder: the plugin's prefix field is set by the plugin only.
    expect(doc.prefix).toBe('generated-assets')
    expect(await s3.exists(objectKeyOf(doc))).toBe(true)
    expect((await upload('PATCH', `generated-assets/${doc.id}`, { prefix: '', prompt: 'a new file' }, editor.token)).status).toBe(200)
    const replaced = await app.waitForAsset(doc.id, () => true)
    expect(replaced.prefix).toBe('generated-assets')
    expect(await s3.exists(objectKeyOf(replaced))).toBe(true)
    expect((await upload('PATCH', `generated-assets/${doc.id}`, { prompt: 'not yours' }, other.token)).status).toBe(403)
    expect((await upload('POST', 'generated-assets', { prompt: 'anonymous' })).status).toBe(403)
    expect((await upload('POST', 'generated-assets', { prompt: 42, status: 'bogus' }, editor.token)).status).toBe(400)
    const left = [...(await tempFiles())].filter((name) => !before.has(name))
    expect(left).toEqual([])
  })
})
