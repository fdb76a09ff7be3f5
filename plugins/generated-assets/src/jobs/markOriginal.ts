import type { PayloadRequest, TypeWithID } from 'payload'

import { readFile, writeFile } from 'node:fs/promises'

import type { C2PASigner } from '../media/c2paSigner.js'
import type { C2PAStatus } from '../utilities/getAIDisclosure.js'

import { type C2PASource, isC2PASignable, readC2PAParent, signC2PA } from '../media/signC2PA.js'
import { toLibrarySigner } from '../media/toLibrarySigner.js'
import { hasC2PAManifest, type Provenance, writeProvenance } from '../media/writeProvenance.js'

/** What {@link markOriginal} did to a stored original, and what the asset records of it. */
export type OriginalMark = {
  /** The C2PA state of the stored file (the asset's `c2pa` field). */
  c2pa: C2PAStatus
  /** Why signing was on but the file is stored unsigned (the asset's `c2paError`); `null` otherwise. */
  c2paError: null | string
  /** `written`: the file carries the XMP disclosure; `c2pa`: left as it came for a provider's manifest; `unmarked`: neither. */
  mark: 'c2pa' | 'unmarked' | 'written'
}

const librarySigners = new WeakMap<C2PASigner, ReturnType<typeof toLibrarySigner>>()

/** The `@trustnxt/c2pa-ts` signer of a `provenance.c2pa.signer`, made once per process. */
export const getLibrarySigner = (signer: C2PASigner): ReturnType<typeof toLibrarySigner> => {
  let made = librarySigners.get(signer)
  if (!made) {
    made = toLibrarySigner(signer)
    // A failed one is made again next time (a key the host fixes at run time, say).
    made.catch(() => librarySigners.delete(signer))
    librarySigners.set(signer, made)
  }
  return made
}

/**
 * Checks at startup (`onInit`) that signing can work: the signing libraries load (they are
 * loaded only when signing is on), and the signer's certificates and key are read (a failure there is logged, and each
 * asset is then stored unsigned with the reason in `c2paError`).
 *
 * @throws when `@trustnxt/c2pa-ts` or `@peculiar/x509` cannot be loaded.
 */
export const prepareC2PASigning = async ({ logger, signer }: { logger: PayloadRequest['payload']['logger']; signer: C2PASigner }) => {
  try {
    await Promise.all([import('@trustnxt/c2pa-ts/manifest'), import('@peculiar/x509')])
  } catch (error) {
    throw new Error(
      'payload-plugin-generated-assets: provenance.c2pa signs with @trustnxt/c2pa-ts and @peculiar/x509, which could not be loaded: reinstall the plugin (npm install payload-plugin-generated-assets).',
      { cause: error },
    )
  }
  await getLibrarySigner(signer).catch((err: unknown) =>
    logger.error({ err, msg: 'generated-assets: the provenance.c2pa signer cannot be used; generated files are stored unsigned' }),
  )
}

/** The stored names and types of an asset's source images (`sources`, then `parent`), for its manifest's ingredients. */
const getSources = async ({
  asset,
  collectionSlug,
  req,
}: {
  asset: { parent?: unknown; sources?: unknown }
  collectionSlug: string
  req: PayloadRequest
}): Promise<C2PASource[]> => {
  const ids = [...(Array.isArray(asset.sources) ? asset.sources : []), asset.parent]
    .map((source) => (source && typeof source === 'object' ? (source as TypeWithID).id : source))
    .filter((id): id is number | string => typeof id === 'number' || typeof id === 'string')
    .filter((id, index, all) => all.findIndex((other) => String(other) === String(id)) === index)
  if (!ids.length) return []
  const { docs } = await req.payload.find({
    collection: collectionSlug,
    depth: 0,
    limit: ids.length,
    overrideAccess: true,
    pagination: false,
    req,
    select: { filename: true, mimeType: true },
    trash: true,
    where: { id: { in: ids } },
  })
  const byId = new Map(docs.map((doc) => [String(doc.id), doc as { filename?: null | string; mimeType?: null | string }]))
  return ids.map((id) => {
    const doc = byId.get(String(id))
    return { format: doc?.mimeType || 'application/octet-stream', title: doc?.filename || `asset ${id}` }
  })
}

/**
 * Marks the original a generation stores, before it is stored ({@link ingestOutput} step 5):
 * - without `signer` (or for a file C2PA signing does not support): the XMP disclosure is written
 *   in place ({@link writeProvenance}), a file with a provider's C2PA manifest left byte for byte;
 * - with `signer`, for a PNG or JPEG: a provider's manifest is read and validated first, the XMP is
 *   written, then the file is signed over its final bytes ({@link signC2PA}), the provider's
 *   manifest its parent ingredient. If any of it fails (a bad key, a malformed manifest, a library
 *   error), the file goes back to the bytes it came with and is marked as without a signer:
 *   the generation is stored unsigned, with the reason in `c2paError`, never lost.
 * Without `provenance` (an import, `provenance: false`) nothing is written; the file's own
 * manifest, if any, is still recorded (`c2pa: 'provider'`).
 *
 * ExifTool errors while writing the XMP are logged, and the file is stored without it.
 *
 * @param path the temporary file, rewritten in place.
 * @param mimeType its sniffed media type.
 */
export const markOriginal = async ({
  asset,
  collectionSlug,
  mimeType,
  path,
  provenance,
  req,
  signer,
  title,
}: {
  asset: { id: number | string; parent?: unknown; sources?: unknown }
  collectionSlug: string
  mimeType: string
  path: string
  provenance: null | Provenance
  req: PayloadRequest
  signer: C2PASigner | null
  /** The name the file is stored under. */
  title: string
}): Promise<OriginalMark> => {
  const { logger } = req.payload
  const withoutSigning = async (c2paError: null | string): Promise<OriginalMark> => {
    try {
      if (!provenance) {
        return { c2pa: (await hasC2PAManifest({ path })) ? 'provider' : 'none', c2paError, mark: 'unmarked' }
      }
      const mark = await writeProvenance({ path, provenance })
      return { c2pa: mark === 'c2pa' ? 'provider' : 'none', c2paError, mark }
    } catch (err) {
      logger.warn({ err, msg: `generated-assets: could not write the AI disclosure into asset ${asset.id}'s file` })
      return { c2pa: 'none', c2paError, mark: 'unmarked' }
    }
  }
  if (!provenance || !signer) return withoutSigning(null)
  if (!isC2PASignable(mimeType)) return withoutSigning(`Not signed: C2PA signing supports PNG and JPEG images, not ${mimeType}.`)
  const original = await readFile(path)
  try {
    const parent = (await hasC2PAManifest({ path })) ? await readC2PAParent({ bytes: original, mimeType }) : null
    await writeProvenance({ path, provenance, signing: true })
    await signC2PA({
      mimeType,
      parent,
      path,
      provenance,
      signer: await getLibrarySigner(signer),
      sources: await getSources({ asset, collectionSlug, req }),
      title,
    })
    return { c2pa: 'signed', c2paError: null, mark: 'written' }
  } catch (err) {
    logger.error({ err, msg: `generated-assets: could not sign asset ${asset.id}'s file with C2PA; it is stored unsigned` })
    await writeFile(path, original)
    return withoutSigning(`Not signed: ${err instanceof Error ? err.message : String(err)}`)
  }
}
