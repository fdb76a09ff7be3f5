/**
 * A deep gallery page at 100,000 assets, over HTTP against a production build (`next build` +
 * `next start`), our keyset endpoint next to stock Payload's REST list in the same run, as the
 * same user on the same server:
 * - ours:  `GET /api/generated-assets/gallery?cursor=…&limit=50`, the cursor of page 1,000 got by
 *          following `nextCursor` from the first page; and our first page (no cursor);
 * - stock: `GET /api/generated-assets?page=1000&limit=50&sort=-createdAt` (Payload's default depth).
 * Both answer the same 50 assets (checked). The user owns 70 % of the 100,000 rows (other users
 * the rest), so page 1,000 is 49,950 of their assets deep.
 *
 * Each figure is the time from sending the request to the last byte of the body, over ROUNDS
 * rounds (default 30) of one request each, interleaved (ours first page, ours deep, stock deep,
 * stock first page, and for scale `GET /api/users/me` as the same user: authentication and one
 * user lookup, the least an authenticated route does; in a rotating order), after a warm-up.
 *
 *   npm run bench:deep-page    # builds the plugin, then this (REUSE_NEXT_BUILD=1 skips `next build`)
 *
 * The plugin's gallery reads through `payload.db.find` with its afterRead bypass (no narrow
 * drizzle select any more); on SQLite too (BENCH_DATABASE=sqlite), where the seeding goes
 * through the adapter's tables (bench/lib/seedAssets.ts) and takes longer.
 *
 * Targets (on the medians):
 * - our page 1,000 ≤ 1.3× our first page (depth costs nothing);
 * - ours ≥ 10× faster than stock REST `?page=1000&limit=50` at page 1,000;
 * - our page 1,000 ≤ 2× the floor route `GET /api/users/me` with the same JWT (authentication and
 *   one user lookup: no authenticated route of this server answers faster).
 */
import { cpus } from 'node:os'

import { logIn, timeGetJSON } from './lib/http'
import { BENCH_PASSWORD, createBenchUsers, startProductionApp } from './lib/productionApp'
import {
  describeMachine,
  formatTable,
  formatTargets,
  round,
  sleep,
  summarize,
  type Summary,
  warnIfBusy,
  writeResult,
} from './lib/report'
import { seedAssets } from './lib/seedAssets'
import { getBenchDatabase, getResultName } from './lib/services'

const ASSETS = Number(process.env.BENCH_DEEP_PAGE_ASSETS ?? 100_000)
const ROUNDS = Number(process.env.BENCH_DEEP_PAGE_ROUNDS ?? 30)
const PAGE = 1000
/** Rounds of every request before measuring: the server's JIT and caches settle (steady state). */
const WARM_UP_ROUNDS = Number(process.env.BENCH_DEEP_PAGE_WARM_UP ?? 20)
const LIMIT = 50
const TARGET_SPEEDUP = 10
const TARGET_DEPTH_RATIO = 1.3
const TARGET_FLOOR_RATIO = 2
const DATABASE = getBenchDatabase()

type GalleryResponse = { items: { id: number }[]; nextCursor: null | string }
type StockResponse = { docs: { id: number }[]; page: number; totalDocs: number }

