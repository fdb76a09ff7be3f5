/**
 * Variations, alt text and plain creates:
 * - `POST /generate` with `n` makes one asset per variation, sharing a `batch`, each with its own
 *   seed; a model that makes several images per call (`maxImagesPerCall`, gpt-image-1's is 10 in
 *   `@ai-sdk/openai`) is called once for all of them; with one image per call each variation is
 *   its own call and goes ready or failed on its own;
 * - every ready image has alt text: from the `altTextModel` (a chat model through the real
 *   `@ai-sdk/openai` against the fake's Chat Completions route), else from the prompt;
 * - Payload's own REST `create` with a prompt and no file queues the generation as `generate`
 *   does; with a file it is an upload and is ready at once.
 */
import { createOpenAI } from '@ai-sdk/openai'
import sharp from 'sharp'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { createAppConfig } from '../../payload.config'
import { createFakeModels } from '../fakes/fakeModels'
import { type OpenAIFake, startOpenAIFake } from '../fakes/openai'
import { type App, getApp, getS3, objectKeyOf, ORIGIN } from '../helpers/app'
import { REST_POST } from '@payloadcms/next/routes'

/** Four different PNGs, so each variation's stored bytes show which image of the call it got. */
const pngs = await Promise.all(
  ['#c33', '#3c3', '#33c', '#cc3'].map((background) =>
    sharp({ create: { background, channels: 3, height: 48, width: 64 } }).png().toBuffer(),
  ),
)

let openai: OpenAIFake
let app: App
let token: string
let stopWorker: (() => Promise<void>) | undefined

beforeAll(async () => {
  openai = await startOpenAIFake({ behavior: { images: pngs, kind: 'success' } })
  const fakeModels = createFakeModels({
    'local/image': { kind: 'image', modelId: 'image', provider: 'local' },
    'local/video': { kind: 'video', modelId: 'video', provider: 'local' },
    'openai/gpt-image-1': {
      apiKey: openai.apiKey,
      baseURL: openai.baseURL,
      kind: 'image',
      modelId: 'gpt-image-1',
      provider: 'openai',
    },
  })
  app = await getApp({
    configPromise: createAppConfig({
      pluginOptions: {
        allowPrivateAddresses: true,
        altTextModel: createOpenAI({ apiKey: openai.apiKey, baseURL: openai.baseURL }).chat('gpt-4o-mini'),
        models: {
          ...fakeModels,
          // The same model, told to make one image per call.
          'openai/one-per-call': { ...fakeModels['openai/gpt-image-1']!, maxImagesPerCall: 1 },
        },
      },
    }),
  })
  token = (await app.createUser()).token
  stopWorker = app.startWorker()
})

afterAll(async () => {
  await stopWorker?.()
  await openai?.stop()
  await app?.close()
})

type GenerateAnswer = { batch: null | string; id: number | string; items: { id: number | string; status: string }[]; status: string }

const generate = async (body: Record<string, unknown>) => {
  const response = await app.request('POST', 'generated-assets/generate', { body, token })
  expect(response.status, await response.clone().text()).toBe(202)
  return (await response.json()) as GenerateAnswer
}

const settled = (id: number | string) =>
  app.waitForAsset(id, (asset) => asset.status === 'ready' || asset.status === 'failed', 30_000)

const imageRequests = () => openai.requests.filter((request) => request.path.startsWith('/v1/images/'))

