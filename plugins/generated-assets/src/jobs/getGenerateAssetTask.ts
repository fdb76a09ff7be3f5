import type { TaskConfig } from 'payload'

import type { ResolvedGeneratedAssetsPluginOptions } from '../types.js'

import { GENERATE_TASK_SLUG } from '../defaults.js'
import { runGeneration } from './runGeneration.js'

/**
 * The Jobs Queue task `generateAsset` (input `{ assetId }`): one resumable step of an asset's
 * generation (see `runGeneration`). Provider retries and polls are queued by the step itself,
 * so Payload's own retry only covers an unexpected crash of the handler.
 *
 * With `disabled: true` the task keeps its slug and schema (so the database schema does not
 * change) but generates nothing: a job that runs anyway fails at once, leaving its asset as it was.
 */
export const getGenerateAssetTask = ({ options }: { options: ResolvedGeneratedAssetsPluginOptions }): TaskConfig => ({
  slug: GENERATE_TASK_SLUG,
  handler: async ({ input, job, req }) => {
    if (options.disabled) {
      throw new Error('payload-plugin-generated-assets is disabled ("disabled: true"): this job generates nothing.')
    }
    const { status } = await runGeneration({
      assetId: (input as { assetId: string }).assetId,
      jobId: job?.id,
      options,
      req,
    })
    return { output: { status } }
  },
  inputSchema: [{ name: 'assetId', type: 'text', required: true }],
  label: 'Generate asset',
  outputSchema: [{ name: 'status', type: 'text' }],
  retries: options.disabled ? 0 : { attempts: 2, backoff: { type: 'exponential', delay: 2000 } },
})
