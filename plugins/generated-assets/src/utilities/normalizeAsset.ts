import type { GeneratedAssetKind, GeneratedAssetStatus } from '../types.js'

import { absolutizeUrl } from './absolutizeUrl.js'
import { type AIDisclosure, type AIDisclosureDocument, getAIDisclosure } from './getAIDisclosure.js'
import { getImageSizes, type ImageSize, type ImageSizesDocument } from './getImageSizes.js'

/** The stored fields of an asset that the normalizer reads (a Payload document, depth 0 or more). */
export type AssetDocument = AIDisclosureDocument & {
  alt?: null | string
  completedAt?: null | string
  createdAt?: string
  duration?: null | number
  filename?: null | string
  height?: null | number
  id: number | string
  inferenceTime?: null | number
  kind?: GeneratedAssetKind | null
  mimeType?: null | string
  model?: null | string
  modelName?: null | string
  placeholder?: null | string
  poster?: (ImageSizesDocument & { url?: null | string }) | null | number | string
  prefix?: null | string
  previewUrl?: null | string
  prompt?: null | string
  shareToken?: null | string
  sizes?: ImageSizesDocument['sizes']
  status?: GeneratedAssetStatus | null
  url?: null | string
  width?: null | number
}

/**
 * The normalized asset that REST, GraphQL and the admin hand out. Every URL is
 * absolute and points at persisted storage, never at the provider. Times are in seconds,
 * sizes in pixels.
 */
export type NormalizedAsset = {
  /**
   * The machine-readable AI disclosure (EU AI Act Art. 50): whether the plugin generated the asset,
   * its IPTC Digital Source Type, model and provider; `null` when the document was read without
   * the fields it is made of.
   */
  aiDisclosure: AIDisclosure | null
  /** Alternative text of the image (an editor's, the captioning model's or the prompt's). */
  alt: null | string
  createdAt: null | string
  /** Length of a video, in seconds; `null` for images. */
  duration: null | number
  height: null | number
  id: number | string
  /**
   * The stored renditions of the image (a video's: of its poster), narrowest first, one per
   * width, for `srcset` or `next/image`: the original (`name: 'original'`) and each upload size.
   */
  imageSizes: ImageSize[]
  imageUrl: null | string
  /** Time the provider call took, in seconds. */
  inferenceTime: null | number
  kind: GeneratedAssetKind
  model: null | string
  modelName: null | string
  /** Tiny blurred preview of the image (a `data:` URL), shown while the image loads. */
  placeholder: null | string
  /** A video's poster image; never the video itself. `null` for images. */
  posterUrl: null | string
  prompt: null | string
  shareUrl: null | string
  status: GeneratedAssetStatus | null
  storageKey: null | string
  storageMode: string
  /**
   * The WebP thumbnail (a video's: its poster's), else an image's stored file. Spelled as
   * Payload's own upload field `thumbnailURL`, which carries this value on every read.
   */
  thumbnailURL: null | string
  videoUrl: null | string
  width: null | number
}

/**
 * The persisted URL of an asset's media (the stored file), never the provider's transient
 * `previewUrl`, which providers delete within hours (Replicate after an hour, DashScope after
 * 24 hours): the persisted file is the source of truth. Returns `null` while the
 * asset has no stored file yet.
 */
export const getPersistedMediaUrl = (doc: Pick<AssetDocument, 'filename' | 'url'>): null | string =>
  doc.filename && doc.url ? doc.url : null

/**
 * The poster URL of a video: the poster image's own URL, never the video URL (browsers report a
 * vague "load failed" when a video is used as its own poster). `null` for images
 * and for videos without a poster.
 */
export const getPosterUrl = (doc: Pick<AssetDocument, 'kind' | 'poster' | 'url'>): null | string => {
  if (doc.kind !== 'video') {
    return null
  }
  const posterUrl = doc.poster && typeof doc.poster === 'object' ? doc.poster.url : null
  if (!posterUrl || posterUrl === doc.url) {
    return null
  }
  return posterUrl
}

/** The object key of the stored file in its bucket or directory: `prefix/filename` or `filename`. */
export const getStorageKey = (doc: Pick<AssetDocument, 'filename' | 'prefix'>): null | string => {
  if (!doc.filename) {
    return null
  }
  return doc.prefix ? `${doc.prefix.replace(/\/+$/, '')}/${doc.filename}` : doc.filename
}

/** Path of the public share page of a token, relative to the origin. */
export const getSharePath = ({
  apiRoute,
  collectionSlug,
  token,
}: {
  apiRoute: string
  collectionSlug: string
  token: string
}) => `${apiRoute.replace(/\/+$/, '')}/${collectionSlug}/share/${token}`

/**
 * Builds the normalized object of an asset: persisted URLs made
 * absolute against `origin` (absolute S3/CDN URLs are kept as they are), inference time and
 * duration in seconds, and the share URL when the asset has a share token the reader may see.
 */
export const normalizeAsset = ({
  apiRoute = '/api',
  collectionSlug,
  doc,
  origin,
  storageKey = getStorageKey(doc),
  storageMode,
}: {
  apiRoute?: string
  collectionSlug: string
  doc: AssetDocument
  origin: null | string
  /** The stored file's key as the storage adapter reads it (`getStorageInfo`); default `prefix/filename`. */
  storageKey?: null | string
  storageMode: string
}): NormalizedAsset => {
  const kind: GeneratedAssetKind = doc.kind === 'video' ? 'video' : 'image'
  const mediaUrl = absolutizeUrl(getPersistedMediaUrl(doc), origin)
  const posterUrl = absolutizeUrl(getPosterUrl(doc), origin)
  const poster = doc.poster && typeof doc.poster === 'object' ? doc.poster : null
  // A video's thumbnail is its poster's thumbnail: a still image, never the video.
  const thumbnail =
    kind === 'video'
      ? posterUrl && (absolutizeUrl(poster?.sizes?.thumbnail?.url ?? null, origin) ?? posterUrl)
      : absolutizeUrl(doc.sizes?.thumbnail?.url ?? null, origin)
  return {
    aiDisclosure: getAIDisclosure(doc),
    alt: doc.alt ?? null,
    createdAt: doc.createdAt ?? null,
    duration: doc.duration ?? null,
    height: doc.height ?? null,
    id: doc.id,
    imageSizes: getImageSizes({ doc: kind === 'video' ? poster : doc, origin }),
    imageUrl: kind === 'image' ? mediaUrl : null,
    inferenceTime: doc.inferenceTime ?? null,
    kind,
    model: doc.model ?? null,
    modelName: doc.modelName ?? null,
    placeholder: doc.placeholder ?? null,
    posterUrl,
    prompt: doc.prompt ?? null,
    shareUrl: doc.shareToken
      ? absolutizeUrl(getSharePath({ apiRoute, collectionSlug, token: doc.shareToken }), origin)
      : null,
    status: doc.status ?? null,
    storageKey,
    storageMode,
    thumbnailURL: kind === 'image' ? (thumbnail ?? mediaUrl) : thumbnail,
    videoUrl: kind === 'video' ? mediaUrl : null,
    width: doc.width ?? null,
  }
}
