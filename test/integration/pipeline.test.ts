import sharp from 'sharp'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { type App, getApp, getS3, objectKeyOf } from '../helpers/app'
import { readEvents } from '../helpers/sse'

let app: App
let editor: Awaited<ReturnType<App['createUser']>>
let stopWorker: () => Promise<void>

beforeAll(async () => {
  app = await getApp()
  editor = await app.createUser()
  stopWorker = app.startWorker()
})

afterAll(async () => {
  await stopWorker?.()
  await app?.close()
})

const generate = async (body: unknown, token = editor.token) => {
  const response = await app.request('POST', 'generated-assets/generate', { body, token })
  return { body: await response.json(), status: response.status }
}

describe('video', () => {
  it('renders with local/video through doStart/doStatus, stores the MP4 and a poster, and records its figures', async () => {
    const { body, status } = await generate({
      model: 'local/video',
      params: { duration: 2, fps: 12, seed: 3, size: '320x240' },
      prompt: 'a paper boat on a pond',
    })
    expect(status).toBe(202)
    const doc = await app.waitForAsset(body.id, (asset) => asset.status === 'ready' || asset.status === 'failed', 60_000)
    expect(doc.error).toBeNull()
    expect(doc).toMatchObject({ fps: 12, height: 240, kind: 'video', mimeType: 'video/mp4', width: 320 })
    expect(doc.duration).toBeCloseTo(2, 1)
    expect(doc.operation).toBeNull()
    expect(doc.inferenceTime).toBeGreaterThan(0)
    expect(doc.placeholder).toMatch(/^data:image\/webp;base64,/)

    const s3 = getS3()
    const video = await s3.get(objectKeyOf(doc))
    expect(video.subarray(4, 8).toString('latin1')).toBe('ftyp')

    const poster = await app.payload.findByID({ collection: 'generated-asset-posters', id: doc.poster, overrideAccess: true })
    const posterBytes = await s3.get(objectKeyOf(poster))
    const posterMeta = await sharp(posterBytes).metadata()
    expect([posterMeta.width, posterMeta.height]).toEqual([320, 240])

    const response = await app.request('GET', `generated-assets/${body.id}?depth=1`, { token: editor.token })
    const rest = await response.json()
    expect(rest.videoUrl).toMatch(/^http:\/\/cms\.test\/api\/generated-assets\/file\/a-paper-boat-on-a-pond-ga\d+\.mp4\?prefix=generated-assets$/)
    expect(rest.imageUrl).toBeNull()
    expect(rest.posterUrl).toMatch(/^http:\/\/cms\.test\/api\/generated-asset-posters\/file\/.+-poster\.jpg\?prefix=generated-assets%2Fposters$/)
    expect(rest.posterUrl).not.toBe(rest.videoUrl)

    // Range requests work through the file route (video seeking).
    const ranged = await app.request('GET', `generated-assets/file/${doc.filename}`, { headers: { range: 'bytes=0-99' }, token: editor.token })
    expect(ranged.status).toBe(206)
    expect((await ranged.arrayBuffer()).byteLength).toBe(100)
  })
})

describe('live status over SSE', () => {
  it('streams started, complete (with persisted URLs) to the owner, nothing to another editor, 401 to anonymous', async () => {
    expect((await app.request('GET', 'generated-assets/events')).status).toBe(401)
    const other = await app.createUser()
    const mine = readEvents({ app, token: editor.token })
    const theirs = readEvents({ app, token: other.token })
    await Promise.all([mine.ready, theirs.ready])
    const { body } = await generate({ params: { size: '128x128' }, prompt: 'events please' })
    const complete = await mine.waitFor((event) => event.event === 'generation_complete' && event.data.id === body.id)
    expect(complete.data.asset.imageUrl).toMatch(/^http:\/\/cms\.test\/api\/generated-assets\/file\/events-please-ga\d+\.png\?prefix=generated-assets$/)
    const names = mine.events.filter((event) => event.data.id === body.id).map((event) => event.event)
    expect(names).toContain('generation_started')
    expect(names.indexOf('generation_started')).toBeLessThan(names.indexOf('generation_complete'))
    // The other editor's stream has caught up (its own asset's completion, generated after
    // ours finished, has arrived: a stream delivers in order), and held nothing of ours.
    const { body: theirAsset } = await generate({ params: { size: '64x64' }, prompt: 'their events' }, other.token)
    await theirs.waitFor((event) => event.event === 'generation_complete' && event.data.id === theirAsset.id)
    expect(theirs.events.filter((event) => event.data.id === body.id)).toEqual([])
    expect(mine.events.filter((event) => event.data.id === theirAsset.id)).toEqual([])
    mine.close()
    theirs.close()
  })
})

describe('retry', () => {
  it('re-runs only failed assets, and only the owner may', async () => {
    const { body } = await generate({ params: { size: '64x64' }, prompt: 'retry me' })
    await app.waitForAsset(body.id, (asset) => asset.status === 'ready')
    const notFailed = await app.request('POST', `generated-assets/${body.id}/retry`, { token: editor.token })
    expect(notFailed.status).toBe(409)

    await app.payload.update({ collection: 'generated-assets', data: { error: 'boom', status: 'failed' }, id: body.id, overrideAccess: true })
    const other = await app.createUser()
    expect((await app.request('POST', `generated-assets/${body.id}/retry`, { token: other.token })).status).toBe(404)
    expect((await app.request('POST', `generated-assets/${body.id}/retry`)).status).toBe(401)
    const retried = await app.request('POST', `generated-assets/${body.id}/retry`, { token: editor.token })
    expect(retried.status).toBe(202)
    const doc = await app.waitForAsset(body.id, (asset) => asset.status === 'ready')
    expect(doc.error).toBeNull()
    expect(doc.attempts).toBe(1)
  })
})

describe('import from URL', () => {
  const refused = [
    'http://127.0.0.1/x.png',
    'http://localhost/x.png',
    'http://2130706433/x.png',
    'http://0x7f.0.0.1/x.png',
    'http://0177.0.0.1/x.png',
    'http://[::1]/x.png',
    'http://[::ffff:127.0.0.1]/x.png',
    'http://169.254.169.254/latest/meta-data/',
    'http://10.0.0.8/x.png',
    'http://192.168.1.1/x.png',
    'http://[fd00::1]/x.png',
    'file:///etc/passwd',
    'ftp://example.com/x.png',
    'not a url',
  ]
  it.each(refused)('refuses %s with 400 and creates nothing', async (url) => {
    const before = (await app.payload.count({ collection: 'generated-assets', overrideAccess: true, trash: true })).totalDocs
    const response = await app.request('POST', 'generated-assets/ingest', { body: { url }, token: editor.token })
    expect(response.status).toBe(400)
    expect((await response.json()).errors[0].message).toMatch(/url/)
    expect((await app.payload.count({ collection: 'generated-assets', overrideAccess: true, trash: true })).totalDocs).toBe(before)
  })

  it('answers 401 to anonymous imports', async () => {
    expect((await app.request('POST', 'generated-assets/ingest', { body: { url: 'https://example.com/x.png' } })).status).toBe(401)
  })
})
