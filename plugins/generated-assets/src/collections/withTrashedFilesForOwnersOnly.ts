import type { Access, Where } from 'payload'

/**
 * Wraps a collection's `read` access so that Payload's file route (`isReadingStaticFile`) serves
 * the files of a trashed asset to its owner (`createdBy`) only, even where `read` lets others see
 * the asset itself (an admin, a team gallery). Reads other than the file route are unchanged.
 *
 * @param deletedAtPath where the asset's trash time is, from this collection: `deletedAt` for the
 *   assets, `asset.deletedAt` for the posters (a poster goes with its video).
 */
export const withTrashedFilesForOwnersOnly =
  ({ deletedAtPath, read }: { deletedAtPath: string; read: Access }): Access =>
  async (args) => {
    const result = await read(args)
    if (!args.isReadingStaticFile || !result) return result
    const user = args.req.user
    const liveOrOwn: Where = {
      or: [{ [deletedAtPath]: { exists: false } }, ...(user ? [{ createdBy: { equals: user.id } }] : [])],
    }
    return result === true ? liveOrOwn : { and: [result, liveOrOwn] }
  }
