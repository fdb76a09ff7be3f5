import type { PayloadRequest } from 'payload'

import { getDatabaseKind } from '../adapters/getDatabaseKind.js'

/** The tail of each user's queue of generation requests in this process. */
const tails = new Map<string, Promise<unknown>>()

/**
 * Runs `run` (count the user's generations, then create or re-queue one) after every earlier
 * call of the same user in this process has finished, so that concurrent requests of one user
 * cannot both pass `maxActiveGenerations` and `rateLimit`. With Postgres `run` goes straight on:
 * its transaction takes a per-user advisory lock that holds across every app instance
 * (`enforceGenerationLimits`). Other databases have no such lock, so this one holds within one
 * app process (the usual SQLite deployment); between several app processes on one database a
 * burst may pass the limits by the requests in flight at that moment.
 */
export const withUserGenerationLock = async <Result>({
  req,
  run,
}: {
  req: PayloadRequest
  run: () => Promise<Result>
}): Promise<Result> => {
  if (!req.user || getDatabaseKind({ payload: req.payload }) === 'postgres') return run()
  const key = `${req.user.collection}:${req.user.id}`
  const previous = tails.get(key) ?? Promise.resolve()
  const current = previous.then(run, run)
  const tail = current.catch(() => undefined)
  tails.set(key, tail)
  try {
    return await current
  } finally {
    if (tails.get(key) === tail) tails.delete(key)
  }
}
