import type { Endpoint, PayloadRequest } from 'payload'

import { APIError } from 'payload'

import { getTranslate } from '../translations/getTranslate.js'
import { findUpdatableAsset } from '../utilities/findUpdatableAsset.js'
import { createShareToken } from './createShareToken.js'

/** Whether a share request asks for a new token: `?rotate=1` (or `true`), or a JSON body `{ "rotate": true }`. */
const wantsRotation = async (req: PayloadRequest): Promise<boolean> => {
  if (req.searchParams?.get('rotate') === '1' || req.searchParams?.get('rotate') === 'true') return true
  try {
    const text = req.text ? await req.text() : ''
    return Boolean(text && (JSON.parse(text) as { rotate?: unknown })?.rotate === true)
  } catch {
    throw new APIError(getTranslate({ req }).t('generatedAssets:errorBodyEmptyOrRotate'), 400, null, true)
  }
}

/**
 * The share link routes of a collection with a `shareToken` and `sharedAt` (assets, boards):
 * - `POST /:id/share`: answers `{ shareUrl }`, creating the document's share token (192 random
 *   bits, unrelated to the id) on first use; `?rotate=1` or `{ "rotate": true }` replaces it, so
 *   the old link stops working at once.
 * - `DELETE /:id/share`: revokes the link (`{ shareUrl: null }`).
 * Both only for a user who may update the document (its collection's `update` access): 404
 * otherwise, 401 when anonymous. The token is written with `overrideAccess` (clients never write it).
 */
export const getShareTokenEndpoints = ({
  collectionSlug,
  shareUrlOf,
}: {
  collectionSlug: string
  /** The absolute URL of the public page of `token`. */
  shareUrlOf: (args: { req: PayloadRequest; token: string }) => string
}): Endpoint[] => {
  const findDocument = (req: PayloadRequest) =>
    findUpdatableAsset({
      anonymousMessage: getTranslate({ req }).t('generatedAssets:errorLoggedOutShare'),
      collectionSlug,
      id: req.routeParams?.id,
      req,
    })
  const setToken = (req: PayloadRequest, id: number | string, token: null | string) =>
    req.payload.update({
      collection: collectionSlug,
      data: { sharedAt: token ? new Date().toISOString() : null, shareToken: token },
      depth: 0,
      id,
      overrideAccess: true,
      req,
    })
  return [
    {
      handler: async (req) => {
        const doc = await findDocument(req)
        let token = doc.shareToken as string | undefined
        if (!token || (await wantsRotation(req))) {
          token = createShareToken()
          await setToken(req, doc.id, token)
        }
        return Response.json({ shareUrl: shareUrlOf({ req, token }) })
      },
      method: 'post',
      path: '/:id/share',
    },
    {
      handler: async (req) => {
        const doc = await findDocument(req)
        if (doc.shareToken) await setToken(req, doc.id, null)
        return Response.json({ shareUrl: null })
      },
      method: 'delete',
      path: '/:id/share',
    },
  ]
}
