/**
 * The Payload bin script `generated-assets:worker` that the plugin registers
 * (`npx payload generated-assets:worker [--concurrency 4] [--poll-interval 2] [--queue …]`): runs
 * {@link runWorker} on the app's config until SIGINT or SIGTERM, then closes Payload and exits 0.
 * Payload's CLI loads the config (and `.env`) and calls `script(config)`: "Custom bin scripts" in
 * https://payloadcms.com/docs/configuration/overview#custom-bin-scripts.
 */
import type { SanitizedConfig } from 'payload'

import { parseArgs } from 'node:util'
import { getPayload } from 'payload'

import type { RunWorkerOptions } from './runWorker.js'

import { getAssetsCollectionInfo } from '../storage/getAssetsCollectionInfo.js'
import { runWorker } from './runWorker.js'

/** The key of the bin script in `config.bin`: `payload generated-assets:worker`. */
export const WORKER_SCRIPT_KEY = 'generated-assets:worker'

/** What `--help` prints. */
export const WORKER_HELP = `Usage: npx payload ${WORKER_SCRIPT_KEY} [options]

Runs generation jobs of payload-plugin-generated-assets until SIGINT or SIGTERM, then finishes
the jobs it holds and exits. Start as many as you like, with the app's environment (database,
storage, provider keys). Do not also run the queue with jobs.autoRun or payload jobs:run.

Options:
  --concurrency <n>          most jobs this worker runs at once (default 4)
  --poll-interval <seconds>  seconds between polls for runnable jobs (default 2 with Postgres,
                             whose LISTEN/NOTIFY also wakes an idle worker at once; 0.25 with
                             other databases)
  --queue <name>             Jobs Queue queue to run (default: the plugin's queue option,
                             'generated-assets' unless set)
  --stale-job-timeout <seconds>
                             a job left processing by a crashed worker runs again after this
                             (default 60; about twice the plugin's leaseTimeout)
  -h, --help                 show this help
`

/** Options of the worker from the command line, or a request for the help text. */
export type WorkerArgs =
  | { help: true }
  | ({ help: false } & Pick<RunWorkerOptions, 'concurrency' | 'pollInterval' | 'queue' | 'staleJobTimeout'>)

/** A flag's value as a positive number (a whole one when `integer`), `undefined` when not given. */
const toPositiveNumber = ({ flag, integer, value }: { flag: string; integer?: boolean; value: string | undefined }) => {
  if (value === undefined) return undefined
  const number = Number(value)
  if (!Number.isFinite(number) || number <= 0 || (integer && !Number.isInteger(number))) {
    throw new Error(`--${flag} must be a positive ${integer ? 'whole number' : 'number'}, got "${value}".`)
  }
  return number
}

/**
 * Parses the worker's flags (`process.argv.slice(2)`; the script's own name, which Payload's CLI
 * leaves there, is allowed as a positional). Seconds may be fractional (`--poll-interval 0.5`).
 *
 * @throws {Error} (`ERR_PARSE_ARGS_*` from `util.parseArgs`, or a message naming the flag) for an
 * unknown flag, a flag without its value, a stray argument or a value that is not a positive number.
 */
export const parseWorkerArgs = ({ args }: { args: string[] }): WorkerArgs => {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    args,
    options: {
      concurrency: { type: 'string' },
      help: { short: 'h', type: 'boolean' },
      'poll-interval': { type: 'string' },
      queue: { type: 'string' },
      'stale-job-timeout': { type: 'string' },
    },
    strict: true,
  })
  const stray = positionals.filter((positional) => positional.toLowerCase() !== WORKER_SCRIPT_KEY)
  if (stray.length > 0) throw new Error(`Unexpected argument "${stray[0]}".`)
  if (values.help) return { help: true }
  if (values.queue === '') throw new Error('--queue must not be empty.')
  return {
    concurrency: toPositiveNumber({ flag: 'concurrency', integer: true, value: values.concurrency }),
    help: false,
    pollInterval: toPositiveNumber({ flag: 'poll-interval', value: values['poll-interval'] }),
    queue: values.queue,
    staleJobTimeout: toPositiveNumber({ flag: 'stale-job-timeout', value: values['stale-job-timeout'] }),
  }
}

/**
 * Entry point Payload's bin calls with the loaded config. Exits the process itself: 0 after a
 * clean stop (`--help` included), 1 when the flags are wrong or the worker failed; Payload's bin
 * would exit 0 whatever happened. A second SIGINT or SIGTERM exits at once with 1, without
 * waiting for the jobs in hand (their assets are taken over once their leases expire).
 */
export const script = async (config: SanitizedConfig): Promise<void> => {
  let parsed: WorkerArgs
  try {
    parsed = parseWorkerArgs({ args: process.argv.slice(2) })
  } catch (error) {
    console.error(`${(error as Error).message}\n\n${WORKER_HELP}`)
    process.exit(1)
  }
  if (parsed.help) {
    console.log(WORKER_HELP)
    process.exit(0)
  }
  const { help: _help, ...flags } = parsed
  const controller = new AbortController()
  const stop = (signal: NodeJS.Signals) => {
    if (controller.signal.aborted) {
      console.error(`${WORKER_SCRIPT_KEY}: ${signal} again, exiting without waiting for the jobs in hand`)
      process.exit(1)
    }
    controller.abort()
  }
  process.on('SIGINT', stop)
  process.on('SIGTERM', stop)
  let exitCode = 0
  const payload = await getPayload({ config })
  try {
    const queue = flags.queue ?? getAssetsCollectionInfo({ payload }).queue
    payload.logger.info(
      `${WORKER_SCRIPT_KEY} started (queue ${queue}${flags.concurrency ? `, concurrency ${flags.concurrency}` : ''})`,
    )
    await runWorker({ ...flags, payload, queue, signal: controller.signal })
    payload.logger.info(`${WORKER_SCRIPT_KEY} stopped`)
  } catch (error) {
    payload.logger.error({ err: error, msg: `${WORKER_SCRIPT_KEY} failed` })
    exitCode = 1
  }
  await payload.destroy().catch(() => undefined)
  process.exit(exitCode)
}
