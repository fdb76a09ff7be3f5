/** The stored-file fields of an upload document that locate its objects. */
export type StoredFileDoc = {
  _objectKey?: null | string
  filename?: null | string
  prefix?: null | string
  sizes?: null | Record<string, null | undefined | { filename?: null | string }>
}

const trimSlashes = (value: null | string | undefined) => (value ?? '').replace(/^\/+|\/+$/g, '')

/**
 * The folder of an upload document's objects in its bucket, as the storage plugin builds it:
 * `prefix`, then `_objectKey`, else `defaultPrefix` (the collection's prefix); `''` for the root.
 */
export const getStoredFolder = ({ defaultPrefix = '', doc }: { defaultPrefix?: string; doc: StoredFileDoc }): string =>
  [trimSlashes(doc.prefix), trimSlashes(doc._objectKey)].filter(Boolean).join('/') || trimSlashes(defaultPrefix)

/**
 * The object keys of an upload document in its bucket: its file and every image size, each under
 * the document's folder as the storage plugin builds it (`prefix`, then `_objectKey`, else
 * `defaultPrefix`, the collection's prefix). Documents without a file have none.
 */
export const getStoredKeys = ({ defaultPrefix = '', doc }: { defaultPrefix?: string; doc: StoredFileDoc }): string[] => {
  const folder = getStoredFolder({ defaultPrefix, doc })
  const filenames = [doc.filename, ...Object.values(doc.sizes ?? {}).map((size) => size?.filename)]
  return filenames
    .filter((filename): filename is string => typeof filename === 'string' && filename.length > 0)
    .map((filename) => (folder ? `${folder}/${filename}` : filename))
}
