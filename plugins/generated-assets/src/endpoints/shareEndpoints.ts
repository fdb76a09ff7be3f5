import type { Endpoint, PayloadRequest } from 'payload'

import { APIError } from 'payload'

import type { ResolvedGeneratedAssetsPluginOptions } from '../types.js'
import type { AssetDocument } from '../utilities/normalizeAsset.js'

import { createShareToken } from '../share/createShareToken.js'
import { renderSharePage } from '../share/renderSharePage.js'
import { serveAssetFile } from '../share/serveAssetFile.js'
import { absolutizeUrl } from '../utilities/absolutizeUrl.js'
import { getRequestOrigin } from '../utilities/getRequestOrigin.js'
import { getSharePath, normalizeAsset } from '../utilities/normalizeAsset.js'
import { respondWithClientErrors } from './respondWithClientErrors.js'

const notFound = () => new APIError('Not Found', 404, null, true)

/** Finds the ready, not trashed asset a share token belongs to, or throws 404. */
const findSharedAsset = async ({
  options,
  req,
}: {
  options: ResolvedGeneratedAssetsPluginOptions
  req: PayloadRequest
}): Promise<AssetDocument & Record<string, unknown>> => {
  const token = req.routeParams?.token
  if (typeof token !== 'string' || !/^[\w-]{16,128}$/.test(token)) {
    throw notFound()
  }
  const { docs } = await req.payload.find({
    collection: options.collectionSlug,
    depth: 0,
    limit: 1,
    overrideAccess: true,
    pagination: false,
    req,
    where: { and: [{ shareToken: { equals: token } }, { status: { equals: 'ready' } }] },
  })
  const doc = docs[0] as (AssetDocument & Record<string, unknown>) | undefined
  if (!doc || !doc.filename) {
    throw notFound()
  }
  return doc
}

const storageModeOf = (req: PayloadRequest, slug: string) =>
  (req.payload.collections[slug]?.config.upload as { adapter?: string } | undefined)?.adapter ? 's3' : 'local'

const withDownloadHeaders = ({ filename, response }: { filename: string; response: Response }): Response => {
  if (response.status >= 300 && response.status < 400) {
    return response
  }
  const headers = new Headers(response.headers)
  headers.set('Content-Disposition', `attachment; filename="${filename.replace(/["\\\r\n]/g, '_')}"`)
  return new Response(response.body, { headers, status: response.status })
}

const serveSharedFile = async ({
  options,
  req,
}: {
  options: ResolvedGeneratedAssetsPluginOptions
  req: PayloadRequest
}) => {
  const doc = await findSharedAsset({ options, req })
  const filename = doc.filename as string
  const response = await serveAssetFile({ collectionSlug: options.collectionSlug, doc, filename, req })
  const headers = new Headers(response.headers)
  headers.set('Cache-Control', 'private, max-age=60')
  const result = new Response(response.body, { headers, status: response.status })
  return req.searchParams?.get('download') ? withDownloadHeaders({ filename, response: result }) : result
}

/**
 * Sharing endpoints (DESIGN §4):
 * - `POST /:id/share`: creates the asset's share token on first use (only for a user who may
 *   update the asset) and answers `{ shareUrl }`.
 * - `GET /share/:token`: public; an HTML page with the media, `Accept: application/json` the
 *   normalized asset, `Accept: image/*` or `video/*` the file itself.
 * - `GET /share/:token/file`: public; always the file (`?download=1` as an attachment).
 * Unknown, revoked or trashed tokens get 404.
 */
export const shareEndpoints = ({ options }: { options: ResolvedGeneratedAssetsPluginOptions }): Endpoint[] => {
  const endpoints: Endpoint[] = [
    {
      handler: async (req) => {
        if (!req.user) {
          throw new APIError('You must be logged in to share assets.', 401, null, true)
        }
        const id = req.routeParams?.id as string
        const { docs } = await req.payload.find({
          collection: options.collectionSlug,
          depth: 0,
          limit: 1,
          overrideAccess: false,
          pagination: false,
          req,
          user: req.user,
          where: { id: { equals: id } },
        })
        const asset = docs[0]
        if (!asset) {
          throw notFound()
        }
        let token = asset.shareToken as string | undefined
        if (!token) {
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
        const shareUrl = absolutizeUrl(
          getSharePath({ apiRoute: req.payload.config.routes.api, collectionSlug: options.collectionSlug, token }),
          getRequestOrigin({ req }),
        )
        return Response.json({ shareUrl })
      },
      method: 'post',
      path: '/:id/share',
    },
    {
      handler: async (req) => {
        const accept = req.headers.get('accept') ?? ''
        if (/\b(image|video)\/[\w*+.-]+/.test(accept) && !accept.includes('text/html')) {
          return serveSharedFile({ options, req })
        }
        const doc = await findSharedAsset({ options, req })
        const origin = getRequestOrigin({ req })
        const asset = normalizeAsset({
          apiRoute: req.payload.config.routes.api,
          collectionSlug: options.collectionSlug,
          doc,
          origin,
          storageMode: storageModeOf(req, options.collectionSlug),
        })
        const pageUrl = absolutizeUrl(
          getSharePath({
            apiRoute: req.payload.config.routes.api,
            collectionSlug: options.collectionSlug,
            token: req.routeParams!.token as string,
          }),
          origin,
        )!
        const fileUrl = `${pageUrl}/file`
        const headers = { 'Cache-Control': 'private, no-cache' }
        if (accept.includes('application/json')) {
          return Response.json(
            {
              ...asset,
              imageUrl: asset.imageUrl && fileUrl,
              posterUrl: null,
              shareUrl: pageUrl,
              thumbnailUrl: fileUrl,
              videoUrl: asset.videoUrl && fileUrl,
            },
            { headers },
          )
        }
        return new Response(renderSharePage({ asset, fileUrl, pageUrl }), {
          headers: { ...headers, 'Content-Type': 'text/html; charset=utf-8' },
        })
      },
      method: 'get',
      path: '/share/:token',
    },
    {
      handler: (req) => serveSharedFile({ options, req }),
      method: 'get',
      path: '/share/:token/file',
    },
  ]
  return endpoints.map((endpoint) => ({ ...endpoint, handler: respondWithClientErrors(endpoint.handler) }))
}
