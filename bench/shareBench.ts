/**
 * The public share file route under load, over HTTP against a production build (`next build` +
 * `next start`), next to stock Payload's file route in the same run on the same server:
 * - ours:  `GET /api/generated-assets/share/<token>/file`, anonymous: a 302 to a freshly signed,
 *          short-lived S3 URL (the bytes then come from the bucket, not the app);
 * - stock: `GET /api/generated-assets/file/<filename>` as the asset's owner (`Authorization: JWT`):
 *          Payload's access-checked file route, streaming the object from S3 through storage-s3.
 * The shared asset is a real 1024×1024 PNG in s3rver, among BENCH_SHARE_ASSETS (default 20,000)
 * seeded assets. autocannon, CONNECTIONS (default 50) connections, about SECONDS (default 10) per
 * route after a warm-up of each, over ROUNDS (default 3) rounds in a rotating order; each route's
 * median round (by requests/s) is reported, every round is in the JSON. Each run sends a fixed
 * number of requests (SECONDS at the route's previous rate) and ends when all are answered: a
 * timed run would cut 50 downloads off mid-stream each time, and after about 150 of those
 * Payload's storage-s3 route stops answering (see bench/lib/load.ts), which is not what we compare.
 * For scale, the same rounds measure stock Payload's cheapest REST route, `GET /api/users/me`
 * anonymous (no database, no storage): the most any route of this server can do on this machine
 * at that moment. Then ours and stock once more with one connection (LATENCY_REQUESTS requests,
 * default 100): latency without queueing.
 *
 *   npm run bench:share    # builds the plugin, then this (REUSE_NEXT_BUILD=1 skips `next build`)
 *
 * Targets: ours ≥ 5× stock requests/s; our p99 latency ≤ 25 ms.
 */
import { cpus, loadavg } from 'node:os'

import { logIn, timeGet } from './lib/http'
import { type LoadResult, runLoad } from './lib/load'
import { BENCH_PASSWORD, createBenchUsers, startProductionApp } from './lib/productionApp'
import { describeMachine, formatTable, round, sleep, warnIfBusy, writeResult } from './lib/report'
import { seedAssets, storeAssetFile } from './lib/seedAssets'
import { s3TargetFromEnv } from './lib/s3Target'

const ASSETS = Number(process.env.BENCH_SHARE_ASSETS ?? 20_000)
const CONNECTIONS = Number(process.env.BENCH_SHARE_CONNECTIONS ?? 50)
const SECONDS = Number(process.env.BENCH_SHARE_SECONDS ?? 10)
const ROUNDS = Number(process.env.BENCH_SHARE_ROUNDS ?? 3)
const LATENCY_REQUESTS = Number(process.env.BENCH_SHARE_LATENCY_REQUESTS ?? 100)
const WARM_UP_REQUESTS = 150
const TARGET_SPEEDUP = 5
const TARGET_P99_MS = 25

