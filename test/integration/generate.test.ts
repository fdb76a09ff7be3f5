import { createLocalImageModel } from 'payload-plugin-generated-assets'
import sharp from 'sharp'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { type App, getApp, getS3, objectKeyOf } from '../helpers/app'

let app: App
let editor: Awaited<ReturnType<App['createUser']>>
let stopWorker: () => Promise<void>

const countAssets = async () =>
  (await app.payload.count({ collection: 'generated-assets', overrideAccess: true, trash: true })).totalDocs

const generate = async (body: unknown, token = editor.token) => {
  const response = await app.request('POST', 'generated-assets/generate', { body, token })
  return { body: await response.json(), status: response.status }
}

beforeAll(async () => {
  app = await getApp()
  editor = await app.createUser()
  stopWorker = app.startWorker()
})

afterAll(async () => {
  await stopWorker?.()
  await app?.close()
})

describe('generate → ready', () => {
  it('answers 202 at once, then the worker stores the exact model output and its WebP sizes in the bucket', async () => {
    const { body, status } = await generate({ params: { seed: 42, size: '640x480' }, prompt: 'a lighthouse at dawn' })
    expect(status).toBe(202)
    expect(body).toEqual({ batch: null, id: expect.anything(), items: [{ id: body.id, status: 'queued' }], status: 'queued' })

    const doc = await app.waitForAsset(body.id, (asset) => asset.status === 'ready' || asset.status === 'failed')
    expect(doc.error).toBeNull()
    expect(doc.status).toBe('ready')
    expect(doc.width).toBe(640)
    expect(doc.height).toBe(480)
    expect(doc.inferenceTime).toBeGreaterThan(0)
    expect(new Date(doc.completedAt).getTime()).toBeGreaterThan(new Date(doc.createdAt).getTime())
    expect(doc.createdBy).toBe(editor.id)
    expect(doc.seed).toBe(42)

    // The image in the bucket is the one the model produced, not re-encoded: the same pixels
    // (the file differs by the XMP AI disclosure the plugin adds, provenance.test.ts).
    const expected = await createLocalImageModel().doGenerate({
      aspectRatio: undefined,
      files: undefined,
      mask: undefined,
      n: 1,
      prompt: 'a lighthouse at dawn',
      providerOptions: {},
      seed: 42,
      size: '640x480',
    })
    const s3 = getS3()
    const stored = await s3.get(objectKeyOf(doc))
    const produced = Buffer.from(expected.images[0] as Uint8Array)
    expect((await sharp(stored).raw().toBuffer()).equals(await sharp(produced).raw().toBuffer())).toBe(true)
    expect((await sharp(stored).metadata()).format).toBe('png')

    // Every image size exists in the bucket, as WebP.
    for (const size of Object.values(doc.sizes as Record<string, { filename: null | string }>)) {
      if (!size.filename) continue
      const thumbnail = await s3.get(objectKeyOf(doc, size.filename))
      expect((await sharp(thumbnail).metadata()).format).toBe('webp')
    }
    expect(doc.sizes.thumbnail.filename).toBeTruthy()
  })

  it('exposes absolute URLs through REST, honouring x-forwarded-proto and x-forwarded-host', async () => {
    const { body } = await generate({ params: { size: '256x256' }, prompt: 'a red fox in snow' })
    await app.waitForAsset(body.id, (asset) => asset.status === 'ready')
    const response = await app.request('GET', `generated-assets/${body.id}`, {
      headers: { 'x-forwarded-host': 'cms.example.com', 'x-forwarded-proto': 'https' },
      token: editor.token,
    })
    expect(response.status).toBe(200)
    const doc = await response.json()
    expect(doc.imageUrl).toMatch(/^https:\/\/cms\.example\.com\/api\/generated-assets\/file\/.+\.png\?prefix=generated-assets$/)
    expect(doc.thumbnailURL).toMatch(/^https:\/\/cms\.example\.com\/api\/generated-assets\/file\/.+\.webp\?prefix=generated-assets$/)
    expect(doc.videoUrl).toBeNull()
    expect(doc.storageMode).toBe('s3')
    expect(doc.storageKey).toBe(`generated-assets/${doc.filename}`)

    // The owner can fetch the file through Payload's file route.
    const file = await app.request('GET', `generated-assets/file/${doc.filename}`, { token: editor.token })
    expect(file.status).toBe(200)
    expect((await sharp(Buffer.from(await file.arrayBuffer())).metadata()).width).toBe(256)
  })
})

