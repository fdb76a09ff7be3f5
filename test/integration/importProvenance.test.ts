/**
 * Imports (`POST /ingest`) record what their file's own metadata says, and claim nothing else: the
 * IPTC DigitalSourceType and AISystemUsed of its XMP, and its C2PA manifest (validated by the
 * plugin's reader). A file whose metadata is malformed or whose manifest fails validation is
 * stored all the same, byte for byte, with the failure on the asset. `GET /:id/provenance` reads
 * the stored file itself, not the record, as the admin viewer shows it. Files are made in the test
 * (test/helpers/provenanceFixtures.ts) and served from 127.0.0.1; runs on Postgres and SQLite.
 */
import type { AddressInfo } from 'node:net'

import { PutObjectCommand } from '@aws-sdk/client-s3'
import { createServer, type Server } from 'node:http'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { createAppConfig } from '../../payload.config'
import { type App, getApp, getS3, objectKeyOf } from '../helpers/app'
import {
  breakSignature,
  createTestSigner,
  jpegWithTruncatedJumbf,
  jpegWithTruncatedXmp,
  plainImage,
  pngWithXmp,
  signImage,
  TRAINED,
  xmpPacket,
} from '../helpers/provenanceFixtures'

let app: App
let token: string
let other: { token: string }
let stopWorker: () => Promise<void>
let served: Server
let origin: string
const files = new Map<string, Buffer>()

beforeAll(async () => {
  served = createServer((request, response) => {
    const body = files.get(request.url ?? '')
    if (!body) return void response.writeHead(404).end()
    response.writeHead(200, { 'content-length': body.length, 'content-type': 'application/octet-stream' }).end(body)
  })
  await new Promise<void>((resolve) => served.listen(0, '127.0.0.1', resolve))
  origin = `http://127.0.0.1:${(served.address() as AddressInfo).port}`
  app = await getApp({ configPromise: createAppConfig({ pluginOptions: { allowPrivateAddresses: true } }) })
  token = (await app.createUser()).token
  other = await app.createUser()
  stopWorker = app.startWorker()
})

afterAll(async () => {
  await stopWorker?.()
  await app?.close()
  await new Promise((resolve) => served?.close(resolve))
})

/** Imports `bytes` (served at `/name`) and waits for it; the asset as REST answers it, and its stored original. */
const importFile = async (name: string, bytes: Buffer) => {
  files.set(`/${name}`, bytes)
  const response = await app.request('POST', 'generated-assets/ingest', { body: { url: `${origin}/${name}` }, token })
  expect(response.status).toBe(202)
  const { id } = await response.json()
  await app.waitForAsset(id, (asset) => asset.status === 'ready' || asset.status === 'failed', 60_000)
  const rest = await (await app.request('GET', `generated-assets/${id}`, { token })).json()
  return { rest, stored: await getS3().get(objectKeyOf(rest)) }
}

const readProvenance = async (id: number | string, as = token) => app.request('GET', `generated-assets/${id}/provenance`, { token: as })

