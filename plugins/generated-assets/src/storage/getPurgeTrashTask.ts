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
    if (options.disabled) {
      throw new Error('payload-plugin-generated-assets is disabled ("disabled: true"): the trash is not purged.')
    }
    const { purged } = await purgeTrash({ payload: req.payload, retentionDays: options.trashRetentionDays })
    return { output: { purged: purged.length } }
  },
  label: 'Purge old trash (generated assets)',
  outputSchema: [{ name: 'purged', type: 'number' }],
  retries: options.disabled ? 0 : 2,
  schedule: options.trashPurgeSchedule && !options.disabled ? [{ cron: options.trashPurgeSchedule, queue: options.queue }] : undefined,
})
