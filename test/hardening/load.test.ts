/**
 * Load: the pipeline, the event stream and the gallery under many concurrent users,
 * against the real test database (Postgres, or SQLite in hardening-sqlite) and S3 server, with two generation workers in their own
 * processes (test/helpers/spawnWorker.ts). Nothing is timed against a limit: throughput and
 * pickup latency are printed for the reader, and the tests assert only what users would notice
 * (lost, duplicated or misdelivered work, 5xx answers, gallery pages that skip or repeat assets).
 */
import type { GeneratedAssetsPluginOptions } from 'payload-plugin-generated-assets'

import { randomUUID } from 'node:crypto'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'

import { seedGallery } from '../../bench/gallerySeed'
import { createAppConfig } from '../../payload.config'
import { type App, getApp } from '../helpers/app'
import { isUnfinishedJob, selectRows } from '../helpers/database'
import { readEvents } from '../helpers/sse'
import { getStoredFiles, listBucket } from './helpers/auditStorage'
import { describeWorkers, killWorkers, poll, startWorker, type TrackedWorker } from './helpers/workers'
import { s3TargetFromEnv } from '../../bench/lib/s3Target'

const QUEUE = 'generated-assets'
const GENERATIONS = 200
const GENERATING_USERS = 4
const SSE_CLIENTS = 100
const EDITORS = 50

/**
 * Limits a deployment may set on generation (rate limits, active generations per user) turned
 * off, so that the test measures the pipeline. Options the plugin does not know yet are ignored.
 */
const PLUGIN_OPTIONS: Record<string, unknown> = { maxActiveGenerations: false, rateLimit: false }

type User = Awaited<ReturnType<App['createUser']>>

let app: App
let users: User[]
let workers: TrackedWorker[]

beforeAll(async () => {
  app = await getApp({
    configPromise: createAppConfig({ pluginOptions: PLUGIN_OPTIONS as GeneratedAssetsPluginOptions }),
  })
  users = []
  // One at a time: each login hashes a password, which is all CPU.
  for (let index = 0; index < GENERATING_USERS + 1; index++) users.push(await app.createUser())
  workers = await Promise.all([
    startWorker({ pluginOptions: PLUGIN_OPTIONS }),
    startWorker({ pluginOptions: PLUGIN_OPTIONS }),
  ])
})

afterEach(({ task }) => {
  if (task.result?.state === 'fail' || process.env.HARDENING_VERBOSE) console.error(describeWorkers(200_000))
})

afterAll(async () => {
  await killWorkers()
  await app?.close()
})

const generate = async ({ prompt, user }: { prompt: string; user: User }) => {
  const response = await app.request('POST', 'generated-assets/generate', {
    body: { params: { size: '64x64' }, prompt },
    token: user.token,
  })
  const acceptedAt = Date.now()
  const body = (await response.json()) as { errors?: unknown; id: number | string }
  return { acceptedAt, body, status: response.status }
}

/** The generation jobs of the queue that are not finished (pending, waiting or processing). */
const findUnfinishedJobs = async () =>
  (await selectRows({ payload: app.payload, table: 'payload_jobs' }))
    .filter((job) => job.queue === QUEUE && isUnfinishedJob(job as never))
    .map(({ id, input }) => ({ id, input })) as { id: number; input: { assetId?: string } }[]

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? NaN

