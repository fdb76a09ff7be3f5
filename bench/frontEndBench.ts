/**
 * What a front-end site pays for a gallery page, over real HTTP (Payload's Next.js route handlers
 * on 127.0.0.1, `test/helpers/httpServer.ts`), in one run on BENCH_FRONT_END_ASSETS (default
 * 2,000) seeded assets, as one logged-in user:
 * - GraphQL: the plugin's `generatedAssetsGallery(limit: 50)` with the fields a page shows (URLs,
 *   renditions, placeholder, creator) next to stock Payload's own `GeneratedAssets(limit: 50)`
 *   query of the same 50 documents with the same fields (Payload's `sizes` group in place of
 *   `imageSizes`); RUNS requests each, alternating, one at a time; p50 compared.
 * - HTTP caching: the REST gallery page (`GET /api/generated-assets/gallery?limit=50`) repeated
 *   with the `If-None-Match` of its `ETag` (answered 304, no body) next to the same request
 *   without it (a full 200), with autocannon, CONNECTIONS connections, REQUESTS requests each,
 *   over ROUNDS rounds in alternating order; requests/s of the median round compared.
 *
 *   npm run build:plugin && tsx bench/frontEndBench.ts
 *
 * Targets: ours ≤ 1 × stock GraphQL p50; 304s ≥ 3 × the rate of full 200s.
 */
import { cpus, loadavg } from 'node:os'

import { startHttpServer } from '../test/helpers/httpServer'
import { getBenchApp } from './lib/app'
import { type LoadResult, runLoad } from './lib/load'
import { type BenchResult, describeMachine, formatTargets, now, round, sleep, summarize, warnIfBusy, writeResult } from './lib/report'
import { seedAssets } from './lib/seedAssets'
import { closePayload, getResultName, migrate, startBenchServices } from './lib/services'

const NAME = 'frontEnd'
const ASSETS = Number(process.env.BENCH_FRONT_END_ASSETS ?? 2000)
const RUNS = Number(process.env.BENCH_RUNS ?? 40)
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10)
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 1000)
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3)
const TARGET_GRAPHQL_RATIO = 1
const TARGET_NOT_MODIFIED_SPEEDUP = 3

const OURS_QUERY = /* GraphQL */ `
  query {
    generatedAssetsGallery(limit: 50) {
      nextCursor
      items {
        id prompt alt kind status width height createdAt imageUrl videoUrl posterUrl thumbnailURL placeholder
        imageSizes { name width height url mimeType }
        createdBy { id email }
      }
    }
  }
`
const STOCK_QUERY = /* GraphQL */ `
  query {
    GeneratedAssets(limit: 50, sort: "-createdAt") {
      docs {
        id prompt alt kind status width height createdAt url thumbnailURL placeholder
        sizes {
          thumbnail { url width height mimeType }
          preview { url width height mimeType }
        }
        createdBy { id email }
      }
    }
  }
`

