import type { Endpoint, PayloadRequest } from 'payload'

import { APIError } from 'payload'

import type { ResolvedGeneratedAssetsPluginOptions } from '../types.js'

import { findSharedAsset } from '../share/findSharedAsset.js'
import { findSharedFile } from '../share/findSharedFile.js'
import { getShareTokenEndpoints } from '../share/getShareTokenEndpoints.js'
import { renderSharePage } from '../share/renderSharePage.js'
import { serveSharedPart } from '../share/serveSharedPart.js'
import { getStorageInfo } from '../storage/getStorageInfo.js'
import { absolutizeUrl } from '../utilities/absolutizeUrl.js'
import { respondWithEntityTag } from '../utilities/conditionalGet.js'
import { getTranslate } from '../translations/getTranslate.js'
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

/**
 * Sharing endpoints:
 * - `POST /:id/share` and `DELETE /:id/share`: create, rotate or revoke the asset's link
 *   (`getShareTokenEndpoints`), for a user who may update the asset.
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
    ...getShareTokenEndpoints({
      collectionSlug: options.collectionSlug,
      shareUrlOf: ({ req, token }) => shareUrlOf({ options, req, token }),
    }),
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