const main = async () => {
  warnIfBusy()
  const app = await startProductionApp({
    name: 'deep-page',
    seed: async (payload) => {
      const users = await createBenchUsers({ count: 5, payload, prefix: 'bench-deep' })
      const started = performance.now()
      await seedAssets({ count: ASSETS, payload, userIds: users.map((user) => user.id) })
      console.log(`seeded ${ASSETS.toLocaleString('en')} assets in ${round((performance.now() - started) / 1000)} s`)
      return { user: users[0]! }
    },
  })
  try {
    const token = await logIn({ email: app.seeded.user.email, password: BENCH_PASSWORD, url: app.url })
    const headers = { Authorization: `JWT ${token}` }
    const gallery = (cursor?: string) =>
      timeGetJSON<GalleryResponse>({
        headers,
        url: `${app.url}/api/generated-assets/gallery?limit=${LIMIT}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
      })
    const stock = (page: number) =>
      timeGetJSON<StockResponse>({
        headers,
        url: `${app.url}/api/generated-assets?page=${page}&limit=${LIMIT}&sort=-createdAt`,
      })

    // Follow nextCursor to page 1,000: the cursor that page 999 hands out is page 1,000's.
    const walkStarted = performance.now()
    let cursor: string | undefined
    for (let page = 1; page < PAGE; page++) {
      const { json } = await gallery(cursor)
      if (!json.nextCursor) throw new Error(`the gallery ended at page ${page}; seed more assets`)
      cursor = json.nextCursor
    }
    const deepCursor = cursor!
    const walkSeconds = (performance.now() - walkStarted) / 1000
    console.log(`followed nextCursor through ${PAGE - 1} pages in ${round(walkSeconds)} s`)

    // Both routes must answer the same assets, or the comparison means nothing.
    const oursDeep = await gallery(deepCursor)
    const stockDeep = await stock(PAGE)
    const oursIds = oursDeep.json.items.map((item) => item.id)
    const stockIds = stockDeep.json.docs.map((doc) => doc.id)
    if (oursIds.length !== LIMIT || JSON.stringify(oursIds) !== JSON.stringify(stockIds)) {
      throw new Error(
        `page ${PAGE} differs: ours ${oursIds.slice(0, 5).join(',')}…, stock ${stockIds.slice(0, 5).join(',')}…`,
      )
    }
    console.log(
      `page ${PAGE}: both answer the same ${LIMIT} assets (ids ${oursIds[0]}…${oursIds.at(-1)}), of ${stockDeep.json.totalDocs} the user may read`,
    )

    const series = {
      oursDeep: [] as number[],
      oursFirst: [] as number[],
      stockDeep: [] as number[],
      stockFirst: [] as number[],
      floor: [] as number[],
    }
    const requests: [keyof typeof series, () => Promise<{ ms: number }>][] = [
      ['oursFirst', () => gallery()],
      ['oursDeep', () => gallery(deepCursor)],
      ['stockDeep', () => stock(PAGE)],
      ['stockFirst', () => stock(1)],
      ['floor', () => timeGetJSON({ headers, url: `${app.url}/api/users/me` })],
    ]
    for (let warm = 0; warm < WARM_UP_ROUNDS; warm++) for (const [, request] of requests) await request()
    await sleep(500)
    for (let run = 0; run < ROUNDS; run++) {
      for (let index = 0; index < requests.length; index++) {
        const [name, request] = requests[(run + index) % requests.length]!
        series[name].push((await request()).ms)
      }
    }

    const stats = Object.fromEntries(
      Object.entries(series).map(([name, values]) => [name, summarize(values)]),
    ) as Record<keyof typeof series, Summary>
    const speedup = stats.stockDeep.p50 / stats.oursDeep.p50
    const depthRatio = stats.oursDeep.p50 / stats.oursFirst.p50
    const floorRatio = stats.oursDeep.p50 / stats.floor.p50
    const row = (label: string, summary: Summary) => [label, summary.p50, summary.p95, summary.min, summary.max]
    console.log(
      `\n${formatTable([
        [`request (ms, n = ${ROUNDS} each, ${DATABASE})`, 'p50', 'p95', 'min', 'max'],
        row(`ours  gallery?cursor=<page ${PAGE}>&limit=${LIMIT}`, stats.oursDeep),
        row(`ours  gallery?limit=${LIMIT} (first page)`, stats.oursFirst),
        row(`stock generated-assets?page=${PAGE}&limit=${LIMIT}&sort=-createdAt`, stats.stockDeep),
        row(`stock generated-assets?page=1&limit=${LIMIT}&sort=-createdAt`, stats.stockFirst),
        row('stock users/me as the same user (the floor of an authenticated request)', stats.floor),
      ])}\n`,
    )
    const ms = (value: number) => `${round(value)} ms`
    const targets = [
      {
        measure: `page ${PAGE} / first page, p50 (stock: its own page ${PAGE} / page 1)`,
        ours: `${ms(stats.oursDeep.p50)} / ${ms(stats.oursFirst.p50)}`,
        pass: depthRatio <= TARGET_DEPTH_RATIO,
        ratio: `${round(depthRatio, 2)}×`,
        stock: `${ms(stats.stockDeep.p50)} / ${ms(stats.stockFirst.p50)} = ${round(stats.stockDeep.p50 / stats.stockFirst.p50, 2)}×`,
        target: `ours ≤ ${TARGET_DEPTH_RATIO}× our first page`,
      },
      {
        measure: `page ${PAGE}, p50: stock / ours`,
        ours: ms(stats.oursDeep.p50),
        pass: speedup >= TARGET_SPEEDUP,
        ratio: `${round(speedup, 1)}× faster`,
        stock: ms(stats.stockDeep.p50),
        target: `ours ≥ ${TARGET_SPEEDUP}× faster`,
      },
      {
        measure: `page ${PAGE}, p50: ours / floor (stock users/me)`,
        ours: ms(stats.oursDeep.p50),
        pass: floorRatio <= TARGET_FLOOR_RATIO,
        ratio: `${round(floorRatio, 2)}×`,
        stock: ms(stats.floor.p50),
        target: `ours ≤ ${TARGET_FLOOR_RATIO}× floor`,
      },
      {
        measure: `page ${PAGE}, p95: stock / ours`,
        ours: ms(stats.oursDeep.p95),
        ratio: `${round(stats.stockDeep.p95 / stats.oursDeep.p95, 1)}× faster`,
        stock: ms(stats.stockDeep.p95),
        target: '(reported)',
      },
    ]
    console.log(formatTargets(targets))
    console.log(
      `(${cpus().length} cores, ${DATABASE}, ${ASSETS.toLocaleString('en')} assets, ${stockDeep.json.totalDocs} readable by the user; ` +
        `stock page ${PAGE} / floor = ${round(stats.stockDeep.p50 / stats.floor.p50)}×, the most any route could be faster than stock)`,
    )
    const file = await writeResult({
      baseline: { label: `stock REST page ${PAGE} (p50)`, unit: 'ms', value: stats.stockDeep.p50 },
      date: new Date().toISOString(),
      details: {
        assets: ASSETS,
        depthRatio,
        floorRatio,
        limit: LIMIT,
        page: PAGE,
        readableByUser: stockDeep.json.totalDocs,
        rounds: ROUNDS,
        speedup,
        speedupCeiling: stats.stockDeep.p50 / stats.floor.p50,
        ms: stats,
        walkToPageSeconds: walkSeconds,
      },
      machine: describeMachine(),
      database: DATABASE,
      name: getResultName('deepPageBench'),
      notes: [
        'Times are from sending the request to the last byte of the body, over HTTP to `next start` (production build), one request at a time.',
        `Rounds interleave the five requests in a rotating order, after ${WARM_UP_ROUNDS} warm-up rounds (steady state: the server's JIT and caches settled).`,
        'floor: GET /api/users/me with the same JWT: authentication and one user lookup, no other work; stock page 1000 / floor bounds what any route can reach.',
        DATABASE === 'sqlite'
          ? 'Seeded through the adapter\'s tables (bench/lib/seedAssets.ts).'
          : 'Seeded by SQL (bench/lib/seedAssets.ts) and ANALYZEd, as autovacuum would on a live database.',
        'The gallery reads through payload.db.find with its afterRead bypass (no narrow drizzle select).',
      ],
      ours: { label: `keyset gallery page ${PAGE} (p50)`, unit: 'ms', value: stats.oursDeep.p50 },
      target: {
        description: `page ${PAGE} ≤ ${TARGET_DEPTH_RATIO}× first page; ≥ ${TARGET_SPEEDUP}× stock; ≤ ${TARGET_FLOOR_RATIO}× floor`,
        pass: targets.every((target) => target.pass !== false),
      },
      targets,
      title: `Gallery page ${PAGE} at ${ASSETS.toLocaleString('en')} assets (${DATABASE})`,
    })
    console.log(`results: ${file}`)
  } finally {
    await app.stop()
  }
}

await main()
process.exit(0)
