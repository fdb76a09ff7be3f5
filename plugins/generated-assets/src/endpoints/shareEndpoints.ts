import type { Endpoint, PayloadRequest } from 'payload'

import { APIError } from 'payload'

import type { ResolvedGeneratedAssetsPluginOptions } from '../types.js'

import { createShareToken } from '../share/createShareToken.js'
import { findSharedAsset } from '../share/findSharedAsset.js'
import { findSharedFile, type SharedFile } from '../share/findSharedFile.js'
import { renderSharePage } from '../share/renderSharePage.js'
import { serveAssetFile } from '../share/serveAssetFile.js'
import { getSignedObjectURL } from '../storage/getSignedObjectURL.js'
import { getStorageInfo } from '../storage/getStorageInfo.js'
import { absolutizeUrl } from '../utilities/absolutizeUrl.js'
import { ORIGINAL_SIZE_NAME } from '../utilities/getImageSizes.js'
import { entityTagOf, isNotModified, notModified, respondWithEntityTag } from '../utilities/conditionalGet.js'
import { getTranslate } from '../translations/getTranslate.js'
import { findUpdatableAsset } from '../utilities/findUpdatableAsset.js'
import { getRequestOrigin } from '../utilities/getRequestOrigin.js'
import { getSharePath, normalizeAsset } from '../utilities/normalizeAsset.js'
import { notFoundError } from '../utilities/notFoundError.js'
import { respondWithClientErrors } from './respondWithClientErrors.js'

/**
 * Seconds browsers and CDNs may reuse a shared file (or its redirect) without asking again: short,
 * so a revoked or trashed asset stops being served within a minute everywhere, at once here.
 */
const SHARED_FILE_MAX_AGE = 60

/**
 * `Cache-Control` of a shared file: any cache (a CDN too, `public`, `s-maxage`) may keep it for
 * `maxAge` seconds at most, then asks again with its `ETag` (RFC 9111, section 5.2.2).
 */
const sharedFileCacheControl = (maxAge: number) => `public, max-age=${maxAge}, s-maxage=${maxAge}`

/**
 * When a redirect to a signed URL is signed, and for how long it may be cached: signing times are
 * rounded down to windows of `SHARED_FILE_MAX_AGE` seconds (at most half the URL's lifetime), so
 * within a window every request gets the same URL, and so the same `ETag`; a cached redirect
 * is never reused after its URL expires.
 */
const getSigningWindow = (expiresIn: number, now = Date.now()) => {
  const window = Math.max(1, Math.min(SHARED_FILE_MAX_AGE, Math.floor(expiresIn / 2)))
  const signingDate = new Date(Math.floor(now / (window * 1000)) * window * 1000)
  return { maxAge: Math.max(0, Math.min(SHARED_FILE_MAX_AGE, expiresIn - window)), signingDate }
}

/** What a share file route serves: the file, a video's poster, the thumbnail, or one rendition (`sizes/:name`). */
type SharedPart = 'file' | 'poster' | 'size' | 'thumbnail'


const safeDownloadName = (filename: string) => filename.replace(/[^\w.-]+/g, '_')

/** Which stored file (collection, document, file name) a share route serves. */
const resolvePart = ({
  asset,
  options,
  part,
  req,
}: {
  asset: SharedFile
  options: ResolvedGeneratedAssetsPluginOptions
  part: SharedPart
  req: PayloadRequest
}): { collectionSlug: string; doc: SharedFile | NonNullable<SharedFile['poster']>; filename: string } => {
  const { poster } = asset
  if (part === 'size') {
    // An image's renditions, a video's poster's (`getImageSizes`): the stored file or an upload size.
    const name = req.routeParams?.name
    const [collectionSlug, doc] =
      asset.kind === 'video' ? [options.posterCollectionSlug, poster] : [options.collectionSlug, asset]
    const filename =
      typeof name !== 'string'
        ? undefined
        : name === ORIGINAL_SIZE_NAME
          ? doc?.filename
          : Object.hasOwn(doc?.sizes ?? {}, name)
            ? doc?.sizes?.[name]?.filename
            : undefined
    if (!doc || !filename) throw notFoundError({ req })
    return { collectionSlug, doc, filename }
  }
  if (part === 'file') {
    return { collectionSlug: options.collectionSlug, doc: asset, filename: asset.filename! }
  }
  if (part === 'poster') {
    if (!poster?.filename) throw notFoundError({ req })
    return { collectionSlug: options.posterCollectionSlug, doc: poster, filename: poster.filename }
  }
  if (asset.kind === 'video') {
    if (!poster?.filename) throw notFoundError({ req })
    return {
      collectionSlug: options.posterCollectionSlug,
      doc: poster,
      filename: poster.sizes?.thumbnail?.filename ?? poster.filename,
    }
  }
  return {
    collectionSlug: options.collectionSlug,
    doc: asset,
    filename: asset.sizes?.thumbnail?.filename ?? asset.filename!,
  }
}

