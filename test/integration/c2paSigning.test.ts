/**
 * C2PA signing of stored originals (`provenance.c2pa`), checked with the official C2PA reader
 * (c2pa-rs as WebAssembly, not the library the plugin signs with) trusting the test roots:
 * - off (the default): an image a provider signed, generated through the OpenAI fake or imported,
 *   is stored byte for byte and still validates as the provider's; `aiDisclosure.c2pa` says so;
 * - on: a generated original carries the gallery's manifest (c2pa.created, the digital source
 *   type, the model as software agent, source images as ingredients) over its final bytes, XMP
 *   included; a provider's manifest becomes its parent ingredient; Payload's sizes are not signed;
 *   imports stay as they came;
 * - a signer that fails: the generation is stored unsigned, the reason recorded, nothing lost.
 */
import type { AddressInfo } from 'node:net'

import { exiftool } from 'exiftool-vendored'
import { createServer, type Server } from 'node:http'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import sharp from 'sharp'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { createAppConfig } from '../../payload.config'
import { createFakeModels } from '../fakes/fakeModels'
import { type OpenAIFake, startOpenAIFake } from '../fakes/openai'
import { type App, getApp, getS3, objectKeyOf } from '../helpers/app'
import { getActions, readActiveLabel, readC2PA, readTestCredential, signAsProvider } from '../helpers/c2pa'

const TRAINED = 'http://cv.iptc.org/newscodes/digitalsourcetype/trainedAlgorithmicMedia'
const COMPOSITE = 'http://cv.iptc.org/newscodes/digitalsourcetype/compositeWithTrainedAlgorithmicMedia'

let directory: string
let served: Server
let origin: string
let openai: OpenAIFake
/** A PNG the test provider signed: what the OpenAI fake answers and what imports fetch. */
let providerPng: Buffer
let providerLabel: string

beforeAll(async () => {
  directory = await mkdtemp(path.join(tmpdir(), 'c2pa-signing-test-'))
  const drawn = await sharp({ create: { background: '#2b6cb0', channels: 3, height: 512, width: 768 } }).png().toBuffer()
  providerPng = await signAsProvider(drawn)
  providerLabel = readActiveLabel(providerPng)
  // The fixture is what it stands for: a file c2pa-rs validates as the provider's.
  const report = await readC2PA(providerPng, 'image/png')
  expect(report?.validation_state).toBe('Trusted')
  expect(report?.manifests[providerLabel]?.signature_info?.common_name).toBe('Test provider signer')
  openai = await startOpenAIFake({ behavior: { images: [providerPng], kind: 'success' } })
  served = createServer((request, response) => {
    if (request.url !== '/provider.png') return void response.writeHead(404).end()
    response.writeHead(200, { 'content-length': providerPng.length, 'content-type': 'image/png' }).end(providerPng)
  })
  await new Promise<void>((resolve) => served.listen(0, '127.0.0.1', resolve))
  origin = `http://127.0.0.1:${(served.address() as AddressInfo).port}`
})

afterAll(async () => {
  await new Promise((resolve) => served?.close(resolve))
  await openai?.stop()
  await exiftool.end()
  if (directory) await rm(directory, { force: true, recursive: true })
})

/** Payload keeps one instance per process: each config below needs its own. */
const forgetCachedPayload = () => {
  const cache = globalThis as { _payload?: Map<string, unknown>; _payload_graphql?: { graphql: unknown; promise: unknown } }
  cache._payload?.delete('default')
  if (cache._payload_graphql) Object.assign(cache._payload_graphql, { graphql: null, promise: null })
}

