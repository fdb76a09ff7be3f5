/**
 * The demo as it is deployed: a web process (here the test process, through Payload's real route
 * handlers) and a generation worker in a process of its own (test/helpers/spawnWorker.ts), on one
 * database. On SQLite the two share one file (WAL mode, 5 s busy timeout: payload.config.ts):
 * twenty images generated one after another must all end ready, with neither process meeting a
 * lock error (`SQLITE_BUSY`, "database is locked").
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { type App, getApp } from '../helpers/app'
import { spawnWorker, type WorkerProcess } from '../helpers/spawnWorker'

const IMAGES = 20
const LOCK_ERROR = /SQLITE_BUSY|database is locked/i

let app: App
let worker: WorkerProcess | undefined
/** What the web side logged as errors meanwhile. */
const webErrors: string[] = []

beforeAll(async () => {
  app = await getApp()
  const logError = app.payload.logger.error.bind(app.payload.logger)
  app.payload.logger.error = ((...args: Parameters<typeof logError>) => {
    webErrors.push(args.map((arg) => (arg instanceof Error ? arg.stack : JSON.stringify(arg, Object.getOwnPropertyNames(arg ?? {})))).join(' '))
    return logError(...args)
  }) as typeof logError
  worker = await spawnWorker()
})

afterAll(async () => {
  await worker?.stop()
  await app?.close()
})

describe('a web process and a worker process on one database', () => {
  it(`generate ${IMAGES} images in a row, every one ready, without lock errors`, async () => {
    const { token } = await app.createUser()
    const startedAt = Date.now()
    const ids = new Set<string>()
    for (let index = 0; index < IMAGES; index++) {
      const response = await app.request('POST', 'generated-assets/generate', {
        body: { params: { size: '64x64' }, prompt: `web and worker ${index}` },
        token,
      })
      const body = await response.json()
      expect(response.status, JSON.stringify(body)).toBe(202)
      ids.add(String(body.id))
      const asset = await app.waitForAsset(body.id, (doc) => doc.status === 'ready' || doc.status === 'failed')
      expect(asset).toMatchObject({ error: null, status: 'ready' })
    }
    console.info(`${IMAGES} images, one after another, in ${((Date.now() - startedAt) / 1000).toFixed(1)} s`)
    // Each was made by the worker process, which reports a job once its step has returned, a moment
    // after the asset turned ready. Only these assets count: the worker also runs whatever earlier
    // files left queued in the shared database.
    const madeByWorker = () =>
      new Set(
        worker!
          .reports()
          .filter((report) => report.kind === 'job' && report.status === 'ready' && ids.has(String(report.assetId)))
          .map((report) => String((report as { assetId: string }).assetId)),
      )
    for (let waited = 0; madeByWorker().size < IMAGES && waited < 10_000; waited += 100) {
      await new Promise((resolve) => setTimeout(resolve, 100))
    }
    expect([...madeByWorker()].sort()).toEqual([...ids].sort())
    expect(worker!.output().split('\n').filter((line) => LOCK_ERROR.test(line))).toEqual([])
    expect(webErrors.filter((message) => LOCK_ERROR.test(message))).toEqual([])
  })
})