/**
 * Serves a shared file: with the plugin's `storage` option and storage-s3, a 302 to a URL signed
 * for the current signing window, valid for `signedURLExpiresIn` seconds from its start
 * (`getSignedShareURL`), with the URL's `ETag` and a 304 to it; else through the collection's
 * storage adapter (streamed, or storage-s3's own `signedDownloads` redirect) or from local
 * storage, with HTTP Range support and the file's `ETag`. Cacheable by any cache for 60 s at
 * most (`sharedFileCacheControl`). `?download=1` answers it as an attachment with the stored file
 * name (S3 sets the header of a signed download). The asset is looked up with `findSharedFile`
 * (one indexed read of the few fields a file needs), since every view of a shared file comes
 * through here.
 */
const serveSharedPart = async ({
  options,
  part,
  req,
}: {
  options: ResolvedGeneratedAssetsPluginOptions
  part: SharedPart
  req: PayloadRequest
}) => {
  const asset = await findSharedFile({
    collectionSlug: options.collectionSlug,
    posterCollectionSlug: options.posterCollectionSlug,
    req,
    token: req.routeParams?.token,
    withPoster: part !== 'file',
  })
  const target = resolvePart({ asset, options, part, req })
  const isDownload = Boolean(req.searchParams?.get('download'))
  const contentDisposition = isDownload ? `attachment; filename="${safeDownloadName(target.filename)}"` : undefined
  const headers = new Headers({ 'Cache-Control': sharedFileCacheControl(SHARED_FILE_MAX_AGE), Vary: 'Accept, Range' })
  const signed = await getSignedShareURL({ contentDisposition, req, target })
  if (signed) {
    headers.set('Cache-Control', sharedFileCacheControl(signed.maxAge))
    headers.set('ETag', entityTagOf(signed.url))
    headers.set('Location', signed.url)
    if (isNotModified({ requestHeaders: req.headers, responseHeaders: headers })) return notModified(headers)
    return new Response(null, { headers, status: 302 })
  }
  // Local disk: a weak ETag of the file's size and time, and 304 (`serveAssetFile`); storage
  // adapters that stream (storage-s3 without signed URLs) answer the object's own ETag and 304.
  const response = await serveAssetFile({ ...target, doc: target.doc as never, req })
  response.headers.forEach((value, name) => {
    if (name !== 'cache-control' && name !== 'vary') headers.set(name, value)
  })
  if (contentDisposition && response.status < 300) {
    headers.set('Content-Disposition', contentDisposition)
  }
  return new Response(response.body, { headers, status: response.status })
}

/**
 * A URL signed for the current signing window (`getSigningWindow`) for the shared file, and the
 * seconds a cache may keep a redirect to it, when the file's collection is on storage-s3 with the
 * plugin's `storage.bucket` set and `signedURLExpiresIn` is not `false`; else `undefined` (the
 * file is then served through the collection's storage adapter). The object key is the one
 * storage-s3 reads (`getStorageInfo`).
 */
const getSignedShareURL = async ({
  contentDisposition,
  req,
  target,
}: {
  contentDisposition?: string
  req: PayloadRequest
  target: ReturnType<typeof resolvePart>
}): Promise<{ maxAge: number; url: string } | undefined> => {
  const { bucket, getKey } = await getStorageInfo({ collectionSlug: target.collectionSlug, payload: req.payload })
  if (!bucket || bucket.signedURLExpiresIn === false) {
    return undefined
  }
  const { maxAge, signingDate } = getSigningWindow(bucket.signedURLExpiresIn)
  const url = await getSignedObjectURL({
    bucket: bucket.name,
    client: bucket.client,
    expiresIn: bucket.signedURLExpiresIn,
    key: (await getKey({ doc: target.doc, filename: target.filename }))!,
    responseContentDisposition: contentDisposition,
    signingDate,
  })
  return { maxAge, url }
}

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
          return serveSharedPart({ options, part: 'file', req })
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
      handler: (req) => serveSharedPart({ options, part, req }),
      method: 'get',
      path: `/share/:token/${part}`,
    })),
    {
      handler: (req) => serveSharedPart({ options, part: 'size', req }),
      method: 'get',
      path: '/share/:token/sizes/:name',
    },
  ]
  return endpoints.map((endpoint) => ({ ...endpoint, handler: respondWithClientErrors(endpoint.handler) }))
}
