import type { PayloadRequest, Where } from 'payload'

/**
 * The `rateLimit` check on databases without the Postgres rate limit table: counts, through the
 * Local API, the user's generations started in the last `window` seconds (assets whose
 * `queuedAt`, set by `generate`, `ingest` and `retry`, falls in the window; trash included) and,
 * when `count` more would pass `limit`, answers the seconds until enough of them have left the
 * window (the whole window when `count` alone is over `limit`), else `undefined`. Without a transaction around the count and the create, a burst of concurrent
 * requests by one user may pass the limit by the requests in flight at the same moment.
 */
export const countRecentGenerations = async ({
  collectionSlug,
  count = 1,
  limit,
  req,
  window,
}: {
  collectionSlug: string
  /** Generations about to start. @default 1 */
  count?: number
  limit: number
  req: PayloadRequest
  window: number
}): Promise<number | undefined> => {
  const now = Date.now()
  const where: Where = {
    and: [
      { createdBy: { equals: req.user!.id } },
      { queuedAt: { greater_than: new Date(now - window * 1000).toISOString() } },
    ],
  }
  const { totalDocs } = await req.payload.count({ collection: collectionSlug, overrideAccess: true, req, trash: true, where })
  if (totalDocs + count <= limit) return undefined
  if (count > limit) return window
  // The generation whose leaving the window makes room for `count` more.
  const { docs } = await req.payload.find({
    collection: collectionSlug,
    depth: 0,
    limit: 1,
    overrideAccess: true,
    page: totalDocs + count - limit,
    req,
    select: { queuedAt: true },
    sort: 'queuedAt',
    trash: true,
    where,
  })
  const queuedAt = new Date((docs[0] as { queuedAt?: string } | undefined)?.queuedAt ?? now).getTime()
  return Math.max(1, Math.ceil((queuedAt + window * 1000 - now) / 1000))
}
