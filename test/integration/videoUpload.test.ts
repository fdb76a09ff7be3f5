/**
 * Videos on storage-s3 with the plugin's `storage` option (memory): the worker uploads a
 * video itself, from its temporary file in 8 MiB parts, instead of through storage-s3 (50 MB parts,
 * 4 at a time, hundreds of megabytes held for a large video). What a user notices stays the same:
 * the video is in the bucket under the key storage-s3 reads, byte for byte as the provider served
 * it, served by the asset's URL and the share link, and gone after a permanent delete. With
 * `provenance: false`: the XMP AI disclosure the plugin writes into a generated video by default
 * (provenance.test.ts) would change its bytes.
 *
 * The S3 traffic of the app goes through a recording proxy in front of the test's s3rver, so the
 * test sees how the video was uploaded (s3rver's ETag of a multipart object is a plain MD5, so the
 * object itself does not tell). The video (about 20 MiB, made with ffmpeg) is served by the
 * DashScope fake through `@ai-sdk/alibaba`. Real Postgres, s3rver, ffmpeg.
 */
import type { IncomingMessage, ServerResponse } from 'node:http'

import { spawn } from 'node:child_process'
import { createHash } from 'node:crypto'
import { readFile } from 'node:fs/promises'
import { createServer, request as httpRequest } from 'node:http'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { getFfmpegPaths } from '../../plugins/generated-assets/src/media/ffmpegPaths'
import { type DashScopeFake, startDashScopeFake } from '../fakes/dashscope'
import { createFakeModels } from '../fakes/fakeModels'
import { type App, getApp, getS3, objectKeyOf } from '../helpers/app'

/** Largest part the plugin sends: 8 MiB. */
const PART_SIZE = 8 * 1024 * 1024
/** The test video's size limit (ffmpeg `-fs`): more than two parts, under storage-s3's 50 MB part. */
const VIDEO_BYTES = 20 * 1024 * 1024

/** One request the app sent to the bucket. */
type S3Request = { bytes: number; key: string; method: string; query: URLSearchParams }

/**
 * An HTTP proxy to the S3 server at `target` that records every request (method, key, query, body
 * bytes) and forwards it unchanged (the `host` header included, so signatures stay valid), except
 * those `shouldFail` picks, which it answers with S3's 500 InternalError. `onAbort` runs when an
 * AbortMultipartUpload has been answered by the server, before the client gets the answer.
 */
const startRecordingProxy = async ({ bucket, target }: { bucket: string; target: string }) => {
  const upstream = new URL(target)
  const requests: S3Request[] = []
  const hooks: { onAbort?: (request: S3Request) => Promise<void>; shouldFail?: (request: S3Request) => boolean } = {}
  const forward = (req: IncomingMessage, res: ServerResponse, record: S3Request) => {
    const outgoing = httpRequest(
      { headers: req.headers, host: upstream.hostname, method: req.method, path: req.url, port: upstream.port },
      (answer) => {
        const isAbort = record.method === 'DELETE' && record.query.has('uploadId')
        void (isAbort && hooks.onAbort ? hooks.onAbort(record) : Promise.resolve()).finally(() => {
          res.writeHead(answer.statusCode ?? 502, answer.headers)
          answer.pipe(res)
        })
      },
    )
    outgoing.on('error', () => res.destroy())
    req.pipe(outgoing)
  }
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://proxy')
    const key = decodeURIComponent(url.pathname).replace(new RegExp(`^/${bucket}/?`), '')
    const record: S3Request = { bytes: 0, key, method: req.method ?? 'GET', query: url.searchParams }
    requests.push(record)
    req.on('data', (chunk: Buffer) => {
      record.bytes += chunk.byteLength
    })
    if (hooks.shouldFail?.(record)) {
      req.resume()
      req.on('end', () => {
        res.writeHead(500, { 'content-type': 'application/xml' })
        res.end(
          '<?xml version="1.0" encoding="UTF-8"?><Error><Code>InternalError</Code><Message>We encountered an internal error. Please try again.</Message></Error>',
        )
      })
      return
    }
    forward(req, res, record)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as { port: number }
  return {
    hooks,
    requests,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
    url: `http://127.0.0.1:${port}`,
  }
}

