import type { Endpoint, PayloadRequest } from 'payload'

import { APIError } from 'payload'

import type { ResolvedGeneratedAssetsPluginOptions } from '../types.js'

import { createShareToken } from '../share/createShareToken.js'
import { findSharedAsset } from '../share/findSharedAsset.js'
import { findSharedFile } from '../share/findSharedFile.js'
import { renderSharePage } from '../share/renderSharePage.js'
import { serveSharedPart } from '../share/serveSharedPart.js'
import { getStorageInfo } from '../storage/getStorageInfo.js'
import { absolutizeUrl } from '../utilities/absolutizeUrl.js'
import { respondWithEntityTag } from '../utilities/conditionalGet.js'
import { getTranslate } from '../translations/getTranslate.js'
import { findUpdatableAsset } from '../utilities/findUpdatableAsset.js'
import { getRequestOrigin } from '../utilities/getRequestOrigin.js'
import { getSharePath, normalizeAsset } from '../utilities/normalizeAsset.js'
import { respondWithClientErrors } from './respondWithClientErrors.js'

/** The asset of the request's share token (`findSharedFile`), for `serveSharedPart`. */
const findByToken =
  ({ options, req }: { options: ResolvedGeneratedAssetsPluginOptions; req: PayloadRequest }) =>
  ({ withPoster }: { withPoster: boolean }) =>
    findSharedFile({
      collectionSlug: options.collectionSlug,
      posterCollectionSlug: options.posterCollectionSlug,
      req,
      token: req.routeParams?.token,
      withPoster,
    })

const shareUrlOf = ({
  options,
  req,
  token,
}: {
  options: ResolvedGeneratedAssetsPluginOptions
  req: PayloadRequest
  token: string
}) =>
  absolutizeUrl(
    getSharePath({ apiRoute: req.payload.config.routes.api, collectionSlug: options.collectionSlug, token }),
    getRequestOrigin({ req }),
  )!

/** Whether a share request asks for a new token: `?rotate=1` (or `true`), or a JSON body `{ "rotate": true }`. */
export const wantsRotation = async (req: PayloadRequest): Promise<boolean> => {
  if (req.searchParams?.get('rotate') === '1' || req.searchParams?.get('rotate') === 'true') return true
  try {
    const text = req.text ? await req.text() : ''
    return Boolean(text && (JSON.parse(text) as { rotate?: unknown })?.rotate === true)
  } catch {
    throw new APIError(getTranslate({ req }).t('generatedAssets:errorBodyEmptyOrRotate'), 400, null, true)
  }
}

/**
 * Sharing endpoints:
 * - `POST /:id/share`: answers `{ shareUrl }`, creating the asset's share token (192 random
 *   bits, unrelated to the id) on first use; `?rotate=1` or `{ "rotate": true }` replaces it, so
 *   the old link stops working at once.
 * - `DELETE /:id/share`: revokes the link (`{ shareUrl: null }`).
 *   Both only for a user who may update the asset (404 otherwise, 401 when anonymous).
 * - `GET /share/:token`: public; an HTML page with the media and Open Graph / Twitter tags,
 *   `Accept: application/json` the normalized asset, `Accept: image/*` or `video/*` the file.
 * - `GET /share/:token/file`, `/poster`, `/thumbnail`: public; the media (`?download=1` as an
 *   attachment).
 * - `GET /share/:token/sizes/:name`: public; one rendition of the image (a video's: of its
 *   poster), `original` or an upload size's name, as the share JSON's `imageSizes` list them.
 * Unknown, revoked, rotated-out or trashed tokens get 404 on every route. Messages and the share
 * page are in the request's language (`req.t`: the visitor's `Accept-Language` among the
 * languages the host supports).
 */
