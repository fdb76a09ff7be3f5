import type { File, PayloadRequest } from 'payload'

import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { createLocalReq } from 'payload'

import type { ResolvedGeneratedAssetsPluginOptions } from '../types.js'
import type { GenerationOutput } from './types.js'

import { createPlaceholder } from '../media/createPlaceholder.js'
import { downloadToFile } from '../media/downloadToFile.js'
import { extractPoster } from '../media/extractPoster.js'
import { getAssetFilename } from '../media/getAssetFilename.js'
import { probeImage } from '../media/probeImage.js'
import { probeVideo } from '../media/probeVideo.js'
import { sniffMediaType, UnsupportedMediaError } from '../media/sniffMediaType.js'
import { hasTransactions } from '../adapters/hasTransactions.js'
import { getStorageInfo } from '../storage/getStorageInfo.js'
import { uploadFileToBucket } from '../storage/uploadFileToBucket.js'
import { altFromPrompt } from '../utilities/altFromPrompt.js'
import { type AIDisclosureDocument, getDigitalSourceType, PROVENANCE_CONTEXT_KEY, PROVENANCE_SIZES_CONTEXT_KEY } from '../utilities/getAIDisclosure.js'
import { type Provenance, writeProvenance } from '../media/writeProvenance.js'
import { describeImage } from './describeImage.js'
import { markOriginal } from './markOriginal.js'
import { readImportProvenance } from './readImportProvenance.js'

/**
 * The disclosure a generated asset's files carry (`null`: none, with `provenance: false` or for
 * an import, whose file is stored as it came).
 */
export const getAssetProvenance = ({
  asset,
  options,
}: {
  asset: { model?: null | string; modelName?: null | string; parent?: unknown; prompt: string; provider?: null | string; sources?: unknown; sourceUrl?: null | string }
  options: ResolvedGeneratedAssetsPluginOptions
}): null | Provenance => {
  if (!options.provenance || asset.sourceUrl || asset.provider === 'import') return null
  const entry = asset.model ? options.models[asset.model] : undefined
  const label = entry?.label || asset.modelName || asset.model || 'AI model'
  // The asset read before the call may not have its provider yet: the model's own is the same.
  const provider = asset.provider || entry?.model.provider || null
  return {
    aiSystem: provider && !label.toLowerCase().includes(provider.toLowerCase()) ? `${label} (${provider})` : label,
    // The provider's model id (the AI SDK model's `modelId`, e.g. `gpt-image-1`), else the registry key.
    aiSystemVersion: entry?.model.modelId || asset.model || null,
    createdAt: new Date(),
    digitalSourceType: getDigitalSourceType(asset),
    prompt: options.provenance.embedPrompt ? asset.prompt : null,
  }
}

/** What ingest recorded on the asset. */
export type IngestResult = { duration?: number; fps?: number; height: number; width: number }

/**
 * Stores a model's output as the asset's file, the one place a generated file
 * enters storage:
 * 1. the bytes are written to, or downloaded (through the SSRF guard, capped at
 *    `maxImageBytes`/`maxVideoBytes`, streamed) into, a temporary file: never whole in memory
 *    for video;
 * 2. the type is sniffed from the bytes and must be an image or a video of the asset's kind;
 * 3. images: dimensions (decompression bombs refused), the placeholder made by the collection's
 *    hook from Payload's smallest image size; videos: width,
 *    height, duration and fps (ffprobe), a poster frame at about 1 s stored in the poster
 *    collection (with its thumbnail) and a placeholder from it;
 * 4. the file goes through the collection's storage adapter (with its WebP sizes for images),
 *    under a name fixed per asset, so a retry overwrites rather than orphans; the asset is marked
 *    `ready` (with `alt` from the prompt unless it has one) in the same update on local disk or on a database with transactions, in the next one
 *    with a cloud storage adapter on a database without them (`writeAsset`). A video on storage-s3 with the plugin's `storage.bucket`
 *    set is the exception: it is uploaded from the temporary file in 8 MiB parts under the key
 *    storage-s3 would use (storage-s3's own upload holds 50 MB parts, 4 at a time: hundreds of
 *    megabytes for a large video), and the update that marks it `ready` records the file
 *    (filename, MIME type, size) without passing one, so storage-s3 uploads and deletes nothing;
 * 5. generated files (not imports), unless `provenance: false`: the original, and a video's poster,
 *    get the AI disclosure in their XMP before they are stored, in place without re-encoding
 *    ({@link writeProvenance}; a file with a C2PA manifest is left as it is), and Payload's image
 *    sizes keep it (`PROVENANCE_CONTEXT_KEY`), or, for an original left as it is, get it written
 *    after Payload made them (`PROVENANCE_SIZES_CONTEXT_KEY`, `getProvenanceSizesHook`); with
 *    `provenance.c2pa`, a PNG or JPEG original is then signed with a C2PA manifest ({@link markOriginal}),
 *    the asset recording `c2pa` and, when signing failed, `c2paError`;
 * 6. images, with `altTextModel`: its description replaces the prompt's alt text ({@link describeImage});
 * 7. imports: what the file's own XMP and C2PA manifest say is recorded in `provenance`
 *    ({@link readImportProvenance}; malformed metadata or a failing manifest recorded, never thrown).
 *
 * @throws `SafeFetchError`, `UnsupportedMediaError`, storage errors: the caller classifies them;
 *   whatever `confirmLease` throws.
 */
