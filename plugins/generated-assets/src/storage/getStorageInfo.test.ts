import type { Payload } from 'payload'

import { describe, expect, it } from 'vitest'

import type { ResolvedGeneratedAssetsPluginOptions } from '../types.js'

import { getStorageInfo } from './getStorageInfo.js'
import { getStoragePrefixes } from './getStoragePrefixes.js'

const ASSETS = 'generated-assets'
const POSTERS = 'generated-asset-posters'

/**
 * A running Payload as far as getStorageInfo reads it: the plugin's two upload collections, on
 * the storage adapter named `adapter` (`upload.adapter`, as plugin-cloud-storage sets it), or on
 * local disk without one.
 */
const payloadWith = ({
  adapter,
  storage,
}: {
  adapter?: string
  storage?: ResolvedGeneratedAssetsPluginOptions['storage']
}): Payload => {
  const upload = adapter ? { adapter, disableLocalStorage: true } : { staticDir: ASSETS }
  const assets = {
    custom: { 'plugin-generated-assets': { posterCollectionSlug: POSTERS, queue: 'generated-assets', storage } },
    slug: ASSETS,
    upload,
  }
  const posters = { slug: POSTERS, upload: { ...upload } }
  return {
    collections: { [ASSETS]: { config: assets }, [POSTERS]: { config: posters } },
    config: { collections: [assets, posters] },
  } as unknown as Payload
}

const image = { filename: 'fox-ga1.png', id: 1, sizes: { preview: { filename: null }, thumbnail: { filename: 'fox-ga1-480x360.webp' } } }

describe('getStoragePrefixes', () => {
  it('puts the assets in generated-assets/ and the posters beneath it by default', () => {
    expect(getStoragePrefixes({ storage: undefined })).toEqual({ assets: 'generated-assets', posters: 'generated-assets/posters' })
  })

  it('takes storage.prefix as a folder, and an empty prefix as the root', () => {
    expect(getStoragePrefixes({ storage: { prefix: '/ai//images/' } })).toEqual({ assets: 'ai/images', posters: 'ai/images/posters' })
    expect(getStoragePrefixes({ storage: { prefix: '../x/./y' } })).toEqual({ assets: 'x/y', posters: 'x/y/posters' })
    expect(getStoragePrefixes({ storage: { prefix: '' } })).toEqual({ assets: '', posters: '' })
  })
})

describe('getStorageInfo', () => {
  it('knows local disk: no adapter, keys are the names in staticDir', async () => {
    const info = await getStorageInfo({ collectionSlug: ASSETS, payload: payloadWith({ storage: { bucket: 'b' } }) })
    expect(info).toMatchObject({ adapter: null, bucket: null, folder: '', isStorageS3: false, mode: 'local' })
    expect(await info.getKeys({ doc: { ...image, prefix: 'generated-assets' } })).toEqual(['fox-ga1.png', 'fox-ga1-480x360.webp'])
    expect(await info.getKey({ doc: { filename: null } })).toBeNull()
  })

  it('knows storage-s3 and keys objects as its file handler does: prefix, then _objectKey, then the name', async () => {
    const payload = payloadWith({ adapter: 's3', storage: { bucket: 'bucket', signedURLExpiresIn: 60 } })
    const assets = await getStorageInfo({ collectionSlug: ASSETS, payload })
    const posters = await getStorageInfo({ collectionSlug: POSTERS, payload })
    expect(assets).toMatchObject({ adapter: 's3', folder: 'generated-assets', isStorageS3: true, mode: 's3' })
    expect(assets.bucket).toMatchObject({ name: 'bucket', signedURLExpiresIn: 60 })
    expect(posters.folder).toBe('generated-assets/posters')
    expect(await assets.getKeys({ doc: { ...image, prefix: 'generated-assets' } })).toEqual([
      'generated-assets/fox-ga1.png',
      'generated-assets/fox-ga1-480x360.webp',
    ])
    expect(await assets.getKey({ doc: { ...image, _objectKey: 'k1', prefix: 'generated-assets' } })).toBe('generated-assets/k1/fox-ga1.png')
    expect(await assets.getKey({ doc: image, filename: 'fox-ga1-480x360.webp' })).toBe('fox-ga1-480x360.webp')
    // Stored before the plugin had a folder: at the bucket's root, where they were written.
    expect(await assets.getKey({ doc: { ...image, prefix: null } })).toBe('fox-ga1.png')
  })

  it('puts the plugin folder beneath the collection prefix the host gave the adapter', async () => {
    const plain = await getStorageInfo({
      collectionSlug: ASSETS,
      payload: payloadWith({ adapter: 's3', storage: { bucket: 'b', collectionPrefix: 'media/' } }),
    })
    expect(plain.folder).toBe('media/generated-assets')
    // The storage plugin stores the whole folder in `prefix` (nested beneath its own prefix).
    expect(await plain.getKey({ doc: { ...image, prefix: 'media/generated-assets' } })).toBe('media/generated-assets/fox-ga1.png')
    expect(await plain.getKey({ doc: { ...image, prefix: '' } })).toBe('media/fox-ga1.png')

    const composite = await getStorageInfo({
      collectionSlug: POSTERS,
      payload: payloadWith({ adapter: 's3', storage: { bucket: 'b', collectionPrefix: 'media', useCompositePrefixes: true } }),
    })
    expect(composite.folder).toBe('media/generated-assets/posters')
    // With composite prefixes the document keeps only its own part; the key joins both.
    expect(await composite.getKey({ doc: { filename: 'p.jpg', prefix: 'generated-assets/posters' } })).toBe(
      'media/generated-assets/posters/p.jpg',
    )
  })

  it('calls another adapter by its name, and never uses the bucket for it', async () => {
    const info = await getStorageInfo({
      collectionSlug: ASSETS,
      payload: payloadWith({ adapter: 'vercel-blob', storage: { bucket: 'b' } }),
    })
    expect(info).toMatchObject({ adapter: 'vercel-blob', bucket: null, folder: 'generated-assets', isStorageS3: false, mode: 'vercel-blob' })
    expect(await info.getKey({ doc: { ...image, prefix: 'generated-assets' } })).toBe('generated-assets/fox-ga1.png')
  })

  it('leaves the folder to the adapter with an empty storage.prefix', async () => {
    const info = await getStorageInfo({
      collectionSlug: POSTERS,
      payload: payloadWith({ adapter: 's3', storage: { prefix: '' } }),
    })
    expect(info).toMatchObject({ bucket: null, folder: '' })
  })

  it('refuses a collection that is not an upload collection of the config', async () => {
    await expect(getStorageInfo({ collectionSlug: 'posts', payload: payloadWith({}) })).rejects.toThrow(/not an upload collection/)
  })
})
