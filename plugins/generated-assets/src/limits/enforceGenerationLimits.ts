import type { PayloadRequest } from 'payload'

import { RateLimiterRes } from 'rate-limiter-flexible'

import type { ResolvedGeneratedAssetsPluginOptions } from '../types.js'

import { getDatabaseKind } from '../adapters/getDatabaseKind.js'
import { lockForTransaction } from '../adapters/postgres/advisoryLocks.js'
import { getTranslate } from '../translations/getTranslate.js'
import { countRecentGenerations } from './countRecentGenerations.js'
import { GenerationLimitError } from './GenerationLimitError.js'
import { getGenerationRateLimiter } from '../adapters/postgres/getGenerationRateLimiter.js'

/** Statuses of an asset still being worked on, which count against `maxActiveGenerations`. */
const ACTIVE_STATUSES = ['queued', 'generating', 'ingesting']
/** Seconds a user at the in-flight cap is told to wait: a small generation finishes in about that. */
const ACTIVE_CAP_RETRY_AFTER = 5

/**
 * Lets the request's user start `count` more generations (one per asset: `n` variations count
 * `n`), or throws. Call it inside the transaction
 * that creates (or re-queues) the asset, before the write:
 * 1. `maxActiveGenerations`: with Postgres a transaction-scoped advisory lock per user makes
 *    concurrent requests of one user (in any app instance) take turns until the transaction ends,
 *    so two cannot both pass the count of the user's queued/generating/ingesting assets;
 * 2. `rateLimit`: with Postgres takes one point from the user's budget (rate-limiter-flexible,
 *    shared through a Postgres table), while the cap is counted; a request refused by the cap gets
 *    its point back. Other databases count the user's recent generations ({@link countRecentGenerations}).
 * Anonymous requests are not limited here (the endpoints refuse them first). The refusal's message
 * is in the request's language (`req.t`).
 *
 * @throws {GenerationLimitError} (429, `retryAfter` in seconds) when a limit is reached.
 */
export const enforceGenerationLimits = async ({
  count = 1,
  options,
  req,
}: {
  /** Assets about to be queued. @default 1 */
  count?: number
  options: ResolvedGeneratedAssetsPluginOptions
  req: PayloadRequest
}): Promise<void> => {
  const { user } = req
  if (!user) return
  const userKey = `${user.collection}:${user.id}`
  const hasLimitTable = getDatabaseKind({ payload: req.payload }) === 'postgres'
  const limiter = options.rateLimit && hasLimitTable ? getGenerationRateLimiter({ options, payload: req.payload }) : undefined
  // The point is taken while the cap is counted (one round trip less), and given back if the cap refuses.
  const consumed = limiter?.then((rateLimiter) =>
    rateLimiter.consume(userKey, count).then(
      () => ({ rateLimiter, refusal: undefined }),
      (refusal: unknown) => ({ rateLimiter, refusal }),
    ),
  )
  try {
    if (options.maxActiveGenerations !== false) {
      const active = await countActiveGenerations({ options, req, userId: user.id })
      if (active + count > options.maxActiveGenerations) {
        const taken = await consumed
        if (taken && !taken.refusal) await taken.rateLimiter.reward(userKey, count).catch(() => undefined)
        const { plural } = getTranslate({ req })
        const vars = { count: active, max: options.maxActiveGenerations }
        throw new GenerationLimitError({
          message:
            count > 1
              ? plural('generatedAssets:errorActiveCapBatch', { ...vars, requested: count })
              : plural('generatedAssets:errorActiveCap', vars),
          retryAfter: ACTIVE_CAP_RETRY_AFTER,
        })
      }
    }
  } catch (error) {
    await consumed?.catch(() => undefined)
    throw error
  }
  if (options.rateLimit && !hasLimitTable) {
    const retryAfter = await countRecentGenerations({
      collectionSlug: options.collectionSlug,
      count,
      ...options.rateLimit,
      req,
    })
    if (retryAfter !== undefined) throw rateLimitError({ options, req, retryAfter })
    return
  }
  const taken = await consumed
  if (!taken?.refusal || !options.rateLimit) return
  if (!(taken.refusal instanceof RateLimiterRes)) throw taken.refusal
  throw rateLimitError({ options, req, retryAfter: Math.max(1, Math.ceil(taken.refusal.msBeforeNext / 1000)) })
}

/** The `rateLimit` refusal, in the request's language: "Too many generations: at most 4 every 5 seconds…". */
const rateLimitError = ({
  options,
  req,
  retryAfter,
}: {
  options: ResolvedGeneratedAssetsPluginOptions
  req: PayloadRequest
  retryAfter: number
}): GenerationLimitError => {
  const { limit, window } = options.rateLimit as { limit: number; window: number }
  const { t } = getTranslate({ req })
  return new GenerationLimitError({
    message: t('generatedAssets:errorRateLimit', { limit, retryAfter, window }),
    retryAfter,
  })
}

/**
 * How many of the user's assets (trash included) are queued, generating or ingesting. With
 * Postgres it first takes a transaction-scoped advisory lock for the user, in its own statement,
 * so that the count (the next statement, with a fresh snapshot) sees what a concurrent request
 * that held the lock has committed. Other databases serialise one user's requests in the app
 * process instead (`withUserGenerationLock`).
 */
const countActiveGenerations = async ({
  options,
  req,
  userId,
}: {
  options: ResolvedGeneratedAssetsPluginOptions
  req: PayloadRequest
  userId: number | string
}): Promise<number> => {
  if (getDatabaseKind({ payload: req.payload }) === 'postgres') {
    await lockForTransaction({ name: `active:${options.collectionSlug}:${req.user!.collection}:${userId}`, req })
  }
  const { totalDocs } = await req.payload.count({
    collection: options.collectionSlug,
    overrideAccess: true,
    req,
    trash: true,
    where: { and: [{ createdBy: { equals: userId } }, { status: { in: ACTIVE_STATUSES } }] },
  })
  return totalDocs
}