describe(`${GENERATIONS} generations queued at once on two worker processes`, () => {
  it(`all reach ready exactly once, and ${SSE_CLIENTS} SSE clients each receive every event of their own assets and none of others`, async () => {
    const runId = randomUUID().slice(0, 8)
    const generators = users.slice(0, GENERATING_USERS)
    // Several clients per user (tabs, editors sharing an account); the last user generates nothing.
    const clients = Array.from({ length: SSE_CLIENTS }, (_, index) => {
      const user = users[index % users.length]!
      return { stream: readEvents({ app, token: user.token }), user }
    })
    try {
      await Promise.all(clients.map((client) => client.stream.ready))

      const startedAt = Date.now()
      const queued = await Promise.all(
        Array.from({ length: GENERATIONS }, async (_, index) => {
          const user = generators[index % generators.length]!
          const prompt = `load ${runId} asset ${index}`
          return { prompt, user, ...(await generate({ prompt, user })) }
        }),
      )
      expect(queued.filter((item) => item.status !== 202).map((item) => [item.status, item.body])).toEqual([])
      const ids = queued.map((item) => String(item.body.id))
      expect(new Set(ids).size).toBe(GENERATIONS)

      const assets = await poll(
        async () => {
          const { docs } = await app.payload.find({
            collection: 'generated-assets',
            depth: 0,
            limit: GENERATIONS,
            overrideAccess: true,
            where: { and: [{ id: { in: ids } }, { status: { in: ['ready', 'failed'] } }] },
          })
          return docs.length === GENERATIONS ? docs : undefined
        },
        { interval: 500, message: 'not every asset settled', timeout: 240_000 },
      )
      const lastReadyAt = Math.max(...assets.map((asset) => new Date(asset.completedAt as string).getTime()))
      await poll(
        async () => {
          const unfinished = (await findUnfinishedJobs()).filter((job) => ids.includes(String(job.input?.assetId)))
          return unfinished.length === 0
        },
        { message: 'jobs of these assets still pending or processing' },
      )

      // Every asset ready on its first attempt: nothing lost, nothing failed.
      expect(
        assets.filter((asset) => asset.status !== 'ready' || asset.attempts !== 1).map((a) => [a.id, a.status, a.error]),
      ).toEqual([])

      // Exactly one stored object set per asset: its file and image sizes, at the recorded sizes, and nothing else.
      // Every object of these assets: in the plugin's folder, named from the prompt's slug, `load-<run id>-…`.
      const objects = await listBucket({ prefix: `generated-assets/load-${runId}-` })
      const keys = [...objects.keys()]
      const badSets = assets.flatMap((asset) => {
        const expected = getStoredFiles(asset as Record<string, any>)
        const own = keys.filter((key) => key.includes(`-ga${asset.id}.`) || key.includes(`-ga${asset.id}-`))
        const isExact =
          expected.size > 0 &&
          own.length === expected.size &&
          [...expected].every(([key, sizes]) => sizes.includes(objects.get(key)!))
        return isExact ? [] : [{ expected: [...expected.keys()], id: asset.id, stored: own }]
      })
      expect(badSets).toEqual([])

      // One output per asset: each prompt reached a model once, and each asset's job finished ready once.
      const timed = workers.flatMap((worker) => worker.timedReports())
      const prompts = new Map(queued.map((item) => [item.prompt, item]))
      const calls = timed.filter(({ report }) => report.kind === 'model-call' && prompts.has(report.prompt as string))
      const callsPerPrompt = new Map<unknown, number>()
      for (const { report } of calls) {
        if (report.kind === 'model-call') callsPerPrompt.set(report.prompt, (callsPerPrompt.get(report.prompt) ?? 0) + 1)
      }
      expect(callsPerPrompt.size).toBe(GENERATIONS)
      expect([...callsPerPrompt].filter(([, count]) => count !== 1)).toEqual([])
      const readyRuns = timed.filter(
        ({ report }) => report.kind === 'job' && report.status === 'ready' && ids.includes(report.assetId),
      )
      expect(readyRuns).toHaveLength(GENERATIONS)
      expect(new Set(readyRuns.map(({ report }) => report.kind === 'job' && report.assetId)).size).toBe(GENERATIONS)
      // Both processes took work.
      const callsByWorker = workers.map(
        (worker) => calls.filter(({ report }) => report.pid === worker.child.pid).length,
      )
      expect(callsByWorker.every((count) => count > 0)).toBe(true)

      // Every client hears of every asset its user may read, started then complete, and of nothing else.
      const ownIds = new Map(users.map((user) => [user, new Set(queued.filter((item) => item.user === user).map((item) => String(item.body.id)))]))
      const isComplete = (client: (typeof clients)[number]) => {
        const completed = new Set(
          client.stream.events
            .filter((event) => event.event === 'generation_complete')
            .map((event) => String(event.data.id)),
        )
        return [...ownIds.get(client.user)!].every((id) => completed.has(id))
      }
      const countCompletions = () =>
        clients.reduce(
          (sum, client) => sum + client.stream.events.filter((event) => event.event === 'generation_complete').length,
          0,
        )
      await poll(() => clients.every(isComplete), {
        interval: 500,
        message: () =>
          `${clients.filter((client) => !isComplete(client)).length} of ${SSE_CLIENTS} SSE clients are still missing ` +
          `completions (${countCompletions()} of ${(SSE_CLIENTS * GENERATIONS * GENERATING_USERS) / users.length} received, ` +
          `${clients.reduce((sum, client) => sum + client.stream.events.length, 0)} events in all)`,
        timeout: 120_000,
      })
      const allDeliveredAt = Date.now()
      const misdelivered = clients.flatMap((client, index) => {
        const own = ownIds.get(client.user)!
        const foreign = client.stream.events.filter((event) => !own.has(String(event.data.id)))
        const missing = [...own].filter((id) => {
          const names = client.stream.events.filter((event) => String(event.data.id) === id).map((event) => event.event)
          const started = names.indexOf('generation_started')
          return started === -1 || started > names.indexOf('generation_complete')
        })
        return foreign.length || missing.length
          ? [{ client: index, foreign: foreign.map((event) => [event.event, event.data.id]), missingStarted: missing }]
          : []
      })
      expect(misdelivered).toEqual([])
      // The user who generated nothing heard nothing.
      expect(
        clients.filter((client) => client.user === users[GENERATING_USERS]).map((client) => client.stream.events.length),
      ).toEqual(Array.from({ length: SSE_CLIENTS / users.length }, () => 0))

      const seconds = (lastReadyAt - startedAt) / 1000
      const calledAt = new Map(calls.map(({ at, report }) => [report.kind === 'model-call' && report.prompt, at]))
      const pickups = queued.map((item) => (calledAt.get(item.prompt)! - item.acceptedAt) / 1000)
      const events = clients.reduce((sum, client) => sum + client.stream.events.length, 0)
      console.info(
        `load: ${GENERATIONS} assets ready in ${seconds.toFixed(1)} s (${(GENERATIONS / seconds).toFixed(1)} assets/s) ` +
          `on 2 worker processes (model calls ${callsByWorker.join(' / ')}); ` +
          `pickup (202 → generating): slowest ${Math.max(...pickups).toFixed(2)} s, median ${median(pickups).toFixed(2)} s; ` +
          `${SSE_CLIENTS} SSE clients received ${events} events, the last completion ` +
          `${((allDeliveredAt - lastReadyAt) / 1000).toFixed(1)} s after the last asset was ready`,
      )
    } finally {
      for (const client of clients) client.stream.close()
    }
  })
})

