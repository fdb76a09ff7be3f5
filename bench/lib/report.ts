/**
 * Statistics, tables and result files shared by the benchmarks. Every benchmark writes
 * bench/results/<name>.json (gitignored) in the {@link BenchResult} shape, which bench/run.ts reads.
 */
import { execFileSync } from 'node:child_process'
import { mkdir, writeFile } from 'node:fs/promises'
import { cpus, loadavg, totalmem } from 'node:os'
import path from 'node:path'

export const RESULTS_DIR = path.resolve(import.meta.dirname, '../results')

/** Percentile `p` (0–100) with linear interpolation between closest ranks. */
export const percentile = (values: number[], p: number): number => {
  if (values.length === 0) return Number.NaN
  const sorted = [...values].sort((a, b) => a - b)
  const rank = (p / 100) * (sorted.length - 1)
  const low = Math.floor(rank)
  const high = Math.ceil(rank)
  return sorted[low]! + (sorted[high]! - sorted[low]!) * (rank - low)
}

export type Summary = { n: number; min: number; p50: number; p95: number; max: number; mean: number }

export const summarize = (values: number[]): Summary => ({
  max: Math.max(...values),
  mean: values.reduce((sum, value) => sum + value, 0) / values.length,
  min: Math.min(...values),
  n: values.length,
  p50: percentile(values, 50),
  p95: percentile(values, 95),
})

export const round = (value: number, digits = 1): number => {
  const factor = 10 ** digits
  return Math.round(value * factor) / factor
}

/** A plain text table: the first row is the header. */
export const formatTable = (rows: (number | string)[][]): string => {
  const cells = rows.map((row) => row.map((cell) => (typeof cell === 'number' ? String(round(cell)) : cell)))
  const widths = cells[0]!.map((_, column) => Math.max(...cells.map((row) => (row[column] ?? '').length)))
  const line = (row: string[]) =>
    row.map((cell, column) => (column === 0 ? cell.padEnd(widths[column]!) : cell.padStart(widths[column]!))).join('  ')
  return [line(cells[0]!), widths.map((width) => '-'.repeat(width)).join('  '), ...cells.slice(1).map(line)].join('\n')
}

export type Machine = {
  cpus: number
  cpuModel: string
  loadAverageAtStart: number[]
  memoryMB: number
  node: string
  /** The code measured: HEAD and the plugin source files changed since (the checkout may be in flux). */
  code?: { head: string; pluginSourceChanges: string[] }
}

const describeCode = (): Machine['code'] => {
  try {
    const git = (...args: string[]) => execFileSync('git', args, { cwd: path.resolve(import.meta.dirname, '../..'), encoding: 'utf8' }).trim()
    return {
      head: git('rev-parse', '--short', 'HEAD'),
      pluginSourceChanges: git('status', '--porcelain', '--', 'plugins/generated-assets/src')
        .split('\n')
        .filter(Boolean),
    }
  } catch {
    return undefined
  }
}

export const describeMachine = (): Machine => ({
  code: describeCode(),
  cpuModel: cpus()[0]?.model ?? 'unknown',
  cpus: cpus().length,
  loadAverageAtStart: loadavg().map((value) => round(value, 2)),
  memoryMB: Math.round(totalmem() / 1024 / 1024),
  node: process.version,
})

/** One target of a benchmark: ours next to stock (or the reference it is held to), and whether it is met. */
export type TargetCheck = {
  /** What is compared, e.g. `pickup p50`. */
  measure: string
  ours: string
  /** Stock Payload's figure in the same run (or the reference figure the target names). */
  stock: string
  ratio: string
  target: string
  /** Undefined for a figure reported without a target. */
  pass?: boolean
}

/** The targets table every benchmark prints: measure, ours, stock, ratio, target, PASS/MISS. */
export const formatTargets = (targets: TargetCheck[]): string =>
  formatTable([
    ['measure', 'ours', 'stock', 'ratio', 'target', 'result'],
    ...targets.map((target) => [target.measure, target.ours, target.stock, target.ratio, target.target, target.pass === undefined ? '—' : target.pass ? 'PASS' : 'MISS']),
  ])

/** What each benchmark writes, and bench/run.ts summarizes. */
export type BenchResult = {
  name: string
  title: string
  /** The database of the run (`postgres` when absent). */
  database?: 'postgres' | 'sqlite'
  date: string
  machine: Machine
  /** The headline figure of the plugin, with its unit. */
  ours: { label: string; unit: string; value: number }
  /** The same figure for stock Payload doing the same work, measured in the same run. */
  baseline: { label: string; unit: string; value: number }
  target: { description: string; pass: boolean }
  /** Each target on its own (the benchmarks with more than one, and the summary's rows). */
  targets?: TargetCheck[]
  /** Everything else measured (distributions, stage timings, samples). */
  details: Record<string, unknown>
  notes: string[]
}

export const writeResult = async (result: BenchResult): Promise<string> => {
  await mkdir(RESULTS_DIR, { recursive: true })
  const file = path.join(RESULTS_DIR, `${result.name}.json`)
  await writeFile(file, `${JSON.stringify(result, null, 2)}\n`)
  return file
}

/** Warns when the machine is busy before a run (other processes skew every figure). */
export const warnIfBusy = (): void => {
  const [oneMinute] = loadavg()
  if (oneMinute! > 0.7) {
    console.warn(
      `warning: load average ${oneMinute!.toFixed(2)} on ${cpus().length} cores before the run; other processes may skew the figures`,
    )
  }
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))

/** Times since process start, in ms (monotonic). */
export const now = () => performance.now()
