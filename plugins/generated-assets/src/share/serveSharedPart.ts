import type { PayloadRequest } from 'payload'

import type { ResolvedGeneratedAssetsPluginOptions } from '../types.js'

import type { SharedFile } from './findSharedFile.js'

import { serveAssetFile } from './serveAssetFile.js'
import { getSignedObjectURL } from '../storage/getSignedObjectURL.js'
import { getStorageInfo } from '../storage/getStorageInfo.js'
import { ORIGINAL_SIZE_NAME } from '../utilities/getImageSizes.js'
import { entityTagOf, isNotModified, notModified } from '../utilities/conditionalGet.js'
import { notFoundError } from '../utilities/notFoundError.js'

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
export type SharedPart = 'file' | 'poster' | 'size' | 'thumbnail'


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
export const serveSharedPart = async ({
  findFile,
  options,
  part,
  req,
}: {
  /** Looks the shared asset up (404 when the link is not valid), with its poster when `withPoster`. */
  findFile: (args: { withPoster: boolean }) => Promise<SharedFile>
  options: ResolvedGeneratedAssetsPluginOptions
  part: SharedPart
  req: PayloadRequest
}): Promise<Response> => {
  const asset = await findFile({ withPoster: part !== 'file' })
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

