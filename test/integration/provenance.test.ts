/**
 * Provenance and AI disclosure (EU AI Act Article 50(2)): every image the plugin stores for a
 * generated asset (the original, each image size, a video's poster and its sizes) carries XMP with
 * the IPTC Photo Metadata 2025.1 properties DigitalSourceType and AISystemUsed, read back from the
 * bucket with ExifTool (exiftool-vendored); `provenance: false` writes none of it; the REST
 * document and the share JSON state `aiDisclosure`; an import is stored byte for byte, a file
 * with a C2PA manifest (PNG `caBX` chunk) included, and claims nothing its file does not show
 * (more in importProvenance.test.ts).
 */
import type { AddressInfo } from 'node:net'

import { exiftool, type Tags } from 'exiftool-vendored'
import { createServer, type Server } from 'node:http'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { crc32 } from 'node:zlib'
import sharp from 'sharp'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { buildConfig } from 'payload'
import { generatedAssetsPlugin } from 'payload-plugin-generated-assets'
import { readFile } from 'node:fs/promises'

import { Users } from '../../collections/Users'
import { getDemoModels } from '../../models'
import { createAppConfig, createDatabaseAdapter } from '../../payload.config'
import { type App, getApp, getS3, objectKeyOf } from '../helpers/app'

const TRAINED = 'http://cv.iptc.org/newscodes/digitalsourcetype/trainedAlgorithmicMedia'
const COMPOSITE = 'http://cv.iptc.org/newscodes/digitalsourcetype/compositeWithTrainedAlgorithmicMedia'

let directory: string
let served: Server
let origin: string
const files = new Map<string, Buffer>()

/** A PNG chunk (PNG specification, 5.3): length, type, data, CRC-32 of type and data. */
const pngChunk = (type: string, data: Buffer) => {
  const length = Buffer.alloc(4)
  length.writeUInt32BE(data.length)
  const typed = Buffer.concat([Buffer.from(type, 'latin1'), data])
  const crc = Buffer.alloc(4)
  crc.writeUInt32BE(crc32(typed))
  return Buffer.concat([length, typed, crc])
}

/** An ISO BMFF / JUMBF box: 32-bit size, 4-character type, body. */
const box = (type: string, body: Buffer) => {
  const header = Buffer.alloc(8)
  header.writeUInt32BE(8 + body.length)
  header.write(type, 4, 'latin1')
  return Buffer.concat([header, body])
}

/**
 * A PNG with a C2PA-like manifest store: a `caBX` chunk right after IHDR holding a JUMBF superbox
 * whose description box has the C2PA type UUID and the label `c2pa` (C2PA 2.1, 11.1). Not signed:
 * it stands for a provider's manifest, which any rewrite of the file would invalidate.
 */
const makeC2PAPng = async () => {
  const png = await sharp({ create: { background: '#3a6', channels: 3, height: 600, width: 800 } }).png().toBuffer()
  const description = box(
    'jumd',
    Buffer.concat([Buffer.from('6332706100110010800000aa00389b71', 'hex'), Buffer.from([3]), Buffer.from('c2pa\0')]),
  )
  // Signature (8 bytes) and IHDR (25 bytes) first, then the manifest store.
  return Buffer.concat([png.subarray(0, 33), pngChunk('caBX', box('jumb', description)), png.subarray(33)])
}

/** ExifTool's reading of bytes (written to a temporary file). */
const readTags = async (bytes: Buffer, name: string): Promise<Tags & Record<string, unknown>> => {
  const file = path.join(directory, `${Math.random().toString(36).slice(2)}-${name}`)
  await writeFile(file, bytes)
  return (await exiftool.read(file)) as Tags & Record<string, unknown>
}

beforeAll(async () => {
  directory = await mkdtemp(path.join(tmpdir(), 'provenance-test-'))
  served = createServer((request, response) => {
    const body = files.get(request.url ?? '')
    if (!body) {
      response.writeHead(404).end()
      return
    }
    response.writeHead(200, { 'content-length': body.length, 'content-type': 'image/png' }).end(body)
  })
  await new Promise<void>((resolve) => served.listen(0, '127.0.0.1', resolve))
  origin = `http://127.0.0.1:${(served.address() as AddressInfo).port}`
})