warnIfBusy()
const services = await startBenchServices({ name: NAME })
let payload: Awaited<ReturnType<typeof getBenchApp>>['payload'] | undefined
try {
  const { createAppConfig } = await import('../payload.config')
  const config = createAppConfig()
  const app = await getBenchApp({ config })
  payload = app.payload
  await migrate(app.payload)
  const user = await app.createUser()
  await seedAssets({ count: ASSETS, ownerShare: 1, payload: app.payload, userIds: [user.id as number] })
  const server = await startHttpServer(app.config)
  const auth = { Authorization: `JWT ${user.token}` }
  try {
    const graphql = async (query: string) => {
      const startedAt = now()
      const response = await fetch(`${server.origin}/api/graphql`, {
        body: JSON.stringify({ query }),
        headers: { ...auth, 'Content-Type': 'application/json' },
        method: 'POST',
      })
      const body = (await response.json()) as { data?: Record<string, { docs?: { id: number }[]; items?: { id: number }[] }>; errors?: unknown }
      if (!response.ok || body.errors) throw new Error(`GraphQL answered ${response.status}: ${JSON.stringify(body.errors)}`)
      return { body, ms: now() - startedAt }
    }
    // Both queries must answer the same documents, or the comparison means nothing.
    const oursIds = (await graphql(OURS_QUERY)).body.data!.generatedAssetsGallery!.items!.map(({ id }) => id)
    const stockIds = (await graphql(STOCK_QUERY)).body.data!.GeneratedAssets!.docs!.map(({ id }) => id)
    if (oursIds.length !== 50 || JSON.stringify(oursIds) !== JSON.stringify(stockIds)) {
      throw new Error(`the queries answer different documents: ${oursIds.join(',')} / ${stockIds.join(',')}`)
    }
    for (let index = 0; index < 5; index++) for (const query of [OURS_QUERY, STOCK_QUERY]) await graphql(query)
    const times = { ours: [] as number[], stock: [] as number[] }
    for (let index = 0; index < RUNS; index++) {
      const order = index % 2 ? (['stock', 'ours'] as const) : (['ours', 'stock'] as const)
      for (const side of order) times[side].push((await graphql(side === 'ours' ? OURS_QUERY : STOCK_QUERY)).ms)
    }
    const ours = summarize(times.ours)
    const stock = summarize(times.stock)
    const graphQLRatio = ours.p50 / stock.p50

    const galleryUrl = `${server.origin}/api/generated-assets/gallery?limit=50`
    const first = await fetch(galleryUrl, { headers: auth })
    const entityTag = first.headers.get('etag')
    if (first.status !== 200 || !entityTag) throw new Error(`the gallery answered ${first.status} with ETag ${entityTag}`)
    const routes = {
      full: { expectStatus: 200, headers: auth, url: galleryUrl },
      notModified: { expectStatus: 304, headers: { ...auth, 'If-None-Match': entityTag }, url: galleryUrl },
    } as const
    for (const route of Object.values(routes)) await runLoad({ ...route, amount: 100, connections: CONNECTIONS })
    const rounds = { full: [] as LoadResult[], notModified: [] as LoadResult[] }
    for (let round_ = 0; round_ < ROUNDS; round_++) {
      const order = round_ % 2 ? (['notModified', 'full'] as const) : (['full', 'notModified'] as const)
      for (const name of order) {
        await sleep(500)
        rounds[name].push(await runLoad({ ...routes[name], amount: REQUESTS, connections: CONNECTIONS }))
      }
    }
    const median = (results: LoadResult[]) =>
      [...results].sort((a, b) => a.requestsPerSecond - b.requestsPerSecond)[Math.floor((results.length - 1) / 2)]!
    const full = median(rounds.full)
    const notModified = median(rounds.notModified)
    const speedup = notModified.requestsPerSecond / full.requestsPerSecond

    const targets = [
      {
        measure: 'GraphQL gallery page of 50, p50',
        ours: `${round(ours.p50)} ms`,
        pass: graphQLRatio <= TARGET_GRAPHQL_RATIO,
        ratio: `${round(graphQLRatio, 2)} ×`,
        stock: `${round(stock.p50)} ms`,
        target: `≤ ${TARGET_GRAPHQL_RATIO} ×`,
      },
      {
        measure: 'gallery page repeated with If-None-Match (304), req/s',
        ours: `${round(notModified.requestsPerSecond)}`,
        pass: speedup >= TARGET_NOT_MODIFIED_SPEEDUP,
        ratio: `${round(speedup, 2)} ×`,
        stock: `${round(full.requestsPerSecond)} (full 200)`,
        target: `≥ ${TARGET_NOT_MODIFIED_SPEEDUP} ×`,
      },
    ]
    console.log(`\n${formatTargets(targets)}\n`)
    console.log(`(${cpus().length} cores, load ${loadavg().map((value) => value.toFixed(1)).join(' ')}; ${ASSETS} assets)`)
    const result: BenchResult = {
      baseline: { label: 'stock GeneratedAssets(limit: 50), p50', unit: 'ms', value: round(stock.p50) },
      date: new Date().toISOString(),
      details: { assets: ASSETS, full, graphQLRatio, notModified, ours, rounds, speedup, stock },
      machine: describeMachine(),
      name: getResultName(NAME),
      notes: [
        'Payload route handlers on a node:http server in the benchmark process; autocannon in the same process.',
        'GraphQL: one request at a time, alternating ours and stock; the same 50 documents (checked).',
        `HTTP caching: ${CONNECTIONS} connections, ${REQUESTS} requests a round, median of ${ROUNDS} rounds.`,
      ],
      ours: { label: 'generatedAssetsGallery(limit: 50), p50', unit: 'ms', value: round(ours.p50) },
      target: {
        description: `GraphQL ≤ ${TARGET_GRAPHQL_RATIO} × stock; 304 ≥ ${TARGET_NOT_MODIFIED_SPEEDUP} × the 200 rate`,
        pass: targets.every((target) => target.pass),
      },
      targets,
      title: 'Gallery for front-end sites: GraphQL page and HTTP revalidation',
    }
    console.log(`results: ${await writeResult(result)}`)
  } finally {
    await server.close()
  }
} catch (error) {
  console.error(error)
  process.exitCode = 1
} finally {
  if (payload) await closePayload(payload)
  await services.stop()
}