/** A real MP4 of about `bytes` (noise barely compresses), made with the repo's ffmpeg. */
const makeVideo = async ({ bytes, file }: { bytes: number; file: string }) => {
  const { ffmpegPath } = getFfmpegPaths()
  const args = ['-hide_banner', '-loglevel', 'error', '-y', '-f', 'lavfi', '-i', 'testsrc2=s=640x360:r=30,noise=alls=100:allf=t']
  args.push('-t', '10', '-c:v', 'mpeg4', '-q:v', '1', '-pix_fmt', 'yuv420p', '-fs', String(bytes), '-f', 'mp4', file)
  await new Promise<void>((resolve, reject) => {
    const child = spawn(ffmpegPath, args, { stdio: ['ignore', 'ignore', 'pipe'] })
    let errors = ''
    child.stderr.on('data', (chunk) => (errors += chunk))
    child.once('error', reject)
    child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`ffmpeg exited ${code}: ${errors}`))))
  })
  return readFile(file)
}

const sha256 = (data: Uint8Array) => createHash('sha256').update(data).digest('hex')

const bucket = process.env.S3_BUCKET!
/** The test's s3rver, reached directly (not through the proxy). */
const s3 = getS3()
const savedEndpoint = process.env.S3_ENDPOINT
let proxy: Awaited<ReturnType<typeof startRecordingProxy>>
let dashScope: DashScopeFake
let video: Buffer
let app: App
let editor: Awaited<ReturnType<App['createUser']>>
let stopWorker: (() => Promise<void>) | undefined

beforeAll(async () => {
  video = await makeVideo({ bytes: VIDEO_BYTES, file: path.join(process.env.TEST_DATA_DIR ?? tmpdir(), 'video-upload.mp4') })
  expect(video.byteLength).toBeGreaterThan(2 * PART_SIZE)
  ;[proxy, dashScope] = await Promise.all([
    startRecordingProxy({ bucket, target: savedEndpoint! }),
    startDashScopeFake({ behavior: { kind: 'success', video: { contentType: 'video/mp4', data: video, name: 'clip.mp4' } } }),
  ])
  // Imported now: the config reads S3_ENDPOINT when it loads (storage-s3 and the plugin's `storage`).
  process.env.S3_ENDPOINT = proxy.url
  const { createAppConfig } = await import('../../payload.config')
  app = await getApp({
    configPromise: createAppConfig({
      pluginOptions: {
        allowPrivateAddresses: true,
        provenance: false,
        models: createFakeModels({
          'alibaba/wan': { apiKey: dashScope.apiKey, baseURL: dashScope.baseURL, kind: 'video', modelId: 'wan2.6-t2v', provider: 'alibaba' },
        }),
      },
    }),
  })
  editor = await app.createUser()
  stopWorker = app.startWorker()
})

afterAll(async () => {
  await stopWorker?.()
  await app?.close()
  process.env.S3_ENDPOINT = savedEndpoint
  await Promise.all([proxy?.stop(), dashScope?.stop()])
  s3.client.destroy()
})

const generateVideo = async (prompt: string) => {
  const response = await app.request('POST', 'generated-assets/generate', { body: { model: 'alibaba/wan', prompt }, token: editor.token })
  expect(response.status).toBe(202)
  const { id } = await response.json()
  const doc = await app.waitForAsset(id, (asset) => asset.status === 'ready' || asset.status === 'failed', 120_000)
  expect(doc.error).toBeNull()
  expect(doc.status).toBe('ready')
  return doc
}

/** The app's requests that wrote the object `key` (PutObject, multipart create, parts, complete). */
const writesOf = (key: string) => proxy.requests.filter((request) => request.key === key && request.method !== 'GET' && request.method !== 'HEAD')

