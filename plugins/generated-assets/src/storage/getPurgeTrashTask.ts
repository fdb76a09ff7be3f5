import type { TaskConfig } from 'payload'

import type { ResolvedGeneratedAssetsPluginOptions } from '../types.js'

import { PURGE_TRASH_TASK_SLUG } from '../defaults.js'
import { purgeTrash } from './purgeTrash.js'

/**
 * The Jobs Queue task `purgeGeneratedAssetsTrash`: deletes for good the assets trashed more than
 * `trashRetentionDays` ago (see {@link purgeTrash}). Scheduled on the plugin's queue by
 * `trashPurgeSchedule` (Payload's `schedule`: `runWorker`, or `autoRun`, queues the next run once
 * the previous one has finished); it takes no input and outputs `{ purged }`, a count.
 */
export const getPurgeTrashTask = ({ options }: { options: ResolvedGeneratedAssetsPluginOptions }): TaskConfig => ({
  slug: PURGE_TRASH_TASK_SLUG,
  handler: async ({ req }) => {
    // Disabled: the task and its schedule stay (they are part of the schema: the jobs enum, and
    // the job stats Payload adds for any schedule), but nothing is purged.
    if (options.disabled) {
      return { output: { purged: 0 } }
    }
    const { purged } = await purgeTrash({ payload: req.payload, retentionDays: options.trashRetentionDays })
    return { output: { purged: purged.length } }
  },
  label: 'Purge old trash (generated assets)',
  outputSchema: [{ name: 'purged', type: 'number' }],
  retries: 2,
  schedule: options.trashPurgeSchedule ? [{ cron: options.trashPurgeSchedule, queue: options.queue }] : undefined,
})
