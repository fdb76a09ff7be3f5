import type { Endpoint, TypeWithID } from 'payload'

import { createWriteStream } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'

import type { ResolvedGeneratedAssetsPluginOptions } from '../types.js'

import { type FileProvenance, readFileProvenance } from '../media/readFileProvenance.js'
import { openStoredFile } from '../share/openStoredFile.js'
import { isAIDigitalSourceType } from '../utilities/getAIDisclosure.js'
import { isAssetId } from '../utilities/isAssetId.js'
import { notFoundError } from '../utilities/notFoundError.js'
import { respondWithClientErrors } from './respondWithClientErrors.js'

/** The answer of `GET /api/{collection}/:id/provenance`. */
export type ProvenanceResponse = FileProvenance & {
  /** The stored file that was read (its name in storage). */
  filename: string
  id: number | string
  /** Whether the file's own Digital Source Type says a trained model made it (see `isAIDigitalSourceType`). */
  isAIGenerated: boolean
}

/**
 * `GET /api/{collection}/:id/provenance`: what the asset's stored original says about its
 * provenance, read now from the file in storage (through the collection's storage adapter, as
 * a visitor would download it), not from the asset's record: its IPTC Digital Source Type, AI
 * system and creation date (XMP), and its C2PA manifest (present, validated or not). Answers
 * **200** {@link ProvenanceResponse} (`Cache-Control: private, no-store`); **404** when the user
 * may not read the asset (the collection's `read` access), it does not exist, or it has no stored
 * file yet. Malformed metadata is part of the answer (`metadataError`, `c2pa.error`), never an error.
 */
export const provenanceEndpoint = ({ options }: { options: ResolvedGeneratedAssetsPluginOptions }): Endpoint => ({
  handler: respondWithClientErrors(async (req) => {
    const id = req.routeParams?.id
    const hasSerialIds = (req.payload.db as { defaultIDType?: string }).defaultIDType === 'number'
    // A serial id is a Postgres integer: anything else cannot exist (and would fail the query).
    if (!isAssetId(id) || (hasSerialIds && !(/^\d{1,10}$/.test(String(id)) && Number(id) <= 2_147_483_647))) {
      throw notFoundError({ req })
    }
    const doc = (await req.payload.findByID({
      collection: options.collectionSlug,
      depth: 0,
      disableErrors: true,
      id,
      overrideAccess: false,
      req,
      trash: true,
      user: req.user,
    })) as (Record<string, unknown> & TypeWithID) | null
    if (!doc?.filename) throw notFoundError({ req })
    const body = await openStoredFile({ collectionSlug: options.collectionSlug, doc, req })
    if (!body) throw notFoundError({ req })
    const directory = await mkdtemp(path.join(tmpdir(), 'generated-asset-provenance-'))
    try {
      const file = path.join(directory, path.basename(String(doc.filename)))
      await pipeline(Readable.fromWeb(body as never), createWriteStream(file, { flags: 'wx' }))
      const provenance = await readFileProvenance({ maxC2PABytes: options.maxImageBytes, path: file })
      const answer: ProvenanceResponse = {
        ...provenance,
        filename: String(doc.filename),
        id: doc.id,
        isAIGenerated: isAIDigitalSourceType(provenance.digitalSourceType ?? provenance.c2pa.digitalSourceType),
      }
      return Response.json(answer, { headers: { 'Cache-Control': 'private, no-store' } })
    } finally {
      await rm(directory, { force: true, recursive: true }).catch(() => undefined)
    }
  }),
  method: 'get',
  path: '/:id/provenance',
})
