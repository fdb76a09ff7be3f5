import type { Endpoint, PayloadRequest } from 'payload'

import { APIError } from 'payload'

import type { ResolvedGeneratedAssetsPluginOptions } from '../types.js'

import { openStoredFile } from '../share/openStoredFile.js'
import { getTranslate } from '../translations/getTranslate.js'
import { altFromPrompt } from '../utilities/altFromPrompt.js'
import { isAssetId } from '../utilities/isAssetId.js'
import { notFoundError } from '../utilities/notFoundError.js'
import { readJSONBody } from './readJSONBody.js'
import { respondWithClientErrors } from './respondWithClientErrors.js'

/** Name of the relationship field the plugin adds to each `targets` collection: the asset a document was made from. */
export const TARGET_RELATION_FIELD = 'generatedAsset'

/** Reads a stored file whole (an image or a video of at most the plugin's size limits). */
const readStoredFile = async ({
  collectionSlug,
  doc,
  req,
}: {
  collectionSlug: string
  doc: Record<string, unknown> & { id: number | string }
  req: PayloadRequest
}): Promise<Buffer | null> => {
  const stream = await openStoredFile({ collectionSlug, doc, req })
  if (!stream) return null
  const chunks: Uint8Array[] = []
  for await (const chunk of stream as unknown as AsyncIterable<Uint8Array>) chunks.push(chunk)
  return Buffer.concat(chunks)
}

/**
 * `POST /api/{collection}/:id/use` with JSON `{ collection }`: puts a ready asset into one of the
 * plugin's `targets` upload collections (the host's `media`) as a document of that collection,
 * made through the Local API as the request's user, so the collection's access, hooks, storage
 * adapter and image sizes all apply: the stored original's bytes under the asset's file name,
 * `alt` from the asset (else from its prompt) and `generatedAsset` pointing back at it. An asset
 * already used in that collection gives the document made before (one the user can read).
 * Answers **201** `{ collection, id, doc }` for a new document, **200** for a reused one.
 *
 * @throws {APIError} 401 anonymous; 404 an asset the user cannot read; 400 a collection that is
 *   not a target, or an asset that is not ready; the target's own validation errors (400) and
 *   access errors (403) as Payload answers them. Nothing is created on any of these.
 */
export const useInTargetEndpoint = ({ options }: { options: ResolvedGeneratedAssetsPluginOptions }): Endpoint => ({
  handler: respondWithClientErrors(async (req) => {
    const { t } = getTranslate({ req })
    if (!req.user) throw new APIError(t('generatedAssets:errorLoggedOutGenerate'), 401, null, true)
    const body = (await readJSONBody({ req })) as { collection?: unknown } | null
    const target = typeof body?.collection === 'string' ? body.collection : undefined
    if (!target || !options.targets.includes(target)) {
      throw new APIError(
        t('generatedAssets:errorTargetCollection', { collections: options.targets.join(', ') || '—' }),
        400,
        null,
        true,
      )
    }
    const id = req.routeParams?.id
    if (!isAssetId(id)) throw notFoundError({ req })
    const asset = (await req.payload
      .findByID({
        collection: options.collectionSlug,
        depth: 0,
        id: id as number | string,
        overrideAccess: false,
        req,
        user: req.user,
      })
      .catch(() => null)) as (Record<string, unknown> & { id: number | string }) | null
    if (!asset) throw notFoundError({ req })
    if (asset.status !== 'ready' || typeof asset.filename !== 'string') {
      throw new APIError(t('generatedAssets:errorUseNotReady'), 400, null, true)
    }
    const { docs } = await req.payload.find({
      collection: target,
      depth: 0,
      limit: 1,
      overrideAccess: false,
      req,
      user: req.user,
      where: { [TARGET_RELATION_FIELD]: { equals: asset.id } },
    })
    if (docs[0]) return Response.json({ collection: target, doc: docs[0], id: docs[0].id }, { status: 200 })
    const data = await readStoredFile({ collectionSlug: options.collectionSlug, doc: asset, req })
    if (!data) throw notFoundError({ req })
    const doc = await req.payload.create({
      collection: target,
      data: {
        alt: (asset.alt as string | undefined) || altFromPrompt(String(asset.prompt ?? '')),
        [TARGET_RELATION_FIELD]: asset.id,
      },
      depth: 0,
      file: { data, mimetype: String(asset.mimeType), name: asset.filename, size: data.byteLength },
      overrideAccess: false,
      req,
      user: req.user,
    })
    return Response.json({ collection: target, doc, id: doc.id }, { status: 201 })
  }),
  method: 'post',
  path: '/:id/use',
})
