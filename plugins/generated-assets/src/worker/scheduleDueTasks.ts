import type { Payload } from 'payload'

import { commitTransaction, createLocalReq, initTransaction, killTransaction } from 'payload'

import { getDatabaseKind } from '../adapters/getDatabaseKind.js'
import { tryLockForTransaction } from '../adapters/postgres/advisoryLocks.js'

/**
 * Queues the scheduled tasks of `queue` that are due (Payload's task `schedule`, e.g. the trash
 * purge), as Payload's `autoRun` does before it runs jobs: Payload's `handleSchedules` queues the
 * next run of each, with `waitUntil` at its next cron time, unless one is already queued or running.
 * With Postgres one worker at a time does it (a transaction-scoped advisory lock; the others skip
 * this round), so several workers checking at once do not queue the same run twice. Elsewhere two
 * workers checking at the very same moment may both queue a run; the plugin's scheduled task (the
 * trash purge) is safe to run twice.
 * Does nothing when no task has a schedule.
 */
export const scheduleDueTasks = async ({ payload, queue }: { payload: Payload; queue: string }): Promise<void> => {
  if (!(payload.config.jobs as { scheduling?: boolean } | undefined)?.scheduling) return
  const req = await createLocalReq({}, payload)
  const isOwnTransaction = await initTransaction(req)
  try {
    const isLockable = Boolean(req.transactionID) && getDatabaseKind({ payload }) === 'postgres'
    if (isLockable && !(await tryLockForTransaction({ name: `schedules:${queue}`, req }))) {
      await killTransaction(req)
      return
    }
    await payload.jobs.handleSchedules({ queue, req })
    if (isOwnTransaction) await commitTransaction(req)
  } catch (error) {
    await killTransaction(req)
    throw error
  }
}
