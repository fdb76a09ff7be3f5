/**
 * Where the CPU time of one or more V8 CPU profiles (`node --cpu-prof`, e.g. the throughput
 * benchmark's with BENCH_CPU_PROF=1) goes:
 * - self time by package (`node_modules/<package>`, the plugin's `dist/`, Node's internals, GC, idle);
 * - the functions with the most self time;
 * - the plugin's functions by inclusive time (time with them anywhere on the stack).
 *
 *   tsx bench/cpuProfileSummary.ts bench/results/profiles/throughput-postgres-ours-worker*
 *
 * A directory argument stands for its main-thread profiles (tid 0; with `node --cpu-prof`,
 * `--import tsx` adds a loader thread with a profile of its own). PER=<n> adds a column of ms per unit of work (e.g. per asset).
 */
import { readdir, readFile, stat } from 'node:fs/promises'
import path from 'node:path'

import { formatTable, round } from './lib/report'

type CallFrame = { columnNumber: number; functionName: string; lineNumber: number; url: string }
type ProfileNode = { callFrame: CallFrame; children?: number[]; id: number }
type Profile = { endTime: number; nodes: ProfileNode[]; samples: number[]; startTime: number; timeDeltas: number[] }

const TOP = Number(process.env.TOP ?? 25)

const packageOf = ({ functionName, url }: CallFrame): string => {
  if (!url) return functionName.startsWith('(') ? functionName : '(native / V8)'
  if (url.startsWith('node:')) return 'node: (internals)'
  if (url.includes('/plugins/generated-assets/')) return 'payload-plugin-generated-assets'
  const at = url.lastIndexOf('node_modules/')
  if (at >= 0) {
    const [scope, name] = url.slice(at + 'node_modules/'.length).split('/')
    return scope!.startsWith('@') ? `${scope}/${name}` : scope!
  }
  return path.relative(process.cwd(), url.replace(/^file:\/\//, '')) || url
}
const describe = (frame: CallFrame) =>
  `${frame.functionName || '(anonymous)'} ${frame.url ? `${packageOf(frame)}:${path.basename(frame.url)}:${frame.lineNumber + 1}` : ''}`.trim()

// A directory stands for the main-thread profiles in it (`CPU.<date>.<time>.<pid>.0.<seq>.cpuprofile`).
const files: string[] = []
for (const arg of process.argv.slice(2)) {
  if ((await stat(arg)).isDirectory()) {
    files.push(...(await readdir(arg)).filter((name) => /\.\d+\.0\.\d+\.cpuprofile$/.test(name)).map((name) => path.join(arg, name)))
  } else {
    files.push(arg)
  }
}
if (!files.length) {
  console.error('usage: tsx bench/cpuProfileSummary.ts <file.cpuprofile>…')
  process.exit(2)
}
/** CALLERS=<text>: for the self time of frames whose package or name contains it, the nearest callers outside them. */
const CALLERS = process.env.CALLERS
const callers = new Map<string, number>()
const selfByPackage = new Map<string, number>()
const selfByFunction = new Map<string, number>()
const inclusivePlugin = new Map<string, number>()
let total = 0
let wall = 0
for (const file of files) {
  const profile = JSON.parse(await readFile(file, 'utf8')) as Profile
  wall += (profile.endTime - profile.startTime) / 1000
  const byId = new Map(profile.nodes.map((node) => [node.id, node]))
  const parent = new Map<number, number>()
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id)
  for (let index = 0; index < profile.samples.length; index++) {
    const ms = (profile.timeDeltas[index] ?? 0) / 1000
    const node = byId.get(profile.samples[index]!)!
    total += ms
    const pkg = packageOf(node.callFrame)
    selfByPackage.set(pkg, (selfByPackage.get(pkg) ?? 0) + ms)
    const name = describe(node.callFrame)
    selfByFunction.set(name, (selfByFunction.get(name) ?? 0) + ms)
    if (CALLERS && (pkg.includes(CALLERS) || name.includes(CALLERS))) {
      let id = parent.get(node.id)
      const chain: string[] = []
      while (id !== undefined && chain.length < 3) {
        const frame = byId.get(id)!.callFrame
        const label = describe(frame)
        if (!packageOf(frame).includes(CALLERS) && !label.includes(CALLERS)) chain.push(label)
        id = parent.get(id)
      }
      const key = chain.join(' ← ') || '(no caller)'
      callers.set(key, (callers.get(key) ?? 0) + ms)
    }
    const seen = new Set<string>()
    for (let id: number | undefined = node.id; id !== undefined; id = parent.get(id)) {
      const frame = byId.get(id)!.callFrame
      if (packageOf(frame) !== 'payload-plugin-generated-assets') continue
      const key = describe(frame)
      if (seen.has(key)) continue
      seen.add(key)
      inclusivePlugin.set(key, (inclusivePlugin.get(key) ?? 0) + ms)
    }
  }
}
const busy = total - (selfByPackage.get('(idle)') ?? 0)
const PER = Number(process.env.PER ?? 0)
const table = (title: string, entries: Map<string, number>, share: number) =>
  formatTable([
    [title, 'ms', '% of busy', ...(PER ? [`ms per 1/${PER}`] : [])],
    ...[...entries.entries()]
      .filter(([name]) => name !== '(idle)')
      .sort((a, b) => b[1] - a[1])
      .slice(0, TOP)
      .map(([name, ms]) => [name, round(ms), `${round((ms / share) * 100, 1)} %`, ...(PER ? [round(ms / PER, 2)] : [])]),
  ])
console.log(
  `${files.length} profile(s), ${round(wall / 1000, 1)} s of wall time, ${round(busy / 1000, 2)} s busy (not idle)` +
    `${PER ? `, ${round(busy / PER, 1)} ms busy per 1/${PER}` : ''}\n`,
)
console.log(table('self time by package', selfByPackage, busy))
console.log(`\n${table('self time by function', selfByFunction, busy)}`)
console.log(`\n${table('plugin functions, inclusive time', inclusivePlugin, busy)}`)
if (CALLERS) console.log(`\n${table(`callers of ${CALLERS} (self time, nearest 3 frames outside it)`, callers, busy)}`)
