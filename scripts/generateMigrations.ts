/**
 * The demo's migrations for both databases, from the config: Payload's `migrate:create` once per
 * adapter, Postgres into `migrations/` and SQLite into `migrations-sqlite/`.
 *
 *   npm run generate:migrations -- <name>    a migration named <name> in each directory whose
 *                                            schema changed (none where nothing did)
 *   npm run generate:migrations -- --check   writes nothing; prints the statements a new migration
 *                                            would hold and exits with 1 when a directory lags the config
 *
 * The npm script builds the plugin first: the schema is the built plugin's. By hand, the same as
 * `DATABASE_URL=<url> npx payload migrate:create <name> --skip-empty` with a `postgres://` URL and
 * then with a `file:` URL. `migrate:create` connects to no database: it compares the config's schema
 * with the newest snapshot (`*.json`) of the directory (Payload's CLI, `payload/dist/bin/migrate.js`).
 * Raw SQL a migration adds beyond that schema (the trigram index of `*_gallery_search.ts`) is
 * written by hand, for each database where it applies.
 */
import { spawn } from 'node:child_process'
import { rmSync } from 'node:fs'
import { cp, mkdtemp, readdir, readFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const self = fileURLToPath(import.meta.url)

type Adapter = 'postgres' | 'sqlite'
const DIRECTORIES: Record<Adapter, string> = { postgres: 'migrations', sqlite: 'migrations-sqlite' }

/**
 * In a process of its own per adapter (the config picks its adapter from DATABASE_URL when it
 * loads): Payload's `migrate:create` with `--skip-empty`, into the adapter's directory, or for
 * `--check` into a copy of it, after which it prints the migration it would have added.
 */
const runChild = async ({ adapter, check, name }: { adapter: Adapter; check: boolean; name: string }) => {
  const { migrateCLI } = await import('payload')
  const config = await (await import('../payload.config')).default
  const directory = path.join(root, DIRECTORIES[adapter])
  const copy = check ? await mkdtemp(path.join(tmpdir(), `migrations-check-${adapter}-`)) : undefined
  if (copy) {
    await cp(directory, copy, { recursive: true })
    process.once('exit', () => rmSync(copy, { force: true, recursive: true }))
  }
  const before = new Set(await readdir(copy ?? directory))
  // With `skip-empty`, Payload's CLI ends the process (exit 0) when there is no change.
  await migrateCLI({ config, migrationDir: copy, parsedArgs: { _: ['migrate:create', name], 'skip-empty': true } as never })
  const added = (await readdir(copy ?? directory)).filter((file) => file.endsWith('.ts') && !before.has(file) && file !== 'index.ts')
  if (copy) {
    for (const file of added) console.log(`${DIRECTORIES[adapter]} lags the config; a new migration would be:\n${await readFile(path.join(copy, file), 'utf8')}`)
    process.exit(added.length ? 1 : 0)
  }
  process.exit(0)
}

/** Runs {@link runChild} for one adapter; resolves with its exit code and what it printed. */
const spawnChild = ({ adapter, check, name }: { adapter: Adapter; check: boolean; name: string }) =>
  new Promise<{ code: number; output: string }>((resolve, reject) => {
    const env = { ...process.env }
    // migrate:create never connects: any URL of the right kind will do.
    if (adapter === 'sqlite') env.DATABASE_URL = `file:${path.join(tmpdir(), 'generate-migrations-unused.db')}`
    else delete env.DATABASE_URL
    const child = spawn(process.execPath, ['--import', 'tsx', self, '--adapter', adapter, check ? '--check' : name], {
      cwd: root,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let output = ''
    child.stdout.on('data', (chunk) => (output += chunk))
    child.stderr.on('data', (chunk) => (output += chunk))
    child.once('error', reject)
    child.once('exit', (code) => resolve({ code: code ?? 1, output }))
  })

const main = async () => {
  const args = process.argv.slice(2)
  const adapterIndex = args.indexOf('--adapter')
  const check = args.includes('--check')
  const name =
    args.find((arg, index) => !arg.startsWith('--') && !(adapterIndex >= 0 && index === adapterIndex + 1)) ??
    (check ? 'check' : '')
  if (!name) {
    console.error('Usage: generateMigrations.ts <name> | --check')
    process.exit(2)
  }
  if (adapterIndex >= 0) return runChild({ adapter: args[adapterIndex + 1] as Adapter, check, name })

  const adapters: Adapter[] = ['postgres', 'sqlite']
  const results = await Promise.all(adapters.map((adapter) => spawnChild({ adapter, check, name })))
  let failed = false
  results.forEach(({ code, output }, index) => {
    const directory = DIRECTORIES[adapters[index]!]
    if (code === 0) {
      console.log(check ? `${directory}: up to date with the config` : `${directory}: done`)
      if (!check) process.stdout.write(output.split('\n').filter((line) => /Migration created/.test(line)).join('\n') + '\n')
      return
    }
    failed = true
    console.error(`${directory}: ${check ? 'lags the config' : `migrate:create exited with ${code}`}\n${output}`)
  })
  process.exit(failed ? 1 : 0)
}

await main()