describe('a video generated with `storage` configured', () => {
  it('is stored under its key in 8 MiB parts, byte for byte, served by its URL and share link, and removed by a permanent delete', async () => {
    const doc = await generateVideo('a long noisy clip for the bucket')
    const key = doc.storageKey as string
    expect(key).toMatch(/^generated-assets\/a-long-noisy-clip-for-the-bucket-ga\d+\.mp4$/)
    expect(key).toBe(`generated-assets/${doc.filename}`)
    expect(doc).toMatchObject({ filesize: video.byteLength, height: 360, kind: 'video', mimeType: 'video/mp4', width: 640 })
    expect(doc.poster).toBeTruthy()

    // In the bucket: exactly the served bytes, with the video's type.
    const stored = await s3.get(key)
    expect(stored.byteLength).toBe(video.byteLength)
    expect(sha256(stored)).toBe(sha256(video))
    const { HeadObjectCommand } = await import('@aws-sdk/client-s3')
    const head = await s3.client.send(new HeadObjectCommand({ Bucket: bucket, Key: key }))
    expect(head.ContentType).toBe('video/mp4')

    // Uploaded once, as a multipart upload of parts of at most 8 MiB (storage-s3 would have sent
    // one PutObject of the whole file), and never rewritten by storage-s3 afterwards.
    const writes = writesOf(key)
    const parts = writes.filter((request) => request.method === 'PUT' && request.query.has('partNumber'))
    expect(writes.filter((request) => request.method === 'POST' && request.query.has('uploads'))).toHaveLength(1)
    expect(parts.length).toBe(Math.ceil(video.byteLength / PART_SIZE))
    expect(Math.max(...parts.map((part) => part.bytes))).toBeLessThanOrEqual(PART_SIZE)
    expect(parts.reduce((sum, part) => sum + part.bytes, 0)).toBe(video.byteLength)
    expect(writes.filter((request) => request.method === 'PUT' && !request.query.has('partNumber'))).toEqual([])
    expect(writes.filter((request) => request.method === 'DELETE')).toEqual([])

    // Served by the asset's own URL (Payload's file route, through storage-s3)…
    const rest = await app.request('GET', `generated-assets/${doc.id}`, { token: editor.token })
    const url = new URL((await rest.json()).videoUrl as string)
    expect(url.pathname).toBe(`/api/generated-assets/file/${doc.filename}`)
    const served = await app.request('GET', url.pathname.replace(/^\/api\//, ''), { token: editor.token })
    expect(served.status).toBe(200)
    const servedBytes = Buffer.from(await served.arrayBuffer())
    expect(servedBytes.byteLength).toBe(video.byteLength)
    expect(sha256(servedBytes)).toBe(sha256(video))

    // …and by the share link's file route (a 302 to a signed S3 URL, anonymously).
    const shared = await app.request('POST', `generated-assets/${doc.id}/share`, { token: editor.token })
    expect(shared.status).toBe(200)
    const sharePath = new URL((await shared.json()).shareUrl).pathname.replace(/^\/api\//, '')
    const redirect = await app.request('GET', `${sharePath}/file`)
    expect(redirect.status).toBe(302)
    const signed = await fetch(redirect.headers.get('location')!)
    expect(signed.status).toBe(200)
    const sharedBytes = Buffer.from(await signed.arrayBuffer())
    expect(sharedBytes.byteLength).toBe(video.byteLength)
    expect(sha256(sharedBytes)).toBe(sha256(video))

    // A permanent delete removes the video and its poster from the bucket.
    const poster = await app.payload.findByID({ collection: 'generated-asset-posters', id: doc.poster, overrideAccess: true })
    expect(await s3.exists(objectKeyOf(poster))).toBe(true)
    const deleted = await app.request('DELETE', `generated-assets/${doc.id}`, { token: editor.token })
    expect(deleted.status).toBe(200)
    expect(await s3.exists(key)).toBe(false)
    expect(await s3.exists(objectKeyOf(poster))).toBe(false)
  })

  it('an upload that fails midway is aborted, leaves no object, and is retried to a whole video', async () => {
    const prompt = 'a clip whose upload fails midway'
    const slug = 'generated-assets/a-clip-whose-upload-fails-midway-ga'
    // Every attempt at part 2 of the first multipart upload fails (500, retried by the S3 client
    // until it gives up); the worker's retry starts a new upload, which goes through.
    let failedUploadId: null | string = null
    const existsAfterAbort: boolean[] = []
    proxy.hooks.shouldFail = (request) => {
      if (!request.key.startsWith(slug) || request.method !== 'PUT' || request.query.get('partNumber') !== '2') return false
      failedUploadId ??= request.query.get('uploadId')
      return request.query.get('uploadId') === failedUploadId
    }
    proxy.hooks.onAbort = async (request) => {
      if (request.key.startsWith(slug)) existsAfterAbort.push(await s3.exists(request.key))
    }
    try {
      const doc = await generateVideo(prompt)
      const key = objectKeyOf(doc)
      expect(failedUploadId).not.toBeNull()
      // The failed upload was aborted before the error reached the worker, and left no object.
      expect(existsAfterAbort).toEqual([false])
      // Classified retryable (a storage outage), so the asset was tried again rather than failed.
      expect(doc.attempts).toBe(2)
      const stored = await s3.get(key)
      expect(stored.byteLength).toBe(video.byteLength)
      expect(sha256(stored)).toBe(sha256(video))
      const completed = writesOf(key).filter((request) => request.method === 'POST' && request.query.has('uploadId'))
      expect(completed.map((request) => request.query.get('uploadId'))).not.toContain(failedUploadId)
      expect(completed).toHaveLength(1)
    } finally {
      proxy.hooks.shouldFail = undefined
      proxy.hooks.onAbort = undefined
    }
  })
})