describe('sharing', () => {
  it('gives an absolute share URL that serves the image to anyone, and a page with it', async () => {
    const { body } = await generate({ params: { size: '320x320' }, prompt: 'a shared sunset' })
    const doc = await app.waitForAsset(body.id, (asset) => asset.status === 'ready')
    const shared = await app.request('POST', `generated-assets/${body.id}/share`, {
      headers: { 'x-forwarded-proto': 'https' },
      token: editor.token,
    })
    expect(shared.status).toBe(200)
    const { shareUrl } = await shared.json()
    expect(shareUrl).toMatch(/^https:\/\/cms\.test\/api\/generated-assets\/share\/[\w-]{32}$/)
    expect(new URL(shareUrl).pathname.split('/').pop()).not.toBe(String(body.id))

    // Sharing again keeps the same link.
    const again = await app.request('POST', `generated-assets/${body.id}/share`, {
      headers: { 'x-forwarded-proto': 'https' },
      token: editor.token,
    })
    expect((await again.json()).shareUrl).toBe(shareUrl)

    const path = new URL(shareUrl).pathname.replace(/^\/api\//, '')
    const original = await getS3().get(objectKeyOf(doc))

    const file = await followRedirect(await app.request('GET', `${path}/file`))
    expect(file.status).toBe(200)
    expect(file.headers.get('content-type')).toBe('image/png')
    expect(Buffer.from(await file.arrayBuffer()).equals(original)).toBe(true)

    const asImage = await followRedirect(
      await app.request('GET', path, { headers: { accept: 'image/avif,image/webp,image/*' } }),
    )
    expect(asImage.status).toBe(200)
    expect(Buffer.from(await asImage.arrayBuffer()).equals(original)).toBe(true)

    const page = await app.request('GET', path, { headers: { accept: 'text/html' } })
    expect(page.status).toBe(200)
    const html = await page.text()
    expect(html).toContain('a shared sunset')
    expect(html).toContain(`<img src="${ORIGIN_HTTP(shareUrl)}/file"`)
    expect(html).toMatch(
      /<meta property="og:image" content="http:\/\/cms\.test\/api\/generated-assets\/share\/[\w-]+\/file">/,
    )

    const json = await app.request('GET', path, { headers: { accept: 'application/json' } })
    const normalized = await json.json()
    expect(normalized).toMatchObject({ kind: 'image', model: 'local/image', prompt: 'a shared sunset', width: 320 })
    expect(normalized.inferenceTime).toBeGreaterThan(0)

    const download = await app.request('GET', `${path}/file?download=1`)
    expect(download.status).toBe(302)
    const fromBucket = await fetch(download.headers.get('location')!)
    expect(fromBucket.headers.get('content-disposition')).toMatch(/^attachment; filename=".+\.png"$/)
    expect(Buffer.from(await fromBucket.arrayBuffer()).equals(original)).toBe(true)
  })

  it('answers 404 for unknown tokens and for trashed assets', async () => {
    expect((await app.request('GET', 'generated-assets/share/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA/file')).status).toBe(404)
    expect((await app.request('GET', 'generated-assets/share/..%2F..%2Fetc')).status).toBe(404)

    const { body } = await generate({ params: { size: '128x128' }, prompt: 'soon trashed' })
    await app.waitForAsset(body.id, (asset) => asset.status === 'ready')
    const { shareUrl } = await (
      await app.request('POST', `generated-assets/${body.id}/share`, { token: editor.token })
    ).json()
    const path = new URL(shareUrl).pathname.replace(/^\/api\//, '')
    expect((await app.request('GET', `${path}/file`)).status).toBe(302)

    const trashed = await app.request('PATCH', `generated-assets/${body.id}`, {
      body: { deletedAt: new Date().toISOString() },
      token: editor.token,
    })
    expect(trashed.status).toBe(200)
    expect((await app.request('GET', `${path}/file`)).status).toBe(404)
    expect((await app.request('GET', path, { headers: { accept: 'text/html' } })).status).toBe(404)
  })
})

describe('access', () => {
  it('keeps anonymous users out of the list, the documents and the files', async () => {
    const { body } = await generate({ params: { size: '128x128' }, prompt: 'private by default' })
    const doc = await app.waitForAsset(body.id, (asset) => asset.status === 'ready')
    expect((await app.request('GET', 'generated-assets')).status).toBe(403)
    expect([403, 404]).toContain((await app.request('GET', `generated-assets/${body.id}`)).status)
    expect([403, 404]).toContain((await app.request('GET', `generated-assets/file/${doc.filename}`)).status)
    expect((await app.request('POST', `generated-assets/${body.id}/share`)).status).toBe(401)
  })

  it('answers 401 to an anonymous generate and creates nothing', async () => {
    const before = await countAssets()
    const response = await app.request('POST', 'generated-assets/generate', { body: { prompt: 'anonymous' } })
    expect(response.status).toBe(401)
    expect((await response.json()).errors[0].message).toMatch(/logged in/)
    expect(await countAssets()).toBe(before)
  })

  it("does not show one editor's assets to another", async () => {
    const other = await app.createUser()
    const { body } = await generate({ params: { size: '128x128' }, prompt: 'mine only' })
    const response = await app.request('GET', `generated-assets/${body.id}`, { token: other.token })
    expect(response.status).toBe(404)
    const list = await (await app.request('GET', 'generated-assets?limit=100', { token: other.token })).json()
    expect(list.docs).toEqual([])
    expect((await app.request('POST', `generated-assets/${body.id}/share`, { token: other.token })).status).toBe(404)
  })
})

describe('bad input gets 400 with a message and creates nothing', () => {
  const cases: [string, unknown][] = [
    ['empty prompt', { prompt: '' }],
    ['whitespace prompt', { prompt: ' \n\t ' }],
    ['missing prompt', {}],
    ['prompt of the wrong type', { prompt: 42 }],
    ['prompt over 4,000 characters', { prompt: 'x'.repeat(4001) }],
    ['unknown model', { model: 'openai/does-not-exist', prompt: 'a cat' }],
    ['params of the wrong type', { params: 'large', prompt: 'a cat' }],
    ['params as an array', { params: [1, 2], prompt: 'a cat' }],
    ['size of the wrong type', { params: { size: 1024 }, prompt: 'a cat' }],
    ['malformed size', { params: { size: '1024*1024' }, prompt: 'a cat' }],
    ['size too small', { params: { size: '10x10' }, prompt: 'a cat' }],
    ['size too large', { params: { size: '8192x8192' }, prompt: 'a cat' }],
    ['seed of the wrong type', { params: { seed: 'abc' }, prompt: 'a cat' }],
    ['negative seed', { params: { seed: -1 }, prompt: 'a cat' }],
    ['unknown parameter', { params: { steps: 50 }, prompt: 'a cat' }],
    ['a JSON array body', [{ prompt: 'a cat' }]],
    ['malformed JSON', '{"prompt": "a cat"'],
    ['an empty body', ''],
  ]
  it.each(cases)('%s', async (_name, body) => {
    const before = await countAssets()
    const response = await app.request('POST', 'generated-assets/generate', {
      body,
      headers: { 'Content-Type': 'application/json' },
      token: editor.token,
    })
    expect(response.status).toBe(400)
    const json = await response.json()
    expect(json.errors[0].message).toEqual(expect.any(String))
    expect(json.errors[0].message.length).toBeGreaterThan(5)
    expect(await countAssets()).toBe(before)
  })

  it('accepts a prompt of exactly 4,000 characters', async () => {
    const { status } = await generate({ params: { size: '64x64' }, prompt: 'y'.repeat(4000) })
    expect(status).toBe(202)
  })
})

describe('GraphQL', () => {
  it('returns prompt, model, modelName, inferenceTime, imageUrl and shareUrl', async () => {
    const { body } = await generate({ params: { size: '128x128' }, prompt: 'graphql kitten' })
    await app.waitForAsset(body.id, (asset) => asset.status === 'ready')
    await app.request('POST', `generated-assets/${body.id}/share`, { token: editor.token })
    const result = await app.graphql(
      `query { GeneratedAssets(where: { prompt: { equals: "graphql kitten" } }) { docs { prompt model modelName inferenceTime imageUrl thumbnailURL shareUrl status } } }`,
      { token: editor.token },
    )
    expect(result.errors).toBeUndefined()
    const [doc] = result.data.GeneratedAssets.docs
    expect(doc).toMatchObject({
      model: 'local/image',
      modelName: 'Local (offline)',
      prompt: 'graphql kitten',
      status: 'ready',
    })
    expect(doc.inferenceTime).toBeGreaterThan(0)
    expect(doc.imageUrl).toMatch(/^http:\/\/cms\.test\/api\/generated-assets\/file\/.+\.png\?prefix=generated-assets$/)
    expect(doc.shareUrl).toMatch(/^http:\/\/cms\.test\/api\/generated-assets\/share\/[\w-]{32}$/)
  })

  it('gives anonymous users nothing', async () => {
    const result = await app.graphql(`query { GeneratedAssets { docs { prompt } } }`)
    expect(result.data?.GeneratedAssets ?? null).toBeNull()
    expect(result.errors?.[0]?.message).toMatch(/not allowed/)
  })
})

const ORIGIN_HTTP = (shareUrl: string) => shareUrl.replace(/^https:/, 'http:')

/** Share file routes answer 302 to a signed S3 URL: check it is one, and fetch it. */
const followRedirect = async (response: Response): Promise<Response> => {
  expect(response.status).toBe(302)
  const location = response.headers.get('location')!
  expect(location).toContain(process.env.S3_ENDPOINT!)
  expect(location).toMatch(/X-Amz-Signature=/)
  expect(location).toMatch(/X-Amz-Expires=300/)
  return fetch(location)
}
