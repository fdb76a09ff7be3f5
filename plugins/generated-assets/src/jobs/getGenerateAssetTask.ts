import type { TaskConfig } from 'payload'

import type { ResolvedGeneratedAssetsPluginOptions } from '../types.js'

import { GENERATE_TASK_SLUG } from '../defaults.js'
import { MAX_ATTEMPTS, runGeneration } from './runGeneration.js'

/**
 * The Jobs Queue task `generateAsset` (input `{ assetId }`): runs one generation attempt;
 * retryable failures are retried with exponential back-off (1 s, 2 s, 4 s…).
 */
export const getGenerateAssetTask = ({ options }: { options: ResolvedGeneratedAssetsPluginOptions }): TaskConfig => ({
  slug: GENERATE_TASK_SLUG,
  handler: async ({ input, req }) => {
    const { status } = await runGeneration({ assetId: (input as { assetId: string }).assetId, options, req })
    return { output: { status } }
  },
  inputSchema: [{ name: 'assetId', type: 'text', required: true }],
  label: 'Generate asset',
  outputSchema: [{ name: 'status', type: 'text' }],
  retries: { attempts: MAX_ATTEMPTS - 1, backoff: { type: 'exponential', delay: 1000 } },
})
