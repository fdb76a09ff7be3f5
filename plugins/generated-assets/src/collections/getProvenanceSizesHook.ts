import type { CollectionBeforeChangeHook } from 'payload'

import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'

import { type Provenance, writeProvenance } from '../media/writeProvenance.js'
import { PROVENANCE_SIZES_CONTEXT_KEY } from '../utilities/getAIDisclosure.js'

/**
 * A `beforeChange` hook that writes the AI disclosure into the image sizes Payload has just made
 * from an original that was stored untouched because it carries a C2PA manifest (ingest puts the
 * disclosure on `req.context[PROVENANCE_SIZES_CONTEXT_KEY]`): the sizes are new files of their
 * own, with no manifest (sharp keeps none), so they get the plugin's XMP like any other size.
 *
 * Runs after Payload made the sizes and before they are stored: with a cloud storage adapter the
 * plugin's hooks come before the adapter's (which uploads `req.payloadUploadSizes`), so the marked
 * buffers replace those; on local disk Payload has already written the sizes into `staticDir`
 * (before the collection's `beforeChange` hooks), so they are rewritten there in place. Each
 * size's `filesize` follows. A size ExifTool cannot write keeps its bytes, with a warning.
 */
export const getProvenanceSizesHook = (): CollectionBeforeChangeHook => async ({ collection, data, req }) => {
  const provenance = req.context?.[PROVENANCE_SIZES_CONTEXT_KEY] as Provenance | undefined
  const buffers = req.payloadUploadSizes as Record<string, Buffer | undefined> | undefined
  const sizes = data.sizes as Record<string, { filename?: null | string; filesize?: null | number }> | undefined
  if (!provenance || !buffers || !sizes) return data
  const upload = collection.upload
  const directory = await mkdtemp(path.join(tmpdir(), 'generated-asset-sizes-'))
  try {
    for (const [name, size] of Object.entries(sizes)) {
      const buffer = buffers[name]
      if (!size?.filename || !Buffer.isBuffer(buffer)) continue
      const file = path.join(directory, path.basename(size.filename))
      await writeFile(file, buffer)
      try {
        await writeProvenance({ path: file, provenance })
      } catch (err) {
        req.payload.logger.warn({ err, msg: `generated-assets: could not write the AI disclosure into the ${name} size` })
        continue
      }
      const marked = await readFile(file)
      buffers[name] = marked
      size.filesize = marked.byteLength
      if (!upload.disableLocalStorage && upload.staticDir) {
        await writeFile(path.resolve(upload.staticDir, size.filename), marked)
      }
    }
  } finally {
    await rm(directory, { force: true, recursive: true }).catch(() => undefined)
  }
  return data
}