export const ingestOutput = async ({
  asset,
  confirmLease = async () => undefined,
  extraData = {},
  options,
  output,
  req,
  timeoutMs,
}: {
  asset: {
    _objectKey?: null | string
    /** Alt text already written (by an editor), kept as it is. */
    alt?: null | string
    createdBy?: unknown
    id: number | string
    kind?: string
    /** The storage plugin's `prefix` field, when the collection has one. */
    prefix?: null | string
    prompt: string
  } & AIDisclosureDocument
  /**
   * Called before each write (poster, asset); throws when the caller no longer holds the asset's
   * lease, so that a worker that another has taken over from writes nothing.
   */
  confirmLease?: () => Promise<void>
  extraData?: Record<string, unknown>
  options: ResolvedGeneratedAssetsPluginOptions
  output: GenerationOutput
  req: PayloadRequest
  /** Longest a download may take, in milliseconds (the asset's remaining time). @default 60000 or more */
  timeoutMs?: number
}): Promise<IngestResult> => {
  const { payload } = req
  const expectedKind = asset.kind === 'video' ? 'video' : 'image'
  const maxBytes = expectedKind === 'video' ? options.maxVideoBytes : options.maxImageBytes
  const directory = await mkdtemp(path.join(tmpdir(), 'generated-asset-'))
  try {
    let filePath: string
    let declaredType: string | undefined = output.mediaType
    if (output.type === 'bytes') {
      if (output.data.byteLength > maxBytes) {
        throw new UnsupportedMediaError(
          `The output is ${output.data.byteLength} bytes, over the ${maxBytes}-byte limit.`,
          {
            code: 'too_large',
          },
        )
      }
      filePath = path.join(directory, 'output')
      await writeFile(filePath, output.data)
    } else {
      const downloaded = await downloadToFile({
        allowPrivateAddresses: options.allowPrivateAddresses,
        directory,
        maxBytes,
        timeoutMs: Math.max(60_000, timeoutMs ?? 0),
        url: output.url,
      })
      filePath = downloaded.path
      declaredType = downloaded.contentType ?? declaredType
    }
    const sniffed = await sniffMediaType({ declaredType, expectedKind, path: filePath })
    // An import is stored as it came and records what its own file says (XMP, C2PA), failures included.
    const importProvenance =
      asset.sourceUrl || asset.provider === 'import'
        ? await readImportProvenance({ maxC2PABytes: options.maxImageBytes, path: filePath })
        : null
    const provenance = getAssetProvenance({ asset, options })
    /**
     * Writes the disclosure into a file (the poster; the original goes through `markOriginal`). A
     * file ExifTool cannot write (WebM, for one) is stored without it, with a warning, rather than
     * failing a finished generation.
     */
    const mark = async (file: string): Promise<'c2pa' | 'unmarked' | 'written'> => {
      if (!provenance) return 'unmarked'
      try {
        return await writeProvenance({ path: file, provenance })
      } catch (err) {
        payload.logger.warn({ err, msg: `generated-assets: could not write the AI disclosure into asset ${asset.id}'s file` })
        return 'unmarked'
      }
    }
    const name = getAssetFilename({ assetId: asset.id, extension: sniffed.ext, prompt: asset.prompt })
    // The XMP disclosure, then (with `provenance.c2pa`) the C2PA signature over the final bytes.
    const original = await markOriginal({
      asset,
      collectionSlug: options.collectionSlug,
      mimeType: sniffed.mime,
      path: filePath,
      provenance,
      req,
      signer: (options.provenance && options.provenance.c2pa?.signer) || null,
      title: name,
    })
    const originalMark = original.mark
    if (originalMark === 'written') req.context[PROVENANCE_CONTEXT_KEY] = true
    // An original kept as it is for its C2PA manifest: its sizes get the disclosure written after Payload made them.
    if (originalMark === 'c2pa' && sniffed.kind === 'image') req.context[PROVENANCE_SIZES_CONTEXT_KEY] = provenance
    const size = (await stat(filePath)).size
    const createdBy =
      asset.createdBy && typeof asset.createdBy === 'object' ? (asset.createdBy as { id: unknown }).id : asset.createdBy
    // Never empty on a ready asset: an editor's own, else one made from the prompt.
    const promptAlt = altFromPrompt(asset.prompt)
    const data: Record<string, unknown> = {
      alt: asset.alt || promptAlt,
      ...extraData,
      c2pa: original.c2pa,
      c2paError: original.c2paError,
      completedAt: new Date().toISOString(),
      leaseExpiresAt: null,
      leaseOwner: null,
      operation: null,
      status: 'ready',
    }
    if (importProvenance) data.provenance = importProvenance
    const storageInfo = await getStorageInfo({ collectionSlug: options.collectionSlug, payload })
    /**
     * Writes the asset's stored file (`file`, and the `fields` that describe it) and marks it
     * `ready` (`data`), in one update where the database has transactions. Through a cloud storage
     * adapter on a database without them (SQLite by default) in two updates, the file first and
     * `ready` last: the adapter saves the document once more after its upload, from the copy it
     * was given (plugin-cloud-storage's afterChange saves what the adapter's `handleUpload`
     * answers, for storage-s3 the whole document), so a write made in between, such as sharing
     * the asset the moment it reads `ready`, would be undone; inside a transaction nobody reads
     * `ready` before that save. The second update has a request of its own: the first's context
     * holds the uploaded file, which the storage plugin would store again.
     */
    const writeAsset = async ({ fields, file }: { fields: Record<string, unknown>; file?: File }) => {
      const hasCloudUpload = Boolean(file && storageInfo.adapter)
      const isTwoStep = hasCloudUpload && !(await hasTransactions({ payload }))
      const { _payloadCloudStorage: _uploaded, ...context } = req.context
      await confirmLease()
      try {
        await payload.update({
          collection: options.collectionSlug,
          data: isTwoStep ? fields : { ...data, ...fields },
          depth: 0,
          file,
          id: asset.id,
          overrideAccess: true,
          // The name is the asset's own (it carries the id): a retry stores under it again.
          overwriteExistingFiles: true,
          req,
          trash: true,
        })
      } catch (error) {
        if (hasCloudUpload) await forgetUnstoredFile({ context, payload, req })
        throw error
      }
      if (!isTwoStep) return
      await confirmLease()
      await payload.update({
        collection: options.collectionSlug,
        data,
        depth: 0,
        id: asset.id,
        overrideAccess: true,
        req: await createLocalReq({ context }, payload),
        trash: true,
      })
    }
    /**
     * After a failed upload through a cloud storage adapter: without a transaction around the
     * update (`@payloadcms/db-sqlite` unless `transactionOptions` is set), the row already names the
     * file the adapter could not store. An asset being ingested has no file yet, so its file fields
     * go back to empty; with a transaction the update was rolled back and the row names nothing.
     */
    const forgetUnstoredFile = async ({
      context,
      payload,
      req,
    }: {
      context: Record<string, unknown>
      payload: typeof req.payload
      req: PayloadRequest
    }) => {
      try {
        const row = await payload.findByID({
          id: asset.id,
          collection: options.collectionSlug,
          depth: 0,
          overrideAccess: true,
          req,
          select: { filename: true },
          trash: true,
        })
        if (!row?.filename) return
        const empty = { filename: null, filesize: null, height: null, mimeType: null, url: null, width: null }
        const sizes = payload.collections[options.collectionSlug]?.config.upload.imageSizes ?? []
        await payload.update({
          collection: options.collectionSlug,
          data: { ...empty, sizes: Object.fromEntries(sizes.map((size) => [size.name, empty])) },
          depth: 0,
          id: asset.id,
          overrideAccess: true,
          req: await createLocalReq({ context }, payload),
          trash: true,
        })
      } catch (err) {
        payload.logger.error({ err, msg: `generated-assets: could not clear the unstored file of asset ${asset.id}` })
      }
    }
    let result: IngestResult
    if (sniffed.kind === 'image') {
      // The probe refuses decompression bombs before Payload decodes the image for its sizes; the
      // collection's beforeChange hook makes the placeholder from the smallest of those sizes.
      const image = await probeImage({ path: filePath })
      const bytes = await readFile(filePath)
      result = { height: image.height, width: image.width }
      await writeAsset({ fields: result, file: { data: bytes, mimetype: sniffed.mime, name, size } })
      if (options.altTextModel && !asset.alt) {
        await describeImage({
          collectionSlug: options.collectionSlug,
          data: bytes,
          id: asset.id,
          model: options.altTextModel,
          payload,
          promptAlt,
        })
      }
      return result
    }
    const video = await probeVideo({ path: filePath })
    let posterData = await extractPoster({ at: 1, duration: video.duration, path: filePath })
    if (provenance) {
      // The poster is a frame the plugin encoded itself: it carries the same disclosure.
      const posterPath = path.join(directory, 'poster')
      await writeFile(posterPath, posterData)
      if ((await mark(posterPath)) === 'written') {
        posterData = await readFile(posterPath)
        req.context[PROVENANCE_CONTEXT_KEY] = true
      }
    }
    const posterType = await sniffMediaType({ data: posterData })
    // A poster left by an interrupted attempt is replaced, not kept beside the new one.
    await confirmLease()
    await payload.delete({
      collection: options.posterCollectionSlug,
      overrideAccess: true,
      req,
      where: { asset: { equals: asset.id } },
    })
    // On a request of its own: storage-s3 keeps the first file stored through a request on the
    // request's context and would store it again on a later update of that request without a file.
    const posterReq = await createLocalReq({ context: { ...req.context } }, payload)
    const poster = await payload.create({
      collection: options.posterCollectionSlug,
      data: { asset: asset.id, createdBy },
      depth: 0,
      file: {
        data: posterData,
        mimetype: posterType.mime,
        name: getAssetFilename({
          assetId: asset.id,
          extension: posterType.ext,
          prompt: asset.prompt,
          suffix: '-poster',
        }),
        size: posterData.byteLength,
      },
      overrideAccess: true,
      req: posterReq,
    })
    data.placeholder = await createPlaceholder({ data: posterData })
    result = {
      duration: video.duration ?? undefined,
      fps: video.fps ?? undefined,
      height: video.height,
      width: video.width,
    }
    // With storage-s3 and the `storage` option's bucket, the video is uploaded here in small parts
    // (see uploadFileToBucket), under the key storage-s3 reads and deletes (getStorageInfo). The
    // update below then records the file without passing one, so storage-s3 uploads and deletes nothing.
    const { bucket: storage, getKey } = storageInfo
    if (storage) {
      const key = await getKey({ doc: { _objectKey: asset._objectKey, id: asset.id, prefix: asset.prefix }, filename: name })
      await confirmLease()
      await uploadFileToBucket({
        acl: storage.acl,
        bucket: storage.name,
        client: storage.client,
        contentType: sniffed.mime,
        key: key!,
        path: filePath,
      })
    }
    await writeAsset({
      fields: { ...result, poster: poster.id, ...(storage && { filename: name, filesize: size, mimeType: sniffed.mime }) },
      file: storage ? undefined : { data: Buffer.alloc(0), mimetype: sniffed.mime, name, size, tempFilePath: filePath },
    })
    return result
  } finally {
    delete req.context[PROVENANCE_CONTEXT_KEY]
    delete req.context[PROVENANCE_SIZES_CONTEXT_KEY]
    await rm(directory, { force: true, recursive: true }).catch(() => undefined)
  }
}