describe('variations', () => {
  it('n = 4 of local/image: four assets of one batch, four seeds counting up, four different pictures', async () => {
    const answer = await generate({ model: 'local/image', n: 4, params: { seed: 100, size: '128x128' }, prompt: 'variations: a lighthouse' })
    expect(answer.items).toHaveLength(4)
    expect(answer.id).toBe(answer.items[0]!.id)
    expect(answer.batch).toMatch(/^[0-9a-f-]{36}$/)
    const docs = await Promise.all(answer.items.map((item) => settled(item.id)))
    expect(docs.map((doc) => [doc.status, doc.batch, doc.batchIndex, doc.batchSize, doc.seed])).toEqual([
      ['ready', answer.batch, 0, 4, 100],
      ['ready', answer.batch, 1, 4, 101],
      ['ready', answer.batch, 2, 4, 102],
      ['ready', answer.batch, 3, 4, 103],
    ])
    const files = await Promise.all(docs.map((doc) => getS3().get(objectKeyOf(doc))))
    expect(new Set(files.map((file) => file.toString('base64'))).size).toBe(4)
    // The batch filter of Payload's REST API finds exactly them.
    const listed = await app.request('GET', `generated-assets?where[batch][equals]=${answer.batch}&sort=batchIndex`, { token })
    expect(((await listed.json()) as { docs: { id: unknown }[] }).docs.map((doc) => doc.id)).toEqual(answer.items.map((item) => item.id))
    // So does the gallery's batch filter, each item with its batch and alt text.
    const gallery = await app.request('GET', `generated-assets/gallery?batch=${answer.batch}&sort=oldest`, { token })
    const { items } = (await gallery.json()) as { items: { alt: string; batch: string; batchSize: number; id: unknown }[] }
    expect(items.map((item) => item.id)).toEqual(answer.items.map((item) => item.id))
    expect(items.every((item) => item.batch === answer.batch && item.batchSize === 4 && Boolean(item.alt))).toBe(true)
    const refused = await app.request('GET', 'generated-assets/gallery?batch=%27%20or%201%3D1', { token })
    expect(refused.status).toBe(400)
  })

  it('without a seed, each variation still gets its own (random) seed', async () => {
    const answer = await generate({ model: 'local/image', n: 3, params: { size: '64x64' }, prompt: 'variations: random seeds' })
    const seeds = (await Promise.all(answer.items.map((item) => settled(item.id)))).map((doc) => doc.seed as number)
    expect(new Set(seeds).size).toBe(3)
    expect(seeds.every((seed) => Number.isInteger(seed) && seed >= 0 && seed < 2 ** 31)).toBe(true)
  })

  it('a model that makes several images per call is called once for all four, and each keeps its own image', async () => {
    const before = imageRequests().length
    const answer = await generate({ model: 'openai/gpt-image-1', n: 4, prompt: 'variations: one call' })
    const docs = await Promise.all(answer.items.map((item) => settled(item.id)))
    expect(docs.map((doc) => doc.status)).toEqual(['ready', 'ready', 'ready', 'ready'])
    const calls = imageRequests().slice(before)
    expect(calls.map((call) => (call.body as { n?: number }).n)).toEqual([4])
    // Told apart by their pixels: the stored files carry the plugin's XMP AI disclosure as well.
    const pixels = (bytes: Buffer) => sharp(bytes).raw().toBuffer()
    const stored = await Promise.all(docs.map(async (doc) => pixels(await getS3().get(objectKeyOf(doc)))))
    const served = await Promise.all(pngs.map(pixels))
    expect(stored.map((bytes) => served.findIndex((png) => png.equals(bytes)))).toEqual([0, 1, 2, 3])
  })

  it('one image per call: four calls, and a variation the provider refuses fails alone', async () => {
    const before = imageRequests().length
    openai.enqueueBehavior({
      behaviors: [
        { images: [pngs[0]!], kind: 'success' },
        { kind: 'contentPolicy' },
        { images: [pngs[2]!], kind: 'success' },
        { images: [pngs[3]!], kind: 'success' },
      ],
    })
    const answer = await generate({ model: 'openai/one-per-call', n: 4, prompt: 'variations: one each' })
    const docs = await Promise.all(answer.items.map((item) => settled(item.id)))
    expect(imageRequests().length - before).toBe(4)
    expect(docs.filter((doc) => doc.status === 'ready')).toHaveLength(3)
    const failed = docs.filter((doc) => doc.status === 'failed')
    expect(failed).toHaveLength(1)
    expect(failed[0]!.error).toMatch(/safety|policy|content/i)
    expect(imageRequests().slice(before).every((call) => (call.body as { n?: number }).n === 1)).toBe(true)
  })

  it('GraphQL generateAsset(n: 2) answers the first asset; the second shares its batch', async () => {
    const { data, errors } = await app.graphql(
      'mutation { generateAsset(prompt: "variations: over graphql", model: "local/image", n: 2) { id batch batchIndex batchSize } }',
      { token },
    )
    expect(errors).toBeUndefined()
    expect(data.generateAsset).toMatchObject({ batchIndex: 0, batchSize: 2 })
    const { totalDocs } = await app.payload.count({
      collection: 'generated-assets',
      overrideAccess: true,
      where: { batch: { equals: data.generateAsset.batch } },
    })
    expect(totalDocs).toBe(2)
  })

  it.each([0, 5, 2.5, '4', -1])('refuses n = %j with 400 and creates nothing', async (n) => {
    const before = await app.payload.count({ collection: 'generated-assets', overrideAccess: true, trash: true })
    const response = await app.request('POST', 'generated-assets/generate', {
      body: { model: 'local/image', n, prompt: 'variations: bad n' },
      token,
    })
    expect(response.status).toBe(400)
    expect(((await response.json()) as { errors: { message: string }[] }).errors[0]!.message).toMatch(/n \(variations\).*1 to 4/)
    const after = await app.payload.count({ collection: 'generated-assets', overrideAccess: true, trash: true })
    expect(after.totalDocs).toBe(before.totalDocs)
  })
})

