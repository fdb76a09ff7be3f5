import type { PayloadRequest } from 'payload'

import { getStorageInfo } from '../storage/getStorageInfo.js'
import { absolutizeUrl } from '../utilities/absolutizeUrl.js'
import { getRequestOrigin } from '../utilities/getRequestOrigin.js'
import { normalizeAsset } from '../utilities/normalizeAsset.js'

/** The fields of an asset the plugin computes on read from its stored ones. */
export const VIRTUAL_URL_FIELDS = [
  'imageUrl',
  'videoUrl',
  'posterUrl',
  // Payload's own upload field, given the plugin's meaning (absolute, a video's poster thumbnail).
  'thumbnailURL',
  'shareUrl',
  'storageKey',
  'storageMode',
  'imageSizes',
  'aiDisclosure',
] as const

/**
 * Fills an asset document's computed fields (`VIRTUAL_URL_FIELDS`: absolute persisted URLs, the
 * renditions, the share URL) from its stored ones, and makes `url` and the sizes' URLs absolute
 * against the request's origin; a video's poster fields need `poster` populated. Changes `doc`
 * in place and answers it; running it again on the same document gives the same result.
 */
export const computeVirtualFields = async <T extends Record<string, unknown>>({
  collectionSlug,
  doc,
  req,
}: {
  collectionSlug: string
  doc: T
  req: PayloadRequest
}): Promise<T> => {
  const fields = doc as Record<string, unknown>
  const storage = await getStorageInfo({ collectionSlug, payload: req.payload })
  const origin = getRequestOrigin({ req })
  const normalized = normalizeAsset({
    apiRoute: req.payload.config.routes?.api,
    collectionSlug,
    doc: doc as never,
    origin,
    storageKey: await storage.getKey({ doc }),
    storageMode: storage.mode,
  })
  for (const field of VIRTUAL_URL_FIELDS) {
    fields[field] = normalized[field]
  }
  if (fields.url) {
    fields.url = normalized.imageUrl ?? normalized.videoUrl ?? fields.url
  }
  for (const size of Object.values((fields.sizes ?? {}) as Record<string, { url?: null | string }>)) {
    if (size?.url) {
      size.url = absolutizeUrl(size.url, origin)
    }
  }
  return doc
}
