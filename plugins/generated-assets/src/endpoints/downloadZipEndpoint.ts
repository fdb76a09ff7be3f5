import type { Endpoint, PayloadRequest, TypeWithID, Where } from 'payload'

import type { Archiver, ArchiverError, ZipOptions } from 'archiver'

import * as archiverModule from 'archiver'
import { once } from 'node:events'
import { PassThrough, Readable } from 'node:stream'
import { APIError } from 'payload'

import type { ResolvedGeneratedAssetsPluginOptions } from '../types.js'

import { buildGalleryWhere } from '../gallery/buildGalleryWhere.js'
import { parseGalleryFilter } from '../gallery/parseGalleryQuery.js'
import { openStoredFile } from '../share/openStoredFile.js'
import { getTranslate } from '../translations/getTranslate.js'
import { respondWithClientErrors } from './respondWithClientErrors.js'

/**
 * archiver 7 is CommonJS and exports the factory `archiver(format, options)` (the installed
 * `@types/archiver` describes version 8's classes, hence the cast).
 */
const createArchive = ((archiverModule as unknown as { default?: unknown }).default ?? archiverModule) as (
  format: 'zip',
  options: ZipOptions,
) => Archiver

/** Most assets one archive may hold. */
const MAX_ASSETS = 10_000
/** Documents read from the database at a time while the archive streams. */
const BATCH = 100

const badRequest = (message: string) => new APIError(message, 400, null, true)

/** A file name for an asset inside the archive: `{id}-{prompt words}.{ext}`, ASCII only. */
const entryName = (doc: Record<string, unknown>): string => {
  const filename = String(doc.filename ?? '')
  const extension = /\.[\w]{1,8}$/.exec(filename)?.[0] ?? ''
  const words = String(doc.prompt ?? '')
    .normalize('NFKD')
    .replace(/[^\w\s-]+/g, '')
    .trim()
    .split(/\s+/)
    .slice(0, 8)
    .join('-')
    .slice(0, 60)
  return `${doc.id}${words ? `-${words}` : ''}${extension}`
}

/**
 * `GET /api/{collection}/download-zip?ids=1,2,3` or `?{gallery filter}` (the gallery's filter
 * parameters: `kind`, `q`, `trash`…): the stored files of the assets the user may read, as one
 * ZIP archive streamed while it is built (files stored, not recompressed: media is compressed
 * already), so memory stays flat however many assets there are (at most 10,000). Assets without a
 * stored file (queued, failed) are skipped. 400 for bad input, 401 when anonymous.
 */
export const downloadZipEndpoint = ({ options }: { options: ResolvedGeneratedAssetsPluginOptions }): Endpoint => ({
  handler: respondWithClientErrors(async (req) => {
    const { count, t } = getTranslate({ req })
    if (!req.user) {
      throw new APIError(t('generatedAssets:errorLoggedOutDownload'), 401, null, true)
    }
    const params: Record<string, unknown> = {}
    for (const key of new Set(req.searchParams?.keys() ?? [])) {
      const values = req.searchParams!.getAll(key)
      params[key] = values.length === 1 ? values[0] : values
    }
    let where: Where
    let isTrash = false
    if (params.ids !== undefined) {
      const ids = typeof params.ids === 'string' ? params.ids.split(',').filter(Boolean) : []
      if (ids.length === 0 || ids.length > 1000 || !ids.every((id) => /^[\w-]{1,64}$/.test(id))) {
        throw badRequest(t('generatedAssets:errorZipIds'))
      }
      where = { id: { in: ids.map((id) => (/^\d+$/.test(id) ? Number(id) : id)) } }
    } else {
      const { ids: _ids, ...rest } = params
      const filter = parseGalleryFilter(rest, { t })
      const unknown = Object.keys(rest).filter(
        (key) => !['createdBy', 'from', 'kind', 'model', 'q', 'starred', 'status', 'to', 'trash'].includes(key),
      )
      if (unknown.length) throw badRequest(t('generatedAssets:errorUnknownQueryParam', { name: unknown[0] }))
      where = buildGalleryWhere(filter)
      isTrash = Boolean(filter.trash)
    }
    const ready: Where = { and: [where, { status: { equals: 'ready' } }, { filename: { exists: true } }] }
    const { totalDocs } = await req.payload.count({
      collection: options.collectionSlug,
      overrideAccess: false,
      req,
      trash: isTrash,
      user: req.user,
      where: ready,
    })
    if (totalDocs > MAX_ASSETS) {
      throw badRequest(t('generatedAssets:errorZipTooMany', { count: count(totalDocs), max: count(MAX_ASSETS) }))
    }

    const archive = createArchive('zip', { store: true })
    const output = new PassThrough()
    archive.on('warning', (error: ArchiverError) =>
      req.payload.logger.warn({ err: error, msg: 'generated-assets zip' }),
    )
    archive.on('error', (error: ArchiverError) => output.destroy(error))
    archive.pipe(output)
    const fill = async () => {
      let page = 1
      for (;;) {
        const { docs, hasNextPage } = await req.payload.find({
          collection: options.collectionSlug,
          depth: 0,
          limit: BATCH,
          overrideAccess: false,
          page,
          req,
          sort: ['-createdAt', '-id'],
          trash: isTrash,
          user: req.user,
          where: ready,
        })
        for (const doc of docs as (Record<string, unknown> & TypeWithID)[]) {
          const body = await openStoredFile({ collectionSlug: options.collectionSlug, doc, req }).catch(() => null)
          if (!body) continue
          const entry = once(archive, 'entry')
          archive.append(Readable.fromWeb(body as never), { name: entryName(doc) })
          // One file at a time: the next is opened only once this one is in the archive.
          await entry
        }
        if (!hasNextPage || output.destroyed) break
        page++
      }
      await archive.finalize()
    }
    fill().catch((error: unknown) => {
      req.payload.logger.error({ err: error, msg: 'generated-assets: building a zip download failed' })
      archive.abort()
      output.destroy(error as Error)
    })
    const date = new Date().toISOString().slice(0, 10)
    return new Response(Readable.toWeb(output) as ReadableStream, {
      headers: {
        'Cache-Control': 'private, no-store',
        'Content-Disposition': `attachment; filename="${options.collectionSlug}-${date}.zip"`,
        'Content-Type': 'application/zip',
      },
    })
  }),
  method: 'get',
  path: '/download-zip',
})
