import type { Payload } from 'payload'

/** Names of a collection's upload sizes (`upload.imageSizes`), in their config order. */
export const getImageSizeNames = ({ collectionSlug, payload }: { collectionSlug: string; payload: Payload }) => {
  const upload = payload.collections[collectionSlug]?.config.upload
  return (upload && typeof upload === 'object' ? (upload.imageSizes ?? []) : []).map(({ name }) => name)
}