afterAll(async () => {
  await new Promise((resolve) => served?.close(resolve))
  // exiftool-vendored keeps one perl process for its singleton: end it.
  await exiftool.end()
  if (directory) await rm(directory, { force: true, recursive: true })
})

/** Payload keeps one instance per process: each config below needs its own. */
const forgetCachedPayload = () => {
  const cache = globalThis as { _payload?: Map<string, unknown>; _payload_graphql?: { graphql: unknown; promise: unknown } }
  cache._payload?.delete('default')
  if (cache._payload_graphql) Object.assign(cache._payload_graphql, { graphql: null, promise: null })
}

/** Opens the demo app with `pluginOptions` (or another config), a user and a worker; closes them after the block. */
const useApp = (pluginOptions: Record<string, unknown>, config?: () => ReturnType<typeof createAppConfig>) => {
  const state = {} as { app: App; token: string; stop: () => Promise<void> }
  beforeAll(async () => {
    forgetCachedPayload()
    state.app = await getApp({
      configPromise: config?.() ?? createAppConfig({ pluginOptions: { allowPrivateAddresses: true, ...pluginOptions } }),
    })
    state.token = (await state.app.createUser()).token
    state.stop = state.app.startWorker()
  })
  afterAll(async () => {
    await state.stop?.()
    await state.app?.close()
  })
  return state
}

const generate = async (state: { app: App; token: string }, body: Record<string, unknown>) => {
  const response = await state.app.request('POST', 'generated-assets/generate', { body, token: state.token })
  expect(response.status).toBe(202)
  const { id } = await response.json()
  const doc = await state.app.waitForAsset(id, (asset) => asset.status === 'ready' || asset.status === 'failed', 60_000)
  expect(doc.error).toBeNull()
  return doc
}

/** Every stored image of an asset, read from the bucket: the original (images), each size, the poster and its sizes. */
const storedImagesOf = async (app: App, doc: Record<string, any>) => {
  const s3 = getS3()
  const images: { bytes: Buffer; name: string }[] = []
  const addWithSizes = async (upload: Record<string, any>, label: string) => {
    images.push({ bytes: await s3.get(objectKeyOf(upload)), name: `${label}-original` })
    for (const [size, file] of Object.entries<Record<string, any>>(upload.sizes ?? {})) {
      if (file?.filename) images.push({ bytes: await s3.get(objectKeyOf(upload, file.filename)), name: `${label}-${size}` })
    }
  }
  if (doc.kind === 'video') {
    const poster = await app.payload.findByID({ collection: 'generated-asset-posters', id: doc.poster, overrideAccess: true })
    await addWithSizes(poster, 'poster')
  } else {
    await addWithSizes(doc, 'asset')
  }
  return images
}

/** A provider whose outputs carry a C2PA manifest (as some sign theirs): answers the fixture PNG. */
const signedModel = {
  label: 'Notary',
  model: {
    doGenerate: async () => ({
      images: [new Uint8Array(await makeC2PAPng())],
      response: { headers: undefined, modelId: 'signed-1', timestamp: new Date() },
      warnings: [],
    }),
    maxImagesPerCall: 1,
    modelId: 'signed-1',
    provider: 'signed',
    specificationVersion: 'v4',
  },
}

