/**
 * The Payload bin script `audit:storage` that the plugin registers (`payload audit:storage [--fix]`):
 * runs {@link auditStorage} on the app's config and prints what it found. Exits with 1 when it
 * found problems and `--fix` was not given (or a repair failed), else 0.
 */
import type { SanitizedConfig } from 'payload'

import { getPayload } from 'payload'

import { auditStorage } from './auditStorage.js'

/** Whether `--fix` was given, also as `npm run audit:storage --fix` (which npm turns into `npm_config_fix`). */
const isFixRequested = () => process.argv.slice(2).includes('--fix') || process.env.npm_config_fix === 'true'

/** Entry point Payload's bin calls with the loaded config. */
export const script = async (config: SanitizedConfig): Promise<void> => {
  const payload = await getPayload({ config })
  const fix = isFixRequested()
  let exitCode = 0
  try {
    const { fixed, missing, orphans } = await auditStorage({ fix, payload })
    console.log(`Orphan objects (no asset or poster references them): ${orphans.length}`)
    for (const key of orphans) console.log(`  ${key}`)
    console.log(`Ready assets with missing objects: ${missing.length}`)
    for (const { id, keys } of missing) console.log(`  asset ${id}: ${keys.join(', ')}`)
    const hasProblems = orphans.length > 0 || missing.length > 0
    if (!hasProblems) {
      console.log('Storage is consistent.')
    } else if (fix && fixed) {
      console.log('Fixed: orphans removed, assets with missing objects marked failed.')
    } else if (fix) {
      console.log('Some repairs failed (see the errors above); run it again.')
      exitCode = 1
    } else {
      console.log('Run it again with --fix to remove the orphans and mark those assets failed.')
      exitCode = 1
    }
  } catch (error) {
    console.error(`audit:storage failed: ${(error as Error).message}`)
    exitCode = 1
  }
  // Payload's bin exits with 0 whatever a script does: say how it went here.
  process.exit(exitCode)
}
