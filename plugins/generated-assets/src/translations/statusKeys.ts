import type { GeneratedAssetStatus } from '../types.js'
import type { GeneratedAssetsTranslationKeys } from './types.js'

/** The translation key of each asset status's name ("Ready", "Queued"…). */
export const STATUS_KEYS: Record<GeneratedAssetStatus, GeneratedAssetsTranslationKeys> = {
  failed: 'generatedAssets:statusFailed',
  generating: 'generatedAssets:statusGenerating',
  ingesting: 'generatedAssets:statusIngesting',
  queued: 'generatedAssets:statusQueued',
  ready: 'generatedAssets:statusReady',
}