describe('provenance on (the default)', () => {
  const state = useApp({ models: { ...getDemoModels(), 'test/signed': signedModel } })

  it('marks the original and every size of a generated image, without re-encoding the original', async () => {
    const doc = await generate(state, { model: 'local/image', params: { seed: 5, size: '1400x1000' }, prompt: 'a lighthouse at dusk' })
    const images = await storedImagesOf(state.app, doc)
    expect(images.map(({ name }) => name).sort()).toEqual(['asset-original', 'asset-preview', 'asset-thumbnail'])
    for (const { bytes, name } of images) {
      const tags = await readTags(bytes, name)
      expect(tags.DigitalSourceType, name).toBe(TRAINED)
      expect(tags.AISystemUsed, name).toBe('Local (offline)')
      expect(tags.AISystemVersionUsed, name).toBe('image')
      expect(String(tags.CreateDate), name).toMatch(/^\d{4}-\d\d-\d\dT/)
      // The prompt stays out unless `provenance.embedPrompt` is set.
      expect(tags.Description, name).toBeUndefined()
    }
    // The original is the model's PNG, its pixels as the model drew them: the same seed and size
    // through the same model give the same picture.
    const original = images.find(({ name }) => name === 'asset-original')!.bytes
    expect((await sharp(original).metadata()).format).toBe('png')
    const { createLocalImageModel } = await import('payload-plugin-generated-assets')
    const drawn = await createLocalImageModel().doGenerate({
      aspectRatio: undefined,
      n: 1,
      prompt: 'a lighthouse at dusk',
      providerOptions: {},
      seed: 5,
      size: '1400x1000',
    } as never)
    const modelBytes = Buffer.from(drawn.images[0] as Uint8Array)
    // Buffer#equals: a deep toEqual over 4 MB of pixels takes seconds.
    expect((await sharp(original).raw().toBuffer()).equals(await sharp(modelBytes).raw().toBuffer())).toBe(true)
    expect(original.length).toBeGreaterThan(modelBytes.length)

    const rest = await (await state.app.request('GET', `generated-assets/${doc.id}`, { token: state.token })).json()
    expect(rest.aiDisclosure).toEqual({ c2pa: 'none', digitalSourceType: TRAINED, isAIGenerated: true, model: 'local/image', provider: 'local' })

    // The share JSON and the share page say the same.
    const shared = await state.app.request('POST', `generated-assets/${doc.id}/share`, { token: state.token })
    const sharePath = new URL((await shared.json()).shareUrl).pathname.replace(/^\/api\//, '')
    const json = await (await state.app.request('GET', sharePath, { headers: { accept: 'application/json' } })).json()
    expect(json.aiDisclosure).toEqual(rest.aiDisclosure)
    const html = await (await state.app.request('GET', sharePath, { headers: { accept: 'text/html' } })).text()
    expect(html).toContain('<meta name="ai-generated" content="true">')
    expect(html).toContain(`<meta name="digital-source-type" content="${TRAINED}">`)
    expect(html).toContain('<p class="ai-label" role="note">AI-generated</p>')
  })

  it('marks an image made from a source image as composite, in its files and its aiDisclosure', async () => {
    const source = await generate(state, { model: 'local/image', params: { size: '320x200' }, prompt: 'a source' })
    const doc = await generate(state, { model: 'local/image', params: { seed: 2 }, prompt: 'an edit', sources: [source.id] })
    for (const { bytes, name } of await storedImagesOf(state.app, doc)) {
      expect((await readTags(bytes, name)).DigitalSourceType, name).toBe(COMPOSITE)
    }
    const rest = await (await state.app.request('GET', `generated-assets/${doc.id}`, { token: state.token })).json()
    expect(rest.aiDisclosure.digitalSourceType).toBe(COMPOSITE)
    // The virtual field works with select too (its inputs are read for it).
    const selected = await (
      await state.app.request('GET', `generated-assets/${doc.id}?select[aiDisclosure]=true`, { token: state.token })
    ).json()
    expect(selected.aiDisclosure).toEqual(rest.aiDisclosure)
    expect(selected.sources).toBeUndefined()
    const graphql = await state.app.graphql(
      `query ($id: ${typeof doc.id === 'number' ? 'Int' : 'String'}!) { GeneratedAsset(id: $id) { aiDisclosure { c2pa isAIGenerated digitalSourceType model provider } } }`,
      { token: state.token, variables: { id: doc.id } },
    )
    expect(graphql.errors).toBeUndefined()
    expect(graphql.data.GeneratedAsset.aiDisclosure).toEqual(rest.aiDisclosure)
  })

  it('marks a video, its poster and the poster\u2019s thumbnail', async () => {
    const doc = await generate(state, {
      model: 'local/video',
      params: { duration: 2, fps: 12, seed: 3, size: '320x240' },
      prompt: 'a paper boat',
    })
    const images = await storedImagesOf(state.app, doc)
    expect(images.map(({ name }) => name).sort()).toEqual(['poster-original', 'poster-thumbnail'])
    for (const { bytes, name } of images) {
      const tags = await readTags(bytes, name)
      expect(tags.DigitalSourceType, name).toBe(TRAINED)
      expect(tags.AISystemUsed, name).toBe('Local video (offline)')
    }
    const video = await readTags(await getS3().get(objectKeyOf(doc)), 'video.mp4')
    expect(video.DigitalSourceType).toBe(TRAINED)
    expect(video.AISystemVersionUsed).toBe('video')
    const rest = await (await state.app.request('GET', `generated-assets/${doc.id}`, { token: state.token })).json()
    expect(rest.aiDisclosure).toMatchObject({ digitalSourceType: TRAINED, isAIGenerated: true, model: 'local/video' })
  })

  it('keeps a generated original with a C2PA manifest byte for byte, and marks its sizes', async () => {
    const doc = await generate(state, { model: 'test/signed', prompt: 'a signed picture' })
    const images = await storedImagesOf(state.app, doc)
    expect(images.map(({ name }) => name).sort()).toEqual(['asset-original', 'asset-thumbnail'])
    const original = images.find(({ name }) => name === 'asset-original')!.bytes
    expect(original.equals(await makeC2PAPng())).toBe(true)
    expect((await readTags(original, 'signed.png')).DigitalSourceType).toBeUndefined()
    const thumbnail = images.find(({ name }) => name === 'asset-thumbnail')!.bytes
    const tags = await readTags(thumbnail, 'signed-thumbnail.webp')
    expect(tags.DigitalSourceType).toBe(TRAINED)
    expect(tags.AISystemUsed).toBe('Notary (signed)')
    expect(tags.AISystemVersionUsed).toBe('signed-1')
    // The recorded size is the stored file's.
    expect(doc.sizes.thumbnail.filesize).toBe(thumbnail.length)
  })

  it('stores imports byte for byte, a C2PA manifest included, and claims nothing for them', async () => {
    const c2pa = await makeC2PAPng()
    const plain = await sharp({ create: { background: '#a63', channels: 3, height: 600, width: 700 } }).png().toBuffer()
    files.set('/c2pa.png', c2pa)
    files.set('/plain.png', plain)
    for (const [file, bytes] of [
      ['/c2pa.png', c2pa],
      ['/plain.png', plain],
    ] as const) {
      const response = await state.app.request('POST', 'generated-assets/ingest', { body: { url: `${origin}${file}` }, token: state.token })
      expect(response.status).toBe(202)
      const { id } = await response.json()
      const doc = await state.app.waitForAsset(id, (asset) => asset.status === 'ready' || asset.status === 'failed', 60_000)
      expect(doc.error).toBeNull()
      const stored = await getS3().get(objectKeyOf(doc))
      expect(stored.equals(bytes), file).toBe(true)
      // ExifTool sees the manifest store in the stored file, as in the fixture.
      if (file === '/c2pa.png') expect((await readTags(stored, 'c2pa.png')).JUMDLabel).toBe('c2pa')
      const thumbnail = await getS3().get(objectKeyOf(doc, doc.sizes.thumbnail.filename))
      expect((await readTags(thumbnail, 'thumb.webp')).DigitalSourceType).toBeUndefined()
      const rest = await (await state.app.request('GET', `generated-assets/${id}`, { token: state.token })).json()
      expect(rest.aiDisclosure).toEqual({ c2pa: 'none', digitalSourceType: null, isAIGenerated: false, model: null, provider: null })
      // What the file says is recorded: the fixture's manifest is not signed, so it fails validation and claims nothing.
      expect(rest.provenance).toMatchObject(file === '/c2pa.png' ? { c2pa: 'none', c2paStatus: 'invalid' } : { c2pa: 'none', c2paStatus: null })
    }
  })
})

describe('provenance with embedPrompt', () => {
  const state = useApp({ provenance: { embedPrompt: true } })

  it('adds the prompt as dc:description, XML-escaped by ExifTool', async () => {
    const prompt = 'a "quoted" <tag> & more'
    const doc = await generate(state, { model: 'local/image', params: { size: '640x480' }, prompt })
    for (const { bytes, name } of await storedImagesOf(state.app, doc)) {
      const tags = await readTags(bytes, name)
      expect(tags.Description, name).toBe(prompt)
      expect(tags.DigitalSourceType, name).toBe(TRAINED)
    }
  })
})

describe('provenance: false', () => {
  const state = useApp({ provenance: false })

  it('writes no disclosure into any stored file, and the API still states it', async () => {
    const image = await generate(state, { model: 'local/image', params: { size: '1400x1000' }, prompt: 'unmarked' })
    const video = await generate(state, { model: 'local/video', params: { duration: 1, fps: 12, size: '160x120' }, prompt: 'unmarked video' })
    const images = [...(await storedImagesOf(state.app, image)), ...(await storedImagesOf(state.app, video))]
    expect(images).toHaveLength(5)
    images.push({ bytes: await getS3().get(objectKeyOf(video)), name: 'video.mp4' })
    for (const { bytes, name } of images) {
      const tags = await readTags(bytes, name)
      expect(tags.DigitalSourceType, name).toBeUndefined()
      expect(tags.AISystemUsed, name).toBeUndefined()
    }
    const rest = await (await state.app.request('GET', `generated-assets/${image.id}`, { token: state.token })).json()
    expect(rest.aiDisclosure).toMatchObject({ digitalSourceType: TRAINED, isAIGenerated: true })
  })
})

describe('provenance with files on local disk (no storage adapter)', () => {
  // Local disk writes relative to the working directory: a throw-away one (hooks registered
  // before useApp's: this runs first and its afterAll last).
  const cwd = process.cwd()
  let diskDirectory: string
  beforeAll(async () => {
    diskDirectory = await mkdtemp(path.join(tmpdir(), 'provenance-disk-'))
    process.chdir(diskDirectory)
  })
  afterAll(async () => {
    process.chdir(cwd)
    if (diskDirectory) await rm(diskDirectory, { force: true, recursive: true })
  })
  const state = useApp({}, () =>
    buildConfig({
      admin: { avatar: 'default', user: Users.slug },
      collections: [Users],
      db: createDatabaseAdapter(),
      plugins: [generatedAssetsPlugin({ models: { ...getDemoModels(), 'test/signed': signedModel } as never })],
      secret: process.env.PAYLOAD_SECRET!,
      sharp,
      typescript: { outputFile: path.join(tmpdir(), 'unused-payload-types.ts') },
    }),
  )

  /** The original and the thumbnail of an asset as Payload wrote them into the collection's staticDir. */
  const filesOnDisk = async (doc: Record<string, any>) => {
    const staticDir = state.app.payload.collections['generated-assets']!.config.upload.staticDir!
    return {
      original: await readFile(path.resolve(staticDir, doc.filename)),
      thumbnail: await readFile(path.resolve(staticDir, doc.sizes.thumbnail.filename)),
    }
  }

  it('marks a generated image and its sizes, and the sizes of an original kept for its C2PA manifest', async () => {
    const plain = await filesOnDisk(await generate(state, { model: 'local/image', params: { size: '640x480' }, prompt: 'on disk' }))
    for (const [name, bytes] of Object.entries(plain)) {
      expect((await readTags(bytes, `disk-${name}`)).DigitalSourceType, name).toBe(TRAINED)
    }
    const signedDoc = await generate(state, { model: 'test/signed', prompt: 'signed on disk' })
    const signed = await filesOnDisk(signedDoc)
    expect(signed.original.equals(await makeC2PAPng())).toBe(true)
    expect((await readTags(signed.thumbnail, 'disk-signed-thumbnail.webp')).DigitalSourceType).toBe(TRAINED)
    expect(signedDoc.sizes.thumbnail.filesize).toBe(signed.thumbnail.length)
  })
})
