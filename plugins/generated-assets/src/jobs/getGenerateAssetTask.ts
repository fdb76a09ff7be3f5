import type { TaskConfig } from 'payload'

import type { ResolvedGeneratedAssetsPluginOptions } from '../types.js'

import { GENERATE_TASK_SLUG } from '../defaults.js'
import { runGeneration } from './runGeneration.js'

/**
 * The Jobs Queue task `generateAsset` (input `{ assetId }`): one resumable step of an asset's
 * generation (see `runGeneration`). Provider retries and polls are queued by the step itself,
 * so Payload's own retry only covers an unexpected crash of the handler.
 */
export const getGenerateAssetTask = ({ options }: { options: ResolvedGeneratedAssetsPluginOptions }): TaskConfig => ({
  slug: GENERATE_TASK_SLUG,
  handler: async ({ input, job, req }) => {
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
  retries: { attempts: 2, backoff: { type: 'exponential', delay: 2000 } },
})