/** Opens the demo app with the provenance option given, the OpenAI fake's gpt-image-1 and the local image model. */
const useApp = (provenance?: Record<string, unknown>) => {
  const state = {} as { app: App; token: string; stop: () => Promise<void> }
  beforeAll(async () => {
    forgetCachedPayload()
    const models = createFakeModels({
      'local/image': { kind: 'image', modelId: 'image', provider: 'local' },
      'openai/gpt-image-1': { apiKey: openai.apiKey, baseURL: openai.baseURL, kind: 'image', modelId: 'gpt-image-1', provider: 'openai' },
    })
    state.app = await getApp({
      configPromise: createAppConfig({ pluginOptions: { allowPrivateAddresses: true, models, ...(provenance && { provenance }) } }),
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

const settle = async (state: { app: App }, response: Response) => {
  expect(response.status, await response.clone().text()).toBe(202)
  const { id } = await response.json()
  const doc = await state.app.waitForAsset(id, (asset) => asset.status === 'ready' || asset.status === 'failed', 60_000)
  expect(doc.error).toBeNull()
  return doc
}

const generate = (state: { app: App; token: string }, body: Record<string, unknown>) =>
  state.app.request('POST', 'generated-assets/generate', { body, token: state.token }).then((response) => settle(state, response))

const importProviderPng = (state: { app: App; token: string }) =>
  state.app
    .request('POST', 'generated-assets/ingest', { body: { url: `${origin}/provider.png` }, token: state.token })
    .then((response) => settle(state, response))

/** The REST document of an asset, as a client reads it. */
const readRest = async (state: { app: App; token: string }, id: number | string) =>
  (await state.app.request('GET', `generated-assets/${id}`, { token: state.token })).json()

const readTags = async (bytes: Buffer) => {
  const file = path.join(directory, `${Math.random().toString(36).slice(2)}.bin`)
  await writeFile(file, bytes)
  return (await exiftool.read(file)) as Record<string, unknown>
}

describe('C2PA signing off (the default)', () => {
  const state = useApp()

  it('stores a provider-signed output byte for byte, still valid as the provider\u2019s, and says so', async () => {
    const doc = await generate(state, { model: 'openai/gpt-image-1', prompt: 'a signed lighthouse' })
    const stored = await getS3().get(objectKeyOf(doc))
    expect(stored.equals(providerPng)).toBe(true)
    const report = await readC2PA(stored, 'image/png')
    expect(report?.validation_state).toBe('Trusted')
    expect(report?.active_manifest).toBe(providerLabel)
    const rest = await readRest(state, doc.id)
    expect(rest.aiDisclosure).toMatchObject({ c2pa: 'provider', isAIGenerated: true, model: 'openai/gpt-image-1' })
    expect(rest.c2paError).toBeNull()
  })

  it('stores an imported provider-signed file byte for byte; a plain generation has no manifest', async () => {
    const imported = await importProviderPng(state)
    expect((await getS3().get(objectKeyOf(imported))).equals(providerPng)).toBe(true)
    // An import claims what its own valid manifest says: the provider's c2pa.created action, trained algorithmic media.
    expect((await readRest(state, imported.id)).aiDisclosure).toMatchObject({ c2pa: 'provider', isAIGenerated: true, model: null })
    const plain = await generate(state, { model: 'local/image', params: { size: '320x200' }, prompt: 'unsigned' })
    expect(await readC2PA(await getS3().get(objectKeyOf(plain)), 'image/png')).toBeNull()
    expect((await readRest(state, plain.id)).aiDisclosure.c2pa).toBe('none')
  })
})

describe('C2PA signing on', () => {
  const gallery = readTestCredential('gallery')
  const state = useApp({ c2pa: { signer: { certificateChain: gallery.certificate, privateKey: gallery.privateKey } } })

  it('signs a generated original over its final bytes, XMP included; its sizes are not signed', async () => {
    const doc = await generate(state, { model: 'local/image', params: { seed: 4, size: '640x480' }, prompt: 'a signed harbour' })
    const original = await getS3().get(objectKeyOf(doc))
    const report = (await readC2PA(original, 'image/png'))!
    expect(report.validation_state).toBe('Trusted')
    expect(report.validation_status ?? []).toEqual([])
    const manifest = report.manifests[report.active_manifest]!
    expect(manifest.signature_info?.common_name).toBe('Test gallery signer')
    expect(manifest.claim_generator_info?.[0]?.name).toBe('payload-plugin-generated-assets')
    expect(manifest.title).toBe(doc.filename)
    expect(getActions(report)).toEqual([
      { action: 'c2pa.created', digitalSourceType: TRAINED, softwareAgent: { name: 'local/image', version: 'image' } },
    ])
    expect(manifest.ingredients ?? []).toEqual([])
    // The XMP disclosure was written before signing: it is part of the signed bytes.
    expect((await readTags(original)).DigitalSourceType).toBe(TRAINED)
    const thumbnail = await getS3().get(objectKeyOf(doc, doc.sizes.thumbnail.filename))
    expect(await readC2PA(thumbnail, 'image/webp')).toBeNull()
    expect((await readTags(thumbnail)).DigitalSourceType).toBe(TRAINED)
    const rest = await readRest(state, doc.id)
    expect(rest.aiDisclosure).toEqual({ c2pa: 'signed', digitalSourceType: TRAINED, isAIGenerated: true, model: 'local/image', provider: 'local' })
    expect(rest.c2paError).toBeNull()
  })

  it('names the source images of an edit as its ingredients', async () => {
    const source = await generate(state, { model: 'local/image', params: { size: '320x200' }, prompt: 'the source' })
    const doc = await generate(state, { model: 'local/image', params: { seed: 2 }, prompt: 'an edit', sources: [source.id] })
    const report = (await readC2PA(await getS3().get(objectKeyOf(doc)), 'image/png'))!
    expect(report.validation_state).toBe('Trusted')
    const [created] = getActions(report)
    expect(created).toMatchObject({ action: 'c2pa.created', digitalSourceType: COMPOSITE })
    expect(created!.parameters?.ingredients).toHaveLength(1)
    expect(report.manifests[report.active_manifest]!.ingredients).toMatchObject([
      { format: 'image/png', relationship: 'inputTo', title: source.filename },
    ])
  })

  it('signs a provider-signed output with the provider\u2019s manifest as its parent ingredient', async () => {
    const doc = await generate(state, { model: 'openai/gpt-image-1', prompt: 'a signed lighthouse' })
    const stored = await getS3().get(objectKeyOf(doc))
    expect(stored.equals(providerPng)).toBe(false)
    const report = (await readC2PA(stored, 'image/png'))!
    expect(report.validation_state).toBe('Trusted')
    expect(report.validation_status ?? []).toEqual([])
    expect(report.active_manifest).not.toBe(providerLabel)
    const ours = report.manifests[report.active_manifest]!
    expect(ours.signature_info?.common_name).toBe('Test gallery signer')
    expect(ours.ingredients).toMatchObject([{ active_manifest: providerLabel, relationship: 'parentOf' }])
    expect(getActions(report).map(({ action }) => action)).toEqual(['c2pa.opened', 'c2pa.edited.metadata'])
    // The provider's manifest travels in the store, its signature still valid, its claim unchanged.
    const theirs = report.manifests[providerLabel]!
    expect(theirs.signature_info?.common_name).toBe('Test provider signer')
    expect(getActions(report, providerLabel)).toEqual([
      { action: 'c2pa.created', digitalSourceType: TRAINED, softwareAgent: { name: 'gpt-image-1' } },
    ])
    expect(JSON.stringify(report.validation_results?.ingredientDeltas ?? [])).not.toContain('"failure":[{')
    expect((await readTags(stored)).DigitalSourceType).toBe(TRAINED)
    expect((await readRest(state, doc.id)).aiDisclosure.c2pa).toBe('signed')
  })

  it('leaves imports as they came', async () => {
    const imported = await importProviderPng(state)
    expect((await getS3().get(objectKeyOf(imported))).equals(providerPng)).toBe(true)
    expect((await readRest(state, imported.id)).aiDisclosure.c2pa).toBe('provider')
  })
})

describe('C2PA signing with a signer that fails', () => {
  const gallery = readTestCredential('gallery')
  const state = useApp({
    c2pa: {
      signer: {
        certificateChain: gallery.certificate,
        sign: async () => {
          throw new Error('The signing service is unavailable.')
        },
      },
    },
  })

  it('stores the generation unsigned with the reason, a provider-signed one byte for byte', async () => {
    const plain = await generate(state, { model: 'local/image', params: { size: '320x200' }, prompt: 'unsigned after all' })
    expect(plain.status).toBe('ready')
    const original = await getS3().get(objectKeyOf(plain))
    expect(await readC2PA(original, 'image/png')).toBeNull()
    expect((await readTags(original)).DigitalSourceType).toBe(TRAINED)
    const rest = await readRest(state, plain.id)
    expect(rest.aiDisclosure.c2pa).toBe('none')
    expect(rest.c2paError).toContain('The signing service is unavailable.')

    const provided = await generate(state, { model: 'openai/gpt-image-1', prompt: 'still the provider\u2019s' })
    expect((await getS3().get(objectKeyOf(provided))).equals(providerPng)).toBe(true)
    const providedRest = await readRest(state, provided.id)
    expect(providedRest.aiDisclosure.c2pa).toBe('provider')
    expect(providedRest.c2paError).toContain('The signing service is unavailable.')
  })
})
