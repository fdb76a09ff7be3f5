/**
 * Runs every benchmark in sequence, each in its own process (each starts and removes its own
 * database and S3 server), the ones that apply on SQLite a second time with BENCH_DATABASE=sqlite,
 * then prints a summary table (every target: ours, stock, ratio, PASS/MISS) and writes
 * bench/results/summary.json.
 *
 *   npm run bench                          # builds the plugin, then this
 *   tsx bench/run.ts pickupLatency         # only the named benchmarks (both databases)
 *   tsx bench/run.ts pickupLatency-sqlite  # one benchmark on one database (or pickupLatency-postgres)
 *
 * Before each benchmark it waits (at most BENCH_SETTLE_SECONDS, default 120) for the 1-minute load
 * average to fall under BENCH_SETTLE_LOAD (default 1.0), since other processes on a 2-core machine skew every figure; it runs
 * anyway after that, and the load is recorded in each result.
 * Exit code: 1 when a benchmark crashed, 0 otherwise (a missed target is reported, not an error).
 */
import { spawn } from 'node:child_process'
import { readFile, rm } from 'node:fs/promises'
import { cpus, loadavg } from 'node:os'
import path from 'node:path'

import { type BenchResult, formatTable, RESULTS_DIR, round, sleep, writeResult } from './lib/report'
import { ROOT, waitForPluginBuild } from './lib/spawn'

type Benchmark = { database: 'postgres' | 'sqlite'; script: string }
const BENCHMARKS: Benchmark[] = [
  { database: 'postgres', script: 'deepPageBench' },
  { database: 'postgres', script: 'pipelineOverhead' },
  { database: 'sqlite', script: 'pipelineOverhead' },
  { database: 'postgres', script: 'pickupLatency' },
  { database: 'sqlite', script: 'pickupLatency' },
  { database: 'postgres', script: 'throughput' },
  { database: 'sqlite', script: 'throughput' },
  { database: 'postgres', script: 'largeVideoMemory' },
  { database: 'postgres', script: 'generationLimits' },
  { database: 'postgres', script: 'variations' },
  { database: 'postgres', script: 'frontEndBench' },
]
const SETTLE_SECONDS = Number(process.env.BENCH_SETTLE_SECONDS ?? 120)
const SETTLE_LOAD = Number(process.env.BENCH_SETTLE_LOAD ?? 1)
const TIMEOUT_MS = 30 * 60_000

/** The result file's name: the script's, with `-sqlite` on SQLite (bench/lib/services.ts getResultName). */
const resultName = ({ database, script }: Benchmark) => (database === 'postgres' ? script : `${script}-${database}`)
const args = process.argv.slice(2)
const selected = args.length
  ? BENCHMARKS.filter(
      (benchmark) =>
        args.includes(benchmark.script) ||
        args.includes(resultName(benchmark)) ||
        args.includes(`${benchmark.script}-${benchmark.database}`),
    )
  : BENCHMARKS

const settle = async () => {
  const deadline = Date.now() + SETTLE_SECONDS * 1000
  let announced = false
  while (loadavg()[0]! >= SETTLE_LOAD && Date.now() < deadline) {
    if (!announced) {
      console.log(`waiting up to ${SETTLE_SECONDS} s for the machine to settle (load ${loadavg()[0]!.toFixed(2)})…`)
      announced = true
    }
    await sleep(2000)
  }
}

const runOne = ({ database, script }: Benchmark) =>
  new Promise<number | null>((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'bench', `${script}.ts`)], {
      cwd: ROOT,
      env: { ...process.env, BENCH_DATABASE: database },
      stdio: 'inherit',
    })
    const timer = setTimeout(() => child.kill('SIGKILL'), TIMEOUT_MS)
    child.once('exit', (code) => {
      clearTimeout(timer)
      resolve(code)
    })
  })

const rows: (number | string)[][] = [['benchmark', 'measure', 'ours', 'stock (same run)', 'ratio', 'target', 'result']]
const results: (BenchResult | { error: string; name: string })[] = []
let hasCrashed = false
console.log(`machine: ${cpus().length} cores, ${cpus()[0]?.model ?? 'unknown CPU'}, Node ${process.version}`)
for (const benchmark of selected) {
  const name = resultName(benchmark)
  await waitForPluginBuild()
  await settle()
  console.log(`\n=== ${name} (load ${loadavg().map((value) => value.toFixed(2)).join(' ')}) ===`)
  await rm(path.join(RESULTS_DIR, `${name}.json`), { force: true })
  const code = await runOne(benchmark)
  const result = await readFile(path.join(RESULTS_DIR, `${name}.json`), 'utf8')
    .then((text) => JSON.parse(text) as BenchResult)
    .catch(() => undefined)
  if (code !== 0 || !result) {
    hasCrashed = true
    results.push({ error: `exited with ${code}`, name })
    rows.push([name, '—', '—', '—', '—', '—', `ERROR (exit ${code})`])
    continue
  }
  results.push(result)
  const load = `load ${result.machine.loadAverageAtStart[0] ?? '?'}`
  if (result.targets?.length) {
    for (const [index, target] of result.targets.entries()) {
      rows.push([
        index === 0 ? `${result.title} (${load})` : '',
        target.measure,
        target.ours,
        target.stock,
        target.ratio,
        target.target,
        target.pass === undefined ? '—' : target.pass ? 'PASS' : 'MISS',
      ])
    }
  } else {
    rows.push([
      `${result.title} (${load})`,
      result.ours.label,
      `${round(result.ours.value)} ${result.ours.unit}`,
      `${round(result.baseline.value)} ${result.baseline.unit}`,
      '',
      result.target.description,
      result.target.pass ? 'PASS' : 'MISS',
    ])
  }
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