describe(`${EDITORS} editors paging the gallery while assets are inserted and trashed`, () => {
  /**
   * A paging session is one editor walking `GET /gallery?cursor=…` from the first page to the last
   * (`nextCursor: null`). Against the session, an asset is:
   * - **due** when it was committed and untrashed before the session's first request was sent
   *   (seeded, or its `generate` answered 202 by then) and no trash of it had been sent by the
   *   time the session's last page arrived: it existed, untrashed, for the whole session;
   * - **gone** when its trash was answered before the session's first request was sent.
   * A **skip** is a due asset the session never returned; a **duplicate** is an asset returned
   * twice in one session; a **stale** item is a gone asset returned. Assets inserted or trashed
   * during the session may or may not appear: either is correct.
   */
  it('answers every page (no 5xx), and no session skips, repeats or resurrects an asset', async () => {
    const runId = randomUUID().slice(0, 8)
    type Life = { committedAt: number; trashAnsweredAt?: number; trashSentAt?: number }
    const lives = new Map<string, Map<string, Life>>(users.map((user) => [String(user.id), new Map()]))
    // Seeded in one statement each: every seeded asset of a user has the same createdAt, so the
    // keyset's tie-breaker (id) carries the paging.
    for (const user of users) {
      const ids = await seedGallery({
        count: 40,
        distinct: 2,
        filePrefix: `load-${runId}-${user.id}`,
        minutesApart: 0,
        payload: app.payload,
        prompt: (n) => `load gallery ${runId} seeded ${n}`,
        s3: s3TargetFromEnv(),
        storeOriginals: true,
        userId: user.id,
      })
      for (const id of ids) lives.get(String(user.id))!.set(String(id), { committedAt: 0 })
    }
    // What each user had before: the first test's assets.
    const { docs: existing } = await app.payload.find({
      collection: 'generated-assets',
      depth: 0,
      overrideAccess: true,
      pagination: false,
      select: { createdBy: true },
      where: { createdBy: { in: users.map((user) => user.id) } },
    })
    for (const doc of existing) {
      const owner = lives.get(String(doc.createdBy))!
      if (!owner.has(String(doc.id))) owner.set(String(doc.id), { committedAt: 0 })
    }

    let isPaging = true
    const statuses: number[] = []
    /** Per user: insert through `generate`, then trash a random live asset through `bulk`, until paging ends. */
    const mutate = async (user: User) => {
      const own = lives.get(String(user.id))!
      let count = 0
      while (isPaging) {
        const inserted = await generate({ prompt: `load gallery ${runId} inserted ${count++}`, user })
        statuses.push(inserted.status)
        if (inserted.status === 202) own.set(String(inserted.body.id), { committedAt: inserted.acceptedAt })
        const candidates = [...own].filter(([, life]) => life.trashSentAt === undefined)
        const [id, life] = candidates[Math.floor(Math.random() * candidates.length)]!
        life.trashSentAt = Date.now()
        const response = await app.request('POST', 'generated-assets/bulk', {
          body: { action: 'trash', ids: [Number(id)] },
          token: user.token,
        })
        statuses.push(response.status)
        const body = (await response.json()) as { changed?: number }
        if (response.status === 200 && body.changed === 1) life.trashAnsweredAt = Date.now()
        await new Promise((resolve) => setTimeout(resolve, 20))
      }
    }

    type Session = {
      endedAt: number
      items: { createdAt: string; id: string }[]
      limit: number
      startedAt: number
      user: User
    }
    const sessions: Session[] = []
    const page = async ({ limit, user }: { limit: number; user: User }) => {
      const session: Session = { endedAt: 0, items: [], limit, startedAt: Date.now(), user }
      let cursor: null | string = null
      do {
        const query = new URLSearchParams({ limit: String(limit), ...(cursor ? { cursor } : {}) })
        const response = await app.request('GET', `generated-assets/gallery?${query}`, { token: user.token })
        statuses.push(response.status)
        if (response.status !== 200) break
        const body = (await response.json()) as {
          items: { createdAt: string; id: number | string }[]
          nextCursor: null | string
        }
        session.items.push(...body.items.map((item) => ({ createdAt: item.createdAt, id: String(item.id) })))
        cursor = body.nextCursor
      } while (cursor)
      session.endedAt = Date.now()
      sessions.push(session)
    }

    const mutators = users.map((user) => mutate(user))
    const startedAt = Date.now()
    try {
      await Promise.all(
        Array.from({ length: EDITORS }, async (_, index) => {
          const user = users[index % users.length]!
          const limit = [7, 10, 25][index % 3]!
          // Staggered, so that sessions begin before, between and after the mutations.
          await new Promise((resolve) => setTimeout(resolve, (index % 10) * 100))
          await page({ limit, user })
          await page({ limit, user })
        }),
      )
    } finally {
      isPaging = false
      await Promise.all(mutators)
    }
    const seconds = (Date.now() - startedAt) / 1000

    expect(statuses.filter((status) => status >= 500)).toEqual([])
    expect(statuses.filter((status) => status !== 200 && status !== 202)).toEqual([])
    expect(sessions).toHaveLength(EDITORS * 2)

    const problems = sessions.flatMap((session, index) => {
      const own = lives.get(String(session.user.id))!
      const returned = session.items.map((item) => item.id)
      const seen = new Set(returned)
      const duplicates = returned.filter((id, position) => returned.indexOf(id) !== position)
      const due = [...own].filter(
        ([, life]) =>
          life.committedAt < session.startedAt && (life.trashSentAt === undefined || life.trashSentAt > session.endedAt),
      )
      const skipped = due.filter(([id]) => !seen.has(id)).map(([id]) => id)
      const stale = returned.filter((id) => {
        const life = own.get(id)
        return life?.trashAnsweredAt !== undefined && life.trashAnsweredAt < session.startedAt
      })
      const foreign = returned.filter((id) => !own.has(id))
      // Newest first: strictly decreasing (createdAt, id).
      const disordered = session.items.filter((item, position) => {
        const previous = session.items[position - 1]
        if (!previous) return false
        const [a, b] = [Date.parse(previous.createdAt), Date.parse(item.createdAt)]
        return a < b || (a === b && Number(previous.id) <= Number(item.id))
      })
      return duplicates.length || skipped.length || stale.length || foreign.length || disordered.length
        ? [{ disordered, duplicates, foreign, limit: session.limit, session: index, skipped, stale }]
        : []
    })
    expect(problems).toEqual([])

    const pages = sessions.reduce((sum, session) => sum + Math.ceil(session.items.length / session.limit), 0)
    const trashed = [...lives.values()].reduce(
      (sum, own) => sum + [...own.values()].filter((life) => life.trashAnsweredAt).length,
      0,
    )
    const inserted = [...lives.values()].reduce(
      (sum, own) => sum + [...own.values()].filter((life) => life.committedAt > 0).length,
      0,
    )
    console.info(
      `gallery: ${sessions.length} paging sessions by ${EDITORS} editors, about ${pages} pages in ${seconds.toFixed(1)} s, ` +
        `while ${inserted} assets were inserted and ${trashed} trashed; no skips, duplicates or 5xx`,
    )
  })
})
