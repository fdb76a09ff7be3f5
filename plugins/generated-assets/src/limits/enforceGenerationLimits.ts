import type { PayloadRequest } from 'payload'

import { RateLimiterRes } from 'rate-limiter-flexible'

import type { ResolvedGeneratedAssetsPluginOptions } from '../types.js'

import { ADVISORY_LOCK_NAMESPACE, executeSQL, getAdvisoryLockKey } from '../utilities/executeSQL.js'
import { GenerationLimitError } from './GenerationLimitError.js'
import { getGenerationRateLimiter } from './getGenerationRateLimiter.js'

/** Statuses of an asset still being worked on, which count against `maxActiveGenerations`. */
const ACTIVE_STATUSES = ['queued', 'generating', 'ingesting']
/** Seconds a user at the in-flight cap is told to wait: a small generation finishes in about that. */
const ACTIVE_CAP_RETRY_AFTER = 5

/**
 * Lets the request's user start one more generation, or throws. Call it inside the transaction
 * that creates (or re-queues) the asset, before the write:
 * 1. `maxActiveGenerations`: with Postgres a transaction-scoped advisory lock per user makes
 *    concurrent requests of one user (in any app instance) take turns until the transaction ends,
 *    so two cannot both pass the count of the user's queued/generating/ingesting assets;
 * 2. `rateLimit`: takes one point from the user's budget (rate-limiter-flexible, shared through
 *    Postgres). A request refused by the cap takes no point.
 * Anonymous requests are not limited here (the endpoints refuse them first).
 *
 * @throws {GenerationLimitError} (429, `retryAfter` in seconds) when a limit is reached.
 */
export const enforceGenerationLimits = async ({
  options,
  req,
}: {
  options: ResolvedGeneratedAssetsPluginOptions
  req: PayloadRequest
}): Promise<void> => {
  const { user } = req
  if (!user) return
  const userKey = `${user.collection}:${user.id}`
  if (options.maxActiveGenerations !== false) {
    const lockKey = getAdvisoryLockKey(`active:${options.collectionSlug}:${userKey}`)
    await executeSQL({ req, sql: `select pg_advisory_xact_lock(${ADVISORY_LOCK_NAMESPACE}, ${lockKey})` })
    const { totalDocs: active } = await req.payload.count({
      collection: options.collectionSlug,
      overrideAccess: true,
      req,
      trash: true,
      where: { and: [{ createdBy: { equals: user.id } }, { status: { in: ACTIVE_STATUSES } }] },
    })
    if (active >= options.maxActiveGenerations) {
      throw new GenerationLimitError({
        message: `You have ${active} generations in progress, the most allowed at once (${options.maxActiveGenerations}). Try again when one has finished.`,
        retryAfter: ACTIVE_CAP_RETRY_AFTER,
      })
    }
  }
  const limiter = await getGenerationRateLimiter({ options, payload: req.payload })
  if (!limiter || !options.rateLimit) return
  try {
    await limiter.consume(userKey)
  } catch (rejection) {
    if (!(rejection instanceof RateLimiterRes)) throw rejection
    const retryAfter = Math.max(1, Math.ceil(rejection.msBeforeNext / 1000))
    throw new GenerationLimitError({
      message: `Too many generations: at most ${options.rateLimit.limit} every ${options.rateLimit.window} seconds. Try again in ${retryAfter} s.`,
      retryAfter,
    })
  }
}
