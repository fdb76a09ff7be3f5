/**
 * Runs every benchmark in sequence, each in its own process (each starts and removes its own
 * Postgres and S3 server), then prints a summary table and writes bench/results/summary.json.
 *
 *   npm run bench                    # builds the plugin, then this
 *   tsx bench/run.ts pickupLatency   # only the named benchmarks
 *
 * Before each benchmark it waits (at most BENCH_SETTLE_SECONDS, default 120) for the 1-minute load
 * average to fall under 1.0, since other processes on a 2-core machine skew every figure; it runs
 * anyway after that, and the load is recorded in each result.
 * Exit code: 1 when a benchmark crashed, 0 otherwise (a missed target is reported, not an error).
 */
import { spawn } from 'node:child_process'
import { readFile, rm } from 'node:fs/promises'
import { cpus, loadavg } from 'node:os'
import path from 'node:path'

import { type BenchResult, formatTable, RESULTS_DIR, round, sleep, writeResult } from './lib/report'
import { ROOT, waitForPluginBuild } from './lib/spawn'

const BENCHMARKS = ['pipelineOverhead', 'pickupLatency', 'largeVideoMemory', 'generationLimits'] as const
const SETTLE_SECONDS = Number(process.env.BENCH_SETTLE_SECONDS ?? 120)
const TIMEOUT_MS = 30 * 60_000

const selected = process.argv.slice(2).length
  ? BENCHMARKS.filter((name) => process.argv.slice(2).includes(name))
  : [...BENCHMARKS]

const settle = async () => {
  const deadline = Date.now() + SETTLE_SECONDS * 1000
  let announced = false
  while (loadavg()[0]! >= 1 && Date.now() < deadline) {
    if (!announced) {
      console.log(`waiting up to ${SETTLE_SECONDS} s for the machine to settle (load ${loadavg()[0]!.toFixed(2)})…`)
      announced = true
    }
    await sleep(2000)
  }
}

const runOne = (name: string) =>
  new Promise<number | null>((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'bench', `${name}.ts`)], {
      cwd: ROOT,
      env: process.env,
      stdio: 'inherit',
    })
    const timer = setTimeout(() => child.kill('SIGKILL'), TIMEOUT_MS)
    child.once('exit', (code) => {
      clearTimeout(timer)
      resolve(code)
    })
  })

const rows: (number | string)[][] = [['benchmark', 'ours', 'baseline (same run)', 'target', 'result']]
const results: (BenchResult | { error: string; name: string })[] = []
let hasCrashed = false
console.log(`machine: ${cpus().length} cores, ${cpus()[0]?.model ?? 'unknown CPU'}, Node ${process.version}`)
for (const name of selected) {
  await waitForPluginBuild()
  await settle()
  console.log(`\n=== ${name} (load ${loadavg().map((value) => value.toFixed(2)).join(' ')}) ===`)
  await rm(path.join(RESULTS_DIR, `${name}.json`), { force: true })
  const code = await runOne(name)
  const result = await readFile(path.join(RESULTS_DIR, `${name}.json`), 'utf8')
    .then((text) => JSON.parse(text) as BenchResult)
    .catch(() => undefined)
  if (code !== 0 || !result) {
    hasCrashed = true
    results.push({ error: `exited with ${code}`, name })
    rows.push([name, '—', '—', '—', `ERROR (exit ${code})`])
    continue
  }
  results.push(result)
  rows.push([
    result.title,
    `${round(result.ours.value)} ${result.ours.unit}`,
    `${round(result.baseline.value)} ${result.baseline.unit}`,
    result.target.description,
    result.target.pass ? 'PASS' : 'FAIL',
  ])
}

console.log(`\n=== summary (${cpus().length} cores) ===\n`)
console.log(formatTable(rows))
await writeResult({
  baseline: { label: '', unit: '', value: 0 },
  date: new Date().toISOString(),
  details: { results },
  machine: { cpuModel: cpus()[0]?.model ?? 'unknown', cpus: cpus().length, loadAverageAtStart: [], memoryMB: 0, node: process.version },
  name: 'summary',
  notes: [],
  ours: { label: '', unit: '', value: 0 },
  target: { description: 'every target met', pass: results.every((result) => 'target' in result && result.target.pass) },
  title: 'Summary',
})
console.log(`\nresults: ${path.join(RESULTS_DIR, 'summary.json')}`)
process.exit(hasCrashed ? 1 : 0)
