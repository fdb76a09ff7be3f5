/**
 * Stock Payload in its own process, for the memory baseline: the demo app's config (same
 * `generated-assets` collection, same S3 storage), and for each stdin line
 * `create {"filePath","prompt"}` a Local API `payload.create` with `filePath` (Payload reads the
 * file into memory), answered with `created {"id","ms"}` or `error <message>`. Prints
 * `stock ready` once initialised; stops on SIGTERM or stdin's end.
 */
import { createInterface } from 'node:readline'
import { getPayload } from 'payload'

import { createAppConfig } from '../payload.config'

const payload = await getPayload({ config: createAppConfig() })
const stop = async () => {
  await payload.destroy().catch(() => undefined)
  process.exit(0)
}
process.on('SIGTERM', () => void stop())
process.on('SIGINT', () => void stop())

const lines = createInterface({ input: process.stdin })
lines.on('close', () => void stop())
lines.on('line', (line) => {
  if (!line.startsWith('create ')) return
  const { filePath, prompt } = JSON.parse(line.slice('create '.length)) as { filePath: string; prompt: string }
  const startedAt = performance.now()
  payload
    .create({
      collection: 'generated-assets',
      data: { kind: 'video', model: 'local/video', prompt, status: 'ready' },
      depth: 0,
      filePath,
      overrideAccess: true,
    })
    .then((doc) => console.log(`created ${JSON.stringify({ id: doc.id, ms: Math.round(performance.now() - startedAt) })}`))
    .catch((error: unknown) => console.log(`error ${error instanceof Error ? error.stack : String(error)}`.replace(/\n/g, ' | ')))
})
console.log(`stock ready pid=${process.pid}`)