export const shareEndpoints = ({ options }: { options: ResolvedGeneratedAssetsPluginOptions }): Endpoint[] => {
  const endpoints: Endpoint[] = [
    {
      handler: async (req) => {
        const asset = await findUpdatableAsset({
          anonymousMessage: getTranslate({ req }).t('generatedAssets:errorLoggedOutShare'),
          collectionSlug: options.collectionSlug,
          id: req.routeParams?.id,
          req,
        })
        const shouldRotate = await wantsRotation(req)
        let token = asset.shareToken as string | undefined
        if (!token || shouldRotate) {
          token = createShareToken()
          await req.payload.update({
            collection: options.collectionSlug,
            data: { sharedAt: new Date().toISOString(), shareToken: token },
            depth: 0,
            id: asset.id,
            overrideAccess: true,
            req,
          })
        }
        return Response.json({ shareUrl: shareUrlOf({ options, req, token }) })
      },
      method: 'post',
      path: '/:id/share',
    },
    {
      handler: async (req) => {
        const asset = await findUpdatableAsset({
          anonymousMessage: getTranslate({ req }).t('generatedAssets:errorLoggedOutShare'),
          collectionSlug: options.collectionSlug,
          id: req.routeParams?.id,
          req,
        })
        if (asset.shareToken) {
          await req.payload.update({
            collection: options.collectionSlug,
            data: { sharedAt: null, shareToken: null },
            depth: 0,
            id: asset.id,
            overrideAccess: true,
            req,
          })
        }
        return Response.json({ shareUrl: null })
      },
      method: 'delete',
      path: '/:id/share',
    },
    {
      handler: async (req) => {
        const accept = req.headers.get('accept') ?? ''
        if (/\b(image|video)\/[\w*+.-]+/.test(accept) && !accept.includes('text/html')) {
          return serveSharedPart({ findFile: findByToken({ options, req }), options, part: 'file', req })
        }
        const doc = await findSharedAsset({
          collectionSlug: options.collectionSlug,
          req,
          token: req.routeParams?.token,
        })
        const pageUrl = shareUrlOf({ options, req, token: req.routeParams!.token as string })
        const asset = normalizeAsset({
          apiRoute: req.payload.config.routes.api,
          collectionSlug: options.collectionSlug,
          doc,
          origin: getRequestOrigin({ req }),
          storageMode: (await getStorageInfo({ collectionSlug: options.collectionSlug, payload: req.payload })).mode,
        })
        // Everything handed out here goes through the share routes: the stored URLs need a login.
        const shared = {
          ...asset,
          imageSizes: asset.imageSizes.map((size) => ({ ...size, url: `${pageUrl}/sizes/${encodeURIComponent(size.name)}` })),
          imageUrl: asset.imageUrl && `${pageUrl}/file`,
          posterUrl: asset.posterUrl && `${pageUrl}/poster`,
          shareUrl: pageUrl,
          thumbnailURL: asset.thumbnailURL && `${pageUrl}/thumbnail`,
          videoUrl: asset.videoUrl && `${pageUrl}/file`,
        }
        // Revalidated on every use (a 304 while nothing changed), so a revoked link ends at once;
        // the page is in the visitor's language.
        const headers = { 'Cache-Control': 'private, no-cache', Vary: 'Accept, Accept-Language, Cookie' }
        if (accept.includes('application/json')) {
          return respondWithEntityTag({
            body: JSON.stringify(shared),
            headers: { ...headers, 'Content-Type': 'application/json' },
            request: req,
          })
        }
        return respondWithEntityTag({
          body: renderSharePage({ asset: shared, fileUrl: `${pageUrl}/file`, pageUrl, req }),
          headers: { ...headers, 'Content-Type': 'text/html; charset=utf-8' },
          request: req,
        })
      },
      method: 'get',
      path: '/share/:token',
    },
    ...(['file', 'poster', 'thumbnail'] as const).map((part): Endpoint => ({
      handler: (req) => serveSharedPart({ findFile: findByToken({ options, req }), options, part, req }),
      method: 'get',
      path: `/share/:token/${part}`,
    })),
    {
      handler: (req) => serveSharedPart({ findFile: findByToken({ options, req }), options, part: 'size', req }),
      method: 'get',
      path: '/share/:token/sizes/:name',
    },
  ]
  return endpoints.map((endpoint) => ({ ...endpoint, handler: respondWithClientErrors(endpoint.handler) }))
}