const main = async () => {
  warnIfBusy()
  const app = await startProductionApp({
    name: 'share',
    seed: async (payload) => {
      const users = await createBenchUsers({ count: 3, payload, prefix: 'bench-share' })
      const { firstId } = await seedAssets({ count: ASSETS, payload, userIds: users.map((user) => user.id) })
      // The second newest asset is one of the owner's ready images (the newest is a failed video).
      const assetId = firstId + 1
      const original = await storeAssetFile({
        id: assetId,
        payload,
        s3: s3TargetFromEnv(),
      })
      const [{ filename }] = (
        await (
          payload.db as unknown as { pool: { query: (text: string, values: unknown[]) => Promise<{ rows: any[] }> } }
        ).pool.query('select filename from generated_assets where id = $1', [assetId])
      ).rows
      return { assetId, bytes: original, filename: filename as string, owner: users[0]! }
    },
  })
  try {
    const { assetId, bytes, filename, owner } = app.seeded
    const token = await logIn({ email: owner.email, password: BENCH_PASSWORD, url: app.url })
    const auth = { Authorization: `JWT ${token}` }
    const shared = await fetch(`${app.url}/api/generated-assets/${assetId}/share`, { headers: auth, method: 'POST' })
    if (!shared.ok) throw new Error(`sharing asset ${assetId} failed: ${shared.status} ${await shared.text()}`)
    const { shareUrl } = (await shared.json()) as { shareUrl: string }
    const oursUrl = `${app.url}${new URL(shareUrl).pathname}/file`
    const stockUrl = `${app.url}/api/generated-assets/file/${encodeURIComponent(filename)}`

    // Both routes must end in the same bytes, or the comparison means nothing.
    const redirect = await timeGet({ expectStatus: 302, url: oursUrl })
    const signed = await fetch(redirect.headers.get('location')!)
    const viaShare = Buffer.from(await signed.arrayBuffer())
    const viaStock = (await timeGet({ headers: auth, url: stockUrl })).body
    if (!viaShare.equals(bytes) || !viaStock.equals(bytes)) {
      throw new Error(
        `the routes do not serve the stored file (${viaShare.length} / ${viaStock.length} of ${bytes.length} bytes)`,
      )
    }
    console.log(
      `shared asset ${assetId} (${filename}, ${bytes.length} bytes): ours 302 → signed URL (Cache-Control: ${redirect.headers.get('cache-control')}), stock 200 streamed`,
    )

    const routes = {
      ours: { expectStatus: 302, headers: {}, url: oursUrl },
      stock: { expectStatus: 200, headers: auth, url: stockUrl },
      floor: { expectStatus: 200, headers: {}, url: `${app.url}/api/users/me` },
    } as const
    type Route = keyof typeof routes
    const names = Object.keys(routes) as Route[]
    const lastRate = {} as Record<Route, number>
    for (const name of names) {
      lastRate[name] = (
        await runLoad({ ...routes[name], amount: WARM_UP_REQUESTS, connections: CONNECTIONS })
      ).requestsPerSecond
    }
    const rounds: Record<Route, LoadResult[]> = { floor: [], ours: [], stock: [] }
    for (let round_ = 0; round_ < ROUNDS; round_++) {
      for (let index = 0; index < names.length; index++) {
        const name = names[(round_ + index) % names.length]!
        await sleep(1000)
        const amount = Math.max(2 * CONNECTIONS, Math.round(lastRate[name] * SECONDS))
        const result = await runLoad({ ...routes[name], amount, connections: CONNECTIONS })
        lastRate[name] = result.requestsPerSecond
        rounds[name].push(result)
        console.log(
          `round ${round_ + 1} ${name}: ${round(result.requestsPerSecond)} req/s, p50 ${result.latencyMs.p50} ms, p99 ${result.latencyMs.p99} ms, ${round(result.seconds)} s ` +
            `(${result.responses} responses, ${result.errors} errors of which ${result.timeouts} timeouts, load ${loadavg()[0]!.toFixed(2)})`,
        )
      }
    }
    const single: Partial<Record<Route, LoadResult>> = {}
    for (const name of ['ours', 'stock'] as const) {
      await sleep(1000)
      single[name] = await runLoad({ ...routes[name], amount: LATENCY_REQUESTS, connections: 1 })
    }
    const median = (results: LoadResult[]) =>
      [...results].sort((a, b) => a.requestsPerSecond - b.requestsPerSecond)[Math.floor((results.length - 1) / 2)]!
    const ours = median(rounds.ours)
    const stock = median(rounds.stock)
    const floor = median(rounds.floor)
    const speedup = ours.requestsPerSecond / stock.requestsPerSecond
    const isSpeedupMet = speedup >= TARGET_SPEEDUP
    const isP99Met = ours.latencyMs.p99 <= TARGET_P99_MS
    const row = (label: string, result: LoadResult, one?: LoadResult) => [
      label,
      result.requestsPerSecond,
      result.latencyMs.p50,
      result.latencyMs.p99,
      one ? `${one.latencyMs.p50} / ${one.latencyMs.p99}` : '',
    ]
    console.log(
      `\n${formatTable([
        [
          `route (${CONNECTIONS} connections, ~${SECONDS} s, median of ${ROUNDS})`,
          'req/s',
          'p50 ms',
          'p99 ms',
          '1 conn. p50 / p99 ms',
        ],
        row('ours  GET share/<token>/file (302 to signed S3 URL)', ours, single.ours),
        row('stock GET file/<filename> as owner (streamed from S3)', stock, single.stock),
        row("stock GET users/me anonymous (the server's ceiling)", floor),
      ])}\n`,
    )
    console.log(
      formatTable([
        ['target', 'measured', 'result'],
        [`ours ≥ ${TARGET_SPEEDUP}× stock requests/s`, `${round(speedup)}×`, isSpeedupMet ? 'PASS' : 'MISS'],
        [
          `our p99 ≤ ${TARGET_P99_MS} ms (${CONNECTIONS} connections)`,
          `${ours.latencyMs.p99} ms`,
          isP99Met ? 'PASS' : 'MISS',
        ],
      ]),
    )
    console.log(
      `(${cpus().length} cores, load ${loadavg()
        .map((value) => value.toFixed(1))
        .join(' ')}; autocannon and s3rver run in this process, next start in another. ` +
        `With ${CONNECTIONS} connections always busy, the mean latency is ${CONNECTIONS} / (req/s): ${round((CONNECTIONS / ours.requestsPerSecond) * 1000)} ms for ours, ` +
        `${round((CONNECTIONS / floor.requestsPerSecond) * 1000)} ms for the ceiling route.)`,
    )
    const file = await writeResult({
      baseline: { label: 'stock file route, requests/s', unit: 'req/s', value: stock.requestsPerSecond },
      date: new Date().toISOString(),
      details: {
        assets: ASSETS,
        bytes: bytes.length,
        connections: CONNECTIONS,
        median: { floor, ours, stock },
        oneConnection: single,
        rounds,
        seconds: SECONDS,
        speedup,
      },
      machine: describeMachine(),
      name: 'shareBench',
      notes: [
        'autocannon (programmatic API) in the benchmark process; the app is `next start` of a production build in its own process.',
        `Each route warmed with ${WARM_UP_REQUESTS} requests; rounds rotate the order of the routes; the median round of each route is reported, all rounds are in details.`,
        "Each run sends a fixed number of requests (~SECONDS at the route's previous rate) and ends when all are answered: timed runs abort downloads mid-stream, and after ~150 of those storage-s3's file route stops answering.",
        'floor: anonymous GET /api/users/me, stock Payload with no database or storage work, the most this server answers on this machine at that moment.',
        'Ours answers 302 only (the signed URL is not followed); stock streams the whole object through the app.',
      ],
      ours: { label: 'share file route, requests/s', unit: 'req/s', value: ours.requestsPerSecond },
      target: {
        description: `≥ ${TARGET_SPEEDUP}× stock requests/s and p99 ≤ ${TARGET_P99_MS} ms`,
        pass: isSpeedupMet && isP99Met,
      },
      title: 'Share file route under load',
    })
    console.log(`results: ${file}`)
  } finally {
    await app.stop()
  }
}

await main()
process.exit(0)
