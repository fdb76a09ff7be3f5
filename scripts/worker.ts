/**
 * `npm run worker`: a standalone generation worker. Run as many as you like, on any machine that
 * reaches the database and the bucket (DATABASE_URL, S3_* as for the app). Stops on SIGINT/SIGTERM
 * after finishing the jobs it holds.
 */
import { getPayload } from 'payload'
import { runWorker } from 'payload-plugin-generated-assets'

import config from '../payload.config'

const payload = await getPayload({ config })
const controller = new AbortController()
process.on('SIGINT', () => controller.abort())
process.on('SIGTERM', () => controller.abort())
payload.logger.info('generated-assets worker started')
await runWorker({ payload, signal: controller.signal })
await payload.destroy()
process.exit(0)
