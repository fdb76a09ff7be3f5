import type { Payload } from 'payload'

import { type RateLimiterAbstract, RateLimiterMemory, RateLimiterPostgres } from 'rate-limiter-flexible'

import type { ResolvedGeneratedAssetsPluginOptions } from '../../types.js'

import { PLUGIN_DB_SCHEMA } from '../../defaults.js'
import { getPostgresPool } from '../../utilities/getPostgres.js'

/** Table (in {@link PLUGIN_DB_SCHEMA}) where rate-limiter-flexible counts each user's generations. */
const RATE_LIMIT_TABLE = 'rate_limits'

const limiters = new WeakMap<Payload, Promise<RateLimiterAbstract>>()

const createRateLimiter = async ({
  options,
  payload,
}: {
  options: ResolvedGeneratedAssetsPluginOptions
  payload: Payload
}): Promise<RateLimiterAbstract> => {
  const { limit, window } = options.rateLimit as { limit: number; window: number }
  const keyPrefix = `${options.collectionSlug}:generate`
  const memory = new RateLimiterMemory({ duration: window, keyPrefix, points: limit })
  const pool = getPostgresPool({ payload })
  if (!pool) return memory
  try {
    // Outside Payload's schema, so a development schema push never offers to drop the table.
    await pool.query(`create schema if not exists "${PLUGIN_DB_SCHEMA}"`).catch((error: { code?: string }) => {
      // Two instances creating it at the same moment: the other one won.
      if (error?.code !== '23505') throw error
    })
    return await new Promise<RateLimiterAbstract>((resolve, reject) => {
      const limiter: RateLimiterPostgres = new RateLimiterPostgres(
        {
          duration: window,
          // A database outage falls back to counting in this process rather than refusing everyone.
          insuranceLimiter: memory,
          keyPrefix,
          points: limit,
          schemaName: PLUGIN_DB_SCHEMA,
          storeClient: pool,
          storeType: 'pool',
          tableName: RATE_LIMIT_TABLE,
        },
        (error) => (error ? reject(error) : setImmediate(() => resolve(limiter))),
      )
    })
  } catch (err) {
    payload.logger.error({
      err,
      msg: `generated-assets: could not create the rate limit table "${PLUGIN_DB_SCHEMA}"."${RATE_LIMIT_TABLE}"; generations are rate limited per process instead`,
    })
    return memory
  }
}

/**
 * The limiter of the `rateLimit` option (rate-limiter-flexible): `limit` points per `window`
 * seconds per key, counted in Postgres (table `payload_generated_assets.rate_limits`, created on
 * first use) so that every app instance shares the count; in memory with other databases.
 * One per Payload instance. Answers `undefined` when `rateLimit` is `false`.
 */
export const getGenerationRateLimiter = ({
  options,
  payload,
}: {
  options: ResolvedGeneratedAssetsPluginOptions
  payload: Payload
}): Promise<RateLimiterAbstract> | undefined => {
  if (!options.rateLimit) return undefined
  let limiter = limiters.get(payload)
  if (!limiter) {
    limiter = createRateLimiter({ options, payload })
    limiters.set(payload, limiter)
  }
  return limiter
}
