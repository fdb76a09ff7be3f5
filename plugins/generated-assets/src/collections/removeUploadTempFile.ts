import type { CollectionAfterErrorHook } from 'payload'

import { unlink } from 'node:fs/promises'

/**
 * An `afterError` hook: when a request that carried an upload fails, its temporary file (Payload's
 * `useTempFiles`) is removed. Payload removes it when a create fails, but not on every other path
 * (an update of an asset that does not exist, a refused query), so failed uploads would otherwise
 * pile up in the server's temporary directory.
 */
export const removeUploadTempFile: CollectionAfterErrorHook = async ({ req }) => {
  const tempFilePath = (req?.file as { tempFilePath?: unknown } | undefined)?.tempFilePath
  if (typeof tempFilePath === 'string' && tempFilePath) {
    await unlink(tempFilePath).catch(() => undefined)
  }
}