describe('alt text', () => {
  it("is the altTextModel's description of the image, sent the image itself", async () => {
    const before = openai.requests.length
    const [item] = (await generate({ model: 'local/image', params: { size: '64x64' }, prompt: 'alt: a cat' })).items
    const doc = await app.waitForAsset(item!.id, (asset) => asset.alt === 'A test caption from the chat model.', 30_000)
    expect(doc.status).toBe('ready')
    const chat = openai.requests.slice(before).find((request) => request.path === '/v1/chat/completions')
    const content = JSON.stringify((chat!.body as { messages: unknown }).messages)
    expect(content).toContain('data:image/jpeg;base64,')
  })

  it('comes from the prompt when the captioning model fails, and the asset is ready all the same', async () => {
    openai.setChatAnswer({ status: 500 })
    try {
      const before = openai.requests.length
      const [item] = (
        await generate({ model: 'local/image', params: { size: '64x64' }, prompt: 'a quiet harbour at dawn, --ar 3:2' })
      ).items
      expect(await settled(item!.id)).toMatchObject({ alt: 'A quiet harbour at dawn.', status: 'ready' })
      // The model was asked (after the asset turned ready) and its failure changed nothing.
      await expect
        .poll(() => openai.requests.slice(before).some((request) => request.path === '/v1/chat/completions'), { timeout: 10_000 })
        .toBe(true)
      expect(await settled(item!.id)).toMatchObject({ alt: 'A quiet harbour at dawn.', status: 'ready' })
    } finally {
      openai.setChatAnswer({ content: 'A test caption from the chat model.' })
    }
  })

  it('an alt text the editor writes is kept, and shows on REST', async () => {
    const [item] = (await generate({ model: 'local/image', params: { size: '64x64' }, prompt: 'alt: edited' })).items
    await settled(item!.id)
    const patched = await app.request('PATCH', `generated-assets/${item!.id}`, { body: { alt: 'Our own words.' }, token })
    expect(patched.status).toBe(200)
    const read = await app.request('GET', `generated-assets/${item!.id}`, { token })
    expect(((await read.json()) as { alt: string }).alt).toBe('Our own words.')
  })
})

describe("Payload's own create", () => {
  it('with a prompt and no file queues the generation, which becomes ready', async () => {
    const response = await app.request('POST', 'generated-assets', {
      body: { model: 'local/image', params: { size: '64x64' }, prompt: 'plain create: a kite' },
      token,
    })
    expect(response.status, await response.clone().text()).toBe(201)
    const { doc } = (await response.json()) as { doc: { id: number; status: string } }
    expect(doc.status).toBe('queued')
    const ready = await settled(doc.id)
    expect(ready).toMatchObject({ kind: 'image', status: 'ready' })
    expect(ready.alt).toMatch(/^(Plain create: a kite\.|A test caption from the chat model\.)$/)
  })

  it('without a model uses the default one; with a model that is not configured answers 400 and creates nothing', async () => {
    const response = await app.request('POST', 'generated-assets', { body: { prompt: 'plain create: default model' }, token })
    expect(response.status).toBe(201)
    const { doc } = (await response.json()) as { doc: { id: number } }
    expect(await settled(doc.id)).toMatchObject({ model: 'local/image', status: 'ready' })

    const before = await app.payload.count({ collection: 'generated-assets', overrideAccess: true, trash: true })
    const refused = await app.request('POST', 'generated-assets', { body: { model: 'nobody/none', prompt: 'x' }, token })
    expect(refused.status).toBe(400)
    expect(await refused.text()).toContain('nobody/none')
    expect((await app.payload.count({ collection: 'generated-assets', overrideAccess: true, trash: true })).totalDocs).toBe(
      before.totalDocs,
    )
  })

  it('with a file is an upload, ready at once', async () => {
    const form = new FormData()
    form.append('_payload', JSON.stringify({ prompt: 'an uploaded picture' }))
    form.append('file', new Blob([new Uint8Array(pngs[1]!)], { type: 'image/png' }), 'picture.png')
    const response = await REST_POST(app.config)(
      new Request(`${ORIGIN}/api/generated-assets`, { body: form, headers: { authorization: `JWT ${token}` }, method: 'POST' }),
      { params: Promise.resolve({ slug: ['generated-assets'] }) },
    )
    expect(response.status).toBe(201)
    const { doc } = (await response.json()) as { doc: Record<string, unknown> }
    expect(doc).toMatchObject({ kind: 'image', model: 'upload', status: 'ready', width: 64 })
    expect(await getS3().get(objectKeyOf(doc))).toEqual(pngs[1])
  })
})