describe('an import', () => {
  it('whose XMP says a trained model made it is disclosed as AI-generated, and stored as it came', async () => {
    const bytes = pngWithXmp(await plainImage('png'), xmpPacket({ aiSystemUsed: 'Imagen 4', createDate: '2026-02-03T04:05:06Z', digitalSourceType: TRAINED }))
    const { rest, stored } = await importFile('ai.png', bytes)
    expect(rest.status).toBe('ready')
    expect(stored.equals(bytes)).toBe(true)
    expect(rest.provenance).toEqual({
      aiSystemUsed: 'Imagen 4',
      aiSystemVersionUsed: null,
      c2pa: 'none',
      c2paError: null,
      c2paStatus: null,
      createdAt: '2026-02-03T04:05:06Z',
      digitalSourceType: TRAINED,
      metadataError: null,
      source: 'file',
    })
    expect(rest.aiDisclosure).toEqual({ c2pa: 'none', digitalSourceType: TRAINED, isAIGenerated: true, model: null, provider: null })
    // Nothing added: the plugin writes no XMP into an import, and none into its sizes.
    const thumbnail = await getS3().get(objectKeyOf(rest, rest.sizes.thumbnail.filename))
    expect(thumbnail.includes(Buffer.from('Iptc4xmpExt'))).toBe(false)
    // The share JSON says the same.
    const shared = await app.request('POST', `generated-assets/${rest.id}/share`, { token })
    const sharePath = new URL((await shared.json()).shareUrl).pathname.replace(/^\/api\//, '')
    const json = await (await app.request('GET', sharePath, { headers: { accept: 'application/json' } })).json()
    expect(json.aiDisclosure).toEqual(rest.aiDisclosure)
  })

  it('without AI metadata claims nothing', async () => {
    const { rest } = await importFile('plain.jpg', await plainImage('jpeg'))
    expect(rest.provenance).toMatchObject({ c2pa: 'none', c2paStatus: null, digitalSourceType: null, metadataError: null, source: 'file' })
    expect(rest.aiDisclosure).toEqual({ c2pa: 'none', digitalSourceType: null, isAIGenerated: false, model: null, provider: null })
  })

  it('with a valid C2PA manifest records it and what it states, byte for byte', async () => {
    const bytes = await signImage({ data: await plainImage('jpeg'), signer: await createTestSigner({ name: 'Acme' }), softwareAgent: 'Acme Diffusion 3' })
    const { rest, stored } = await importFile('signed.jpg', bytes)
    expect(stored.equals(bytes)).toBe(true)
    expect(rest.provenance).toMatchObject({ aiSystemUsed: 'Acme Diffusion 3', c2pa: 'provider', c2paError: null, c2paStatus: 'valid', digitalSourceType: TRAINED })
    expect(rest.aiDisclosure).toEqual({ c2pa: 'provider', digitalSourceType: TRAINED, isAIGenerated: true, model: null, provider: null })
    const graphql = await app.graphql(
      `query ($id: ${typeof rest.id === 'number' ? 'Int' : 'String'}!) { GeneratedAsset(id: $id) { aiDisclosure { c2pa isAIGenerated } provenance { c2paStatus } } }`,
      { token, variables: { id: rest.id } },
    )
    expect(graphql.errors).toBeUndefined()
    expect(graphql.data.GeneratedAsset).toEqual({ aiDisclosure: { c2pa: 'provider', isAIGenerated: true }, provenance: { c2paStatus: 'valid' } })
  })

  it('whose manifest fails validation is stored as it came, the failure recorded, nothing claimed from it', async () => {
    const bytes = breakSignature(await signImage({ data: await plainImage('png'), signer: await createTestSigner() }))
    const { rest, stored } = await importFile('broken.png', bytes)
    expect(rest.status).toBe('ready')
    expect(rest.error).toBeNull()
    expect(stored.equals(bytes)).toBe(true)
    expect(rest.provenance).toMatchObject({ c2pa: 'none', c2paError: 'claimSignature.mismatch', c2paStatus: 'invalid', digitalSourceType: null })
    expect(rest.aiDisclosure).toMatchObject({ c2pa: 'none', isAIGenerated: false })
  })

  it('with malformed metadata is stored byte for byte, the failure recorded, and the worker goes on', async () => {
    const png = await plainImage('png')
    const cases: [string, Buffer, RegExp][] = [
      ['corrupt-xmp.png', pngWithXmp(png, xmpPacket({ digitalSourceType: TRAINED }).replace('</x:xmpmeta>', '')), /XMP format error/],
      ['bad-crc.png', pngWithXmp(png, xmpPacket({ digitalSourceType: TRAINED }), { corruptCRC: true }), /Bad CRC/],
      ['truncated-app1.jpg', await jpegWithTruncatedXmp(), /XMP format error/],
      ['truncated-app11.jpg', await jpegWithTruncatedJumbf(), /JUMBF/],
    ]
    for (const [name, bytes, message] of cases) {
      const { rest, stored } = await importFile(name, bytes)
      expect(rest.status, name).toBe('ready')
      expect(stored.equals(bytes), name).toBe(true)
      expect(rest.provenance.metadataError, name).toMatch(message)
    }
    // The same worker still imports a clean file afterwards.
    expect((await importFile('after.png', png)).rest.status).toBe('ready')
  })
})

describe('GET /:id/provenance', () => {
  it('reads the stored file itself, not the record', async () => {
    const bytes = pngWithXmp(await plainImage('png'), xmpPacket({ aiSystemUsed: 'Imagen 4', digitalSourceType: TRAINED }))
    const { rest } = await importFile('read-back.png', bytes)
    const first = await readProvenance(rest.id)
    expect(first.status).toBe(200)
    expect(first.headers.get('cache-control')).toBe('private, no-store')
    expect(await first.json()).toMatchObject({ aiSystemUsed: 'Imagen 4', digitalSourceType: TRAINED, filename: rest.filename, isAIGenerated: true })
    // The file in the bucket changes behind the record's back: the answer follows the file.
    await getS3().client.send(
      new PutObjectCommand({ Body: await plainImage('png'), Bucket: process.env.S3_BUCKET!, ContentType: 'image/png', Key: objectKeyOf(rest) }),
    )
    const second = await (await readProvenance(rest.id)).json()
    expect(second).toMatchObject({ aiSystemUsed: null, c2pa: { status: 'absent' }, digitalSourceType: null, isAIGenerated: false })
    const record = await (await app.request('GET', `generated-assets/${rest.id}`, { token })).json()
    expect(record.provenance.aiSystemUsed).toBe('Imagen 4')
  })

  it('reads what the plugin wrote into a generated file, and a file\u2019s failures', async () => {
    const response = await app.request('POST', 'generated-assets/generate', {
      body: { model: 'local/image', params: { size: '320x240' }, prompt: 'a kite' },
      token,
    })
    const { id } = await response.json()
    await app.waitForAsset(id, (asset) => asset.status === 'ready', 60_000)
    expect(await (await readProvenance(id)).json()).toMatchObject({
      aiSystemUsed: 'Local (offline)',
      aiSystemVersionUsed: 'image',
      c2pa: { status: 'absent' },
      digitalSourceType: TRAINED,
      isAIGenerated: true,
      metadataError: null,
    })
    const { rest } = await importFile('viewer-broken.png', breakSignature(await signImage({ data: await plainImage('png'), signer: await createTestSigner() })))
    expect(await (await readProvenance(rest.id)).json()).toMatchObject({ c2pa: { error: 'claimSignature.mismatch', status: 'invalid' } })
  })

  it('answers 404 to whoever may not read the asset, for unknown ids and malformed ones', async () => {
    const { rest } = await importFile('private.png', await plainImage('png'))
    expect((await readProvenance(rest.id, other.token)).status).toBe(404)
    expect((await app.request('GET', `generated-assets/${rest.id}/provenance`)).status).toBe(404)
    expect((await readProvenance(99_999_999)).status).toBe(404)
    const malformed = await readProvenance("1'; drop table")
    expect(malformed.status).toBe(404)
    expect((await malformed.json()).errors[0].message).toBe('Not Found')
  })
})
