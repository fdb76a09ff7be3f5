import type {
  CollectionAfterErrorHook,
  CollectionAfterOperationHook,
  CollectionBeforeOperationHook,
  PayloadRequest,
} from 'payload'

import { unlink } from 'node:fs/promises'

/** Where the request's upload temp file is remembered (`req.context`), once the operation starts. */
const CONTEXT_KEY = 'generatedAssetsUploadTempFile'
/** How many operations of these collections are running on the request (hooks run nested ones on the same `req`). */
const DEPTH_KEY = 'generatedAssetsOperationDepth'

const removeRemembered = async (req: PayloadRequest | undefined) => {
  const remembered = req?.context?.[CONTEXT_KEY]
  const current = (req?.file as { tempFilePath?: unknown } | undefined)?.tempFilePath
  for (const tempFilePath of new Set([remembered, current])) {
    if (typeof tempFilePath === 'string' && tempFilePath) {
      await unlink(tempFilePath).catch(() => undefined)
    }
  }
  if (req?.context) {
    delete req.context[CONTEXT_KEY]
    delete req.context[DEPTH_KEY]
  }
}

/**
 * Collection hooks that remove a request's upload temp file (Payload's `upload.useTempFiles`)
 * once the operation has ended, whether it succeeded or failed. Payload unlinks `req.file`'s temp
 * file after a create or update, but `@payloadcms/plugin-cloud-storage` clears `req.file` in its
 * afterChange hook whenever the adapter answers metadata (storage-s3 always does), so every
 * upload through REST or the admin left its temp file behind; and Payload does not unlink it on
 * every failed path (an update of an asset that does not exist, a refused query).
 *
 * - `beforeOperation`: remembers `req.file.tempFilePath` in `req.context` when the outermost
 *   operation starts;
 * - `afterOperation` of that outermost operation (not of a nested one, such as a validation's
 *   `find` or the storage plugin's own update, which run before the file is stored or with it
 *   already stored) and `afterError`: unlink it (and `req.file`'s, if still set); a file already
 *   gone is not an error. Never fails the operation.
 */
export const getUploadTempFileHooks = (): {
  afterError: CollectionAfterErrorHook
  afterOperation: CollectionAfterOperationHook
  beforeOperation: CollectionBeforeOperationHook
} => ({
  afterError: async ({ req }) => {
    await removeRemembered(req)
  },
  afterOperation: async ({ req, result }) => {
    if (!req?.context) return result
    const depth = Math.max(0, Number(req.context[DEPTH_KEY] ?? 1) - 1)
    req.context[DEPTH_KEY] = depth
    if (depth === 0) await removeRemembered(req)
    return result
  },
  beforeOperation: ({ args, req }) => {
    if (!req?.context) return args
    const depth = Number(req.context[DEPTH_KEY] ?? 0) + 1
    req.context[DEPTH_KEY] = depth
    const tempFilePath = (req.file as { tempFilePath?: unknown } | undefined)?.tempFilePath
    if (depth === 1 && typeof tempFilePath === 'string' && tempFilePath) {
      req.context[CONTEXT_KEY] = tempFilePath
    }
    return args
  },
})
