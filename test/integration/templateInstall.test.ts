/**
 * The plugin installs like any Payload plugin into Payload's official `with-postgres` template
 * (test/fixtures/template-app), at the lowest Payload it supports and at the newest 3.x: a copy of
 * the template outside the repository (nothing resolves from the repository's node_modules) gets
 * its dependencies with a plain `npm install`, then the packed plugin with a plain
 * `npm install <tarball>`, no flags. The plugin is added to the template's config in two lines;
 * Payload's CLI generates the import map and a migration of the plugin's tables alone and runs it
 * on a fresh database; the template type-checks with the packed types; the shipped worker
 * (`npx payload generated-assets:worker`) generates one `local/image` asked for through the
 * template's REST route and stores its file on disk (the template has no storage adapter); it
 * stops cleanly on SIGINT and SIGTERM. A second `npm install` still succeeds, and so does a first
 * install with pnpm and with Yarn when they can be had here (through `npx`, from the npm registry).
 *
 * Slow: each version installs a whole Payload app (1–2 minutes with a warm npm cache).
 */
import { spawn } from 'node:child_process'
import { randomUUID } from 'node:crypto'
import { existsSync } from 'node:fs'
import { cp, mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import pg from 'pg'
import sharp from 'sharp'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

const ROOT = path.resolve(import.meta.dirname, '../..')
const FIXTURE = path.join(ROOT, 'test/fixtures/template-app')
const PLUGIN_PACKAGE = path.join(ROOT, 'plugins/generated-assets')
const PACKAGE_NAME = 'payload-plugin-generated-assets'
/** The lowest Payload the plugin supports: the pin of the official templates at tag v3.82.1. */
const LOWEST_PAYLOAD = '3.82.0'
/** Milliseconds an install may take (a whole Payload app; a cold npm cache is slower). */
const INSTALL_TIMEOUT = 540_000
/** Milliseconds a step that starts Payload's CLI or a worker may take on a busy machine. */
const STEP_TIMEOUT = 240_000

/** Outside the repository, so that Payload, Next and React resolve from the copy's node_modules only. */
const runDirectory = path.join(tmpdir(), `template-install-${randomUUID().slice(0, 8)}`)
const isPostgres = () => /^postgres(ql)?:/.test(process.env.DATABASE_URL ?? '')

type RunResult = { code: null | number; output: string; seconds: number }

/**
 * The environment of a shell, not of this test run: no `npm_*` settings of the `npm test` that
 * started Vitest (npm reads them as its own configuration), no test or app variables.
 */
const cleanEnv = (env: Record<string, string>): NodeJS.ProcessEnv => {
  const clean: Record<string, string | undefined> = {}
  for (const [key, value] of Object.entries(process.env)) {
    if (/^(npm_|VITEST|TEST_|S3_|PAYLOAD_|DATABASE_)/i.test(key) || key === 'NODE_ENV') continue
    clean[key] = value
  }
  // No NODE_ENV, as in a shell (Next's types declare it always set).
  return { ...clean, NEXT_TELEMETRY_DISABLED: '1', ...env } as unknown as NodeJS.ProcessEnv
}

/** Process groups still running, ended in afterAll whatever happened to the test that started them. */
const running = new Set<number>()

/** Sends `signal` to the process group of `pid` (npm, its shell and the program it runs). */
const signalGroup = ({ pid, signal }: { pid: number; signal: NodeJS.Signals }) => {
  try {
    process.kill(-pid, signal)
  } catch {
    // the group has ended
  }
}

/**
 * Starts a command in `cwd` in a process group of its own; `input` is written to its standard input
 * (else it reads an empty one). `output` collects everything it prints; `closed` resolves once it
 * has exited and every process holding its output pipes (the program npx started) has closed them.
 */
const start = ({
  args,
  command,
  cwd,
  env = {},
  input,
}: {
  args: string[]
  command: string
  cwd: string
  env?: Record<string, string>
  input?: string
}) => {
  const child = spawn(command, args, { cwd, detached: true, env: cleanEnv(env), stdio: ['pipe', 'pipe', 'pipe'] })
  running.add(child.pid!)
  child.stdin.end(input)
  const closed = new Promise<{ code: null | number }>((resolve, reject) => {
    child.once('error', reject)
    child.once('close', (code) => {
      running.delete(child.pid!)
      resolve({ code })
    })
  })
  const state = { child, closed, output: '' }
  child.stdout.on('data', (chunk) => (state.output += chunk))
  child.stderr.on('data', (chunk) => (state.output += chunk))
  return state
}

/**
 * Runs a command to its end; answers its exit code, everything it printed and how long it took
 * (seconds). After `timeout` ms its process group is killed, and the exit code is `null`.
 */
const run = async ({ timeout = 180_000, ...options }: { timeout?: number } & Parameters<typeof start>[0]): Promise<RunResult> => {
  const started = Date.now()
  const state = start(options)
  const timer = setTimeout(() => {
    state.output += `\n[killed after ${timeout} ms]`
    signalGroup({ pid: state.child.pid!, signal: 'SIGKILL' })
  }, timeout)
  const { code } = await state.closed
  clearTimeout(timer)
  return { code, output: state.output, seconds: Math.round((Date.now() - started) / 100) / 10 }
}

/**
 * Payload's CLI at 3.87–3.90 (tsx 4.22's loader on Node 20 and 22) sometimes stops while it imports
 * the config and exits with code 0 having printed nothing and done nothing
 * (https://github.com/payloadcms/payload/issues/17757; here about one run in eight with the plugin,
 * one in forty without it). A user who meets it runs the command again, and so does this test:
 * `runCLI` runs `options` until a run has evidently started (`ran`, by default: it printed
 * something, or it failed), at most `attempts` times, and answers the last run with how many
 * silent runs it took (`silentRuns`).
 */
const runCLI = async ({
  attempts = 4,
  ran = (result: RunResult) => result.code !== 0 || result.output.trim() !== '',
  ...options
}: { attempts?: number; ran?: (result: RunResult) => boolean | Promise<boolean> } & Parameters<typeof run>[0]) => {
  for (let attempt = 1; ; attempt++) {
    const result = await run(options)
    if (attempt === attempts || (await ran(result))) return { ...result, silentRuns: attempt - 1 }
  }
}

/**
 * Starts a long-running CLI command (`start`'s options) and resolves once its output matches
 * `pattern`, starting it again after a silent exit (see `runCLI`); rejects with the output after
 * `timeout` ms, or when it exits otherwise.
 */
const startUntil = async ({ pattern, timeout, ...options }: { pattern: RegExp; timeout: number } & Parameters<typeof start>[0]) => {
  for (let attempt = 1; ; attempt++) {
    const state = start(options)
    let exit: { code: null | number } | undefined
    void state.closed.then((closed) => (exit = closed))
    const deadline = Date.now() + timeout
    while (!pattern.test(state.output) && !exit) {
      if (Date.now() > deadline) throw new Error(`no ${pattern} after ${timeout} ms; output:\n${state.output}`)
      await new Promise((resolve) => setTimeout(resolve, 100))
    }
    if (pattern.test(state.output)) return state
    if (exit!.code !== 0 || state.output.trim() !== '' || attempt === 4) {
      throw new Error(`exited with code ${exit!.code} before ${pattern}; output:\n${state.output}`)
    }
  }
}

/** `npm view <spec> <field> --json`, as a list (npm answers a single match without the array). */
const npmView = async ({ field, spec }: { field: string; spec: string }): Promise<string[]> => {
  const { code, output } = await run({ args: ['view', spec, field, '--json'], command: 'npm', cwd: tmpdir() })
  if (code !== 0) throw new Error(`npm view ${spec} ${field} failed:\n${output}`)
  const value = JSON.parse(output) as string | string[]
  return Array.isArray(value) ? value : [value]
}

/**
 * The newest Payload 3 on the registry, with the newest Next its `@payloadcms/next` accepts (the
 * template at v3.82.1 pins Next 16.2.2, below what later releases require).
 */
const resolveLatest = async () => {
  const payload = (await npmView({ field: 'version', spec: 'payload@^3' })).at(-1)!
  const [nextRange] = await npmView({ field: 'peerDependencies.next', spec: `@payloadcms/next@${payload}` })
  const next = (await npmView({ field: 'version', spec: `next@${nextRange}` })).at(-1)!
  return { next, payload }
}

let tarball: string

beforeAll(async () => {
  if (!isPostgres()) return
  await mkdir(runDirectory, { recursive: true })
  // `npm test` has just built dist/ (the package's prepack would rebuild it under the running tests).
  const packed = await run({
    args: ['pack', '--json', '--ignore-scripts', '--pack-destination', runDirectory],
    command: 'npm',
    cwd: PLUGIN_PACKAGE,
  })
  expect(packed.code, packed.output).toBe(0)
  const [pack] = JSON.parse(packed.output.slice(packed.output.indexOf('['))) as { filename: string; files: { path: string }[] }[]
  expect(
    pack!.files.map((file) => file.path),
    'dist/ holds the worker bin (npm run build:plugin)',
  ).toContain('dist/worker/workerScript.js')
  // A name of this run's own: Yarn 1 keeps what it extracted from a `file:` tarball under the
  // dependency's spec and serves it again to a later install of the same spec, whatever the file holds then.
  tarball = path.join(runDirectory, pack!.filename.replace(/\.tgz$/, `-${path.basename(runDirectory)}.tgz`))
  await rename(path.join(runDirectory, pack!.filename), tarball)
}, STEP_TIMEOUT)

afterAll(async () => {
  for (const pid of running) signalGroup({ pid, signal: 'SIGKILL' })
  await rm(runDirectory, { force: true, recursive: true })
})

const versions = isPostgres()
  ? [{ label: 'lowest', next: undefined, payload: LOWEST_PAYLOAD }, { label: 'latest', ...(await resolveLatest()) }]
  : []

describe.skipIf(!isPostgres())("Payload's with-postgres template (Postgres only)", () => {
  describe.each(versions)('at Payload $payload ($label)', ({ label, next, payload }) => {
    const app = path.join(runDirectory, label, 'app')
    const database = `template_app_${label}`
    const env = () => ({
      DATABASE_URL: Object.assign(new URL(process.env.DATABASE_URL!), { pathname: `/${database}` }).toString(),
      PAYLOAD_SECRET: 'template-app-secret-0123456789',
    })
    /** Payload's CLI in the copy, as `npx payload …`, run again after a silent exit (see `runCLI`). */
    const payloadCLI = (args: string[], options: Omit<Parameters<typeof runCLI>[0], 'args' | 'command' | 'cwd'> = {}) =>
      runCLI({ args: ['payload', ...args], command: 'npx', cwd: app, env: env(), ...options }).then((result) => {
        timings.silentCLIRuns = (timings.silentCLIRuns ?? 0) + result.silentRuns
        return result
      })
    const timings: Record<string, number> = {}

    afterAll(() => {
      console.log(`template at payload ${payload}: ${JSON.stringify(timings)} (seconds)`)
    })

    it(
      'installs with a plain npm install, then the packed plugin with a plain npm install <tarball>',
      async () => {
        await cp(FIXTURE, app, { filter: (source) => !source.includes(`${path.sep}node_modules`), recursive: true })
        const manifest = JSON.parse(await readFile(path.join(FIXTURE, 'package.json'), 'utf8')) as {
          dependencies: Record<string, string>
        }
        for (const name of Object.keys(manifest.dependencies)) {
          if (name === 'payload' || name.startsWith('@payloadcms/')) manifest.dependencies[name] = payload
        }
        if (next) manifest.dependencies.next = next
        await writeFile(path.join(app, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`)

        const install = await run({ args: ['install'], command: 'npm', cwd: app, timeout: INSTALL_TIMEOUT })
        timings.npmInstall = install.seconds
        expect(install.code, install.output).toBe(0)
        const plugin = await run({ args: ['install', tarball], command: 'npm', cwd: app, timeout: INSTALL_TIMEOUT })
        timings.npmInstallTarball = plugin.seconds
        expect(plugin.code, plugin.output).toBe(0)

        const saved = JSON.parse(await readFile(path.join(app, 'package.json'), 'utf8')) as {
          dependencies: Record<string, string>
        }
        expect(saved.dependencies[PACKAGE_NAME]).toMatch(/^file:.*\.tgz$/)
        // One Payload: the template's, with the GraphQL package that @payloadcms/next brings.
        const versionOf = async (name: string) =>
          (JSON.parse(await readFile(path.join(app, 'node_modules', name, 'package.json'), 'utf8')) as { version: string }).version
        expect(await versionOf('payload')).toBe(payload)
        expect(await versionOf('@payloadcms/graphql')).toBe(payload)
        const tree = await run({ args: ['ls', PACKAGE_NAME, 'payload', '@payloadcms/graphql'], command: 'npm', cwd: app })
        expect(tree.code, tree.output).toBe(0)
        expect(tree.output).not.toMatch(/invalid|UNMET/)
      },
      2 * INSTALL_TIMEOUT,
    )

    it(
      "takes the plugin in two lines of the template's config; Payload's CLI makes the import map and a migration of the plugin's tables alone",
      async () => {
        const admin = new pg.Client({ connectionString: process.env.DATABASE_URL })
        await admin.connect()
        await admin.query(`drop database if exists ${database} with (force)`)
        await admin.query(`create database ${database}`)
        await admin.end()

        // What a newer Payload itself changed since the template's migration (3.90 adds a column to
        // users, say), as its user would migrate on upgrading, before the plugin is added.
        const migrationsDir = path.join(app, 'src/migrations')
        // Until a run finds nothing more: in some runs at 3.90 one `migrate:create` of Payload's own
        // changes left some of them (ALTER TABLE "users"…) for the next, which would then land in
        // the plugin's migration. The plugin's migration must start from the upgraded schema.
        for (let attempt = 1; ; attempt++) {
          const before = await readdir(migrationsDir)
          const upgrade = await payloadCLI(['migrate:create', `payload_upgrade_${attempt}`, '--skip-empty'], {
            // A new file shows that it ran even when its log was cut off.
            ran: async ({ code, output }) =>
              code !== 0 || output.trim() !== '' || (await readdir(migrationsDir)).some((file) => !before.includes(file)),
          })
          expect(upgrade.code, upgrade.output).toBe(0)
          const added = (await readdir(migrationsDir)).filter((file) => !before.includes(file) && file.endsWith('.ts'))
          if (!added.length) break
          expect(attempt, `Payload's own changes were still not all migrated after ${attempt} runs`).toBeLessThan(3)
          // Migration files are named by the second: the next one must not share this one's.
          await new Promise((resolve) => setTimeout(resolve, 1100))
        }

        const configPath = path.join(app, 'src/payload.config.ts')
        const config = await readFile(configPath, 'utf8')
        expect(config).toContain('  plugins: [],')
        await writeFile(
          configPath,
          `import { generatedAssetsPlugin } from '${PACKAGE_NAME}'\n${config.replace('  plugins: [],', '  plugins: [generatedAssetsPlugin()],')}`,
        )

        const importMap = await payloadCLI(['generate:importmap'])
        expect(importMap.code, importMap.output).toBe(0)
        expect(await readFile(path.join(app, 'src/app/(payload)/admin/importMap.js'), 'utf8')).toContain(
          `${PACKAGE_NAME}/rsc#GalleryView`,
        )

        const before = await readdir(migrationsDir)
        // Payload picks the newest snapshot by file name, which starts with the second it was made.
        await new Promise((resolve) => setTimeout(resolve, 1100))
        const create = await payloadCLI(['migrate:create', 'generated_assets'], {
          // Its log may be cut off by the CLI's process.exit: a new file also shows that it ran.
          ran: async ({ code, output }) =>
            code !== 0 || output.trim() !== '' || (await readdir(migrationsDir)).some((file) => !before.includes(file)),
        })
        timings.migrateCreate = create.seconds
        expect(create.code, create.output).toBe(0)
        const created = (await readdir(migrationsDir)).filter((file) => !before.includes(file) && file.endsWith('.ts'))
        expect(created).toEqual([expect.stringMatching(/_generated_assets\.ts$/)])
        const migration = await readFile(path.join(migrationsDir, created[0]!), 'utf8')
        const up = migration.slice(migration.indexOf('export async function up'), migration.indexOf('export async function down'))
        expect(up).toContain('CREATE TABLE "generated_assets"')
        expect(up).toContain('CREATE TABLE "generated_asset_posters"')
        expect(up).not.toMatch(/\bDROP\b/)
        expect(up).not.toMatch(/ALTER TABLE "(users|users_sessions|media)"/)
        expect(up).toMatch(/REFERENCES "public"\."users"\("id"\)/)

        const migrate = await payloadCLI(['migrate'])
        timings.migrate = migrate.seconds
        expect(migrate.code, migrate.output).toBe(0)
        // Read from the database: Payload's log lines may be cut off by its CLI's process.exit.
        const client = new pg.Client({ connectionString: env().DATABASE_URL })
        await client.connect()
        const { rows } = await client.query('select name, batch from payload_migrations order by id')
        await client.end()
        const names = (await readdir(migrationsDir)).filter((file) => /^\d.*\.ts$/.test(file)).map((file) => file.slice(0, -3))
        expect(rows.map(({ batch, name }) => ({ batch: Number(batch), name }))).toEqual(
          names.sort().map((name) => ({ batch: 1, name })),
        )
        expect(names).toEqual(expect.arrayContaining([expect.stringMatching(/_initial$/), created[0]!.slice(0, -3)]))
      },
      STEP_TIMEOUT,
    )

    it(
      'type-checks with the packed types',
      async () => {
        const tsc = await run({ args: ['tsc', '--noEmit', '-p', 'tsconfig.json'], command: 'npx', cwd: app })
        timings.tsc = tsc.seconds
        expect(tsc.output).toBe('')
        expect(tsc.code).toBe(0)
      },
      STEP_TIMEOUT,
    )

    it(
      'generates an image with the shipped worker bin, npx payload generated-assets:worker, and stores its file',
      async () => {
        const help = await payloadCLI(['generated-assets:worker', '--help'])
        expect(help.code, help.output).toBe(0)
        expect(help.output).toContain('Usage: npx payload generated-assets:worker')

        const started = Date.now()
        const worker = await startUntil({
          args: ['payload', 'generated-assets:worker', '--concurrency', '2', '--poll-interval', '1'],
          command: 'npx',
          cwd: app,
          env: env(),
          pattern: /generated-assets:worker started \(queue generated-assets/,
          timeout: 60_000,
        })
        try {
          timings.workerStart = Math.round((Date.now() - started) / 100) / 10
          const generated = await payloadCLI(['run', 'generate.ts'])
          timings.generate = generated.seconds
          expect(generated.code, `${generated.output}\nworker:\n${worker.output}`).toBe(0)
          const line = generated.output.split('\n').find((text) => text.startsWith('GENERATED '))
          expect(line, generated.output).toBeDefined()
          const asset = JSON.parse(line!.slice('GENERATED '.length)) as Record<string, any>
          expect(asset.error ?? null, worker.output).toBeNull()
          expect([asset.status, asset.model, asset.width, asset.height]).toEqual(['ready', 'local/image', 320, 240])

          // No storage adapter in the template: the file is on disk under the working directory.
          const file = path.join(app, 'generated-assets', asset.filename)
          expect(existsSync(file), `${file} exists`).toBe(true)
          expect((await stat(file)).size).toBe(asset.filesize)
          const meta = await sharp(file).metadata()
          expect([meta.format, meta.width, meta.height]).toEqual(['png', 320, 240])
        } finally {
          // As a terminal's Ctrl-C or a container stop: the whole group. npx alone would pass the signal
          // to its shell only, and the worker would go on running.
          signalGroup({ pid: worker.child.pid!, signal: 'SIGTERM' })
          await worker.closed
        }
        expect(worker.output).toMatch(/generated-assets:worker stopped/)
      },
      STEP_TIMEOUT,
    )

    // Checked once, at the newest Payload (ours, not Payload's, and slow): CI time.
    it.skipIf(label === 'lowest')(
      'stops cleanly on SIGINT and SIGTERM: exit code 0 once the jobs in hand are done',
      async () => {
        for (const signal of ['SIGINT', 'SIGTERM'] as const) {
          // Payload's bin itself (node_modules/.bin/payload), so that the exit code is the worker's.
          const worker = await startUntil({
            args: ['generated-assets:worker'],
            command: path.join(app, 'node_modules/.bin/payload'),
            cwd: app,
            env: env(),
            pattern: /generated-assets:worker started/,
            timeout: 100_000,
          })
          worker.child.kill(signal)
          const { code } = await worker.closed
          expect(code, worker.output).toBe(0)
          expect(worker.output).toMatch(/generated-assets:worker stopped/)
        }
      },
      STEP_TIMEOUT,
    )

    // Checked once, at the newest Payload (ours, not Payload's, and slow): CI time.
    it.skipIf(label === 'lowest')(
      'payload migrate on a database that a Payload process outside production pushed asks the dev-mode question; No runs nothing',
      async () => {
        // The worker and the script above ran in development mode, so Payload pushed the schema (no change).
        const migrate = await payloadCLI(['migrate'], { input: 'n\n' })
        expect(migrate.code, migrate.output).toBe(0)
        expect(migrate.output).toContain("It looks like you've run Payload in dev mode")
        expect(migrate.output).not.toMatch(/Migrating:/)
      },
      STEP_TIMEOUT,
    )

    // Checked once, at the newest Payload (ours, not Payload's, and slow): CI time.
    it.skipIf(label === 'lowest')(
      'installs again with a plain npm install, the plugin now in package.json',
      async () => {
        const again = await run({ args: ['install'], command: 'npm', cwd: app, timeout: INSTALL_TIMEOUT })
        timings.npmInstallAgain = again.seconds
        expect(again.code, again.output).toBe(0)
      },
      INSTALL_TIMEOUT,
    )

    // pnpm and Yarn (classic) do not refuse conflicting peers as npm does; they are checked once, on the
    // template's own pins, for a clean install of the same package.json and the bin in their layout.
    // Both at once, each in its own copy: an install mostly waits on the registry and the disk.
    for (const manager of label === 'lowest'
      ? [
          { name: 'pnpm', spec: 'pnpm@10' },
          { name: 'yarn', spec: 'yarn@1' },
        ]
      : []) {
      it.concurrent(
        `installs the same package.json with ${manager.name}, whose payload bin finds the worker`,
        async ({ skip }) => {
          const probe = await run({ args: ['--yes', manager.spec, '--version'], command: 'npx', cwd: tmpdir() })
          if (probe.code !== 0) skip(`${manager.spec} is not available here (npx --yes ${manager.spec}: ${probe.output.trim().split('\n').at(-1)})`)
          const copy = path.join(runDirectory, label, manager.name)
          await cp(app, copy, {
            filter: (source) => !/[\\/](node_modules|\.next|generated-assets|media)$|package-lock\.json$/.test(source),
            recursive: true,
          })
          if (manager.name === 'yarn') {
            // The registry of this test machine serves none of the platform builds of cbor-extract
            // 2.2.3 (an optional dependency of @trustnxt/c2pa-ts's cbor-x; the public npm registry
            // has them), and Yarn classic fails on an optional dependency it cannot resolve; npm and
            // pnpm skip it. Pinned to 2.2.2, whose builds it serves, as the demo's own lock does.
            const manifestPath = path.join(copy, 'package.json')
            const manifest = JSON.parse(await readFile(manifestPath, 'utf8')) as Record<string, unknown>
            await writeFile(manifestPath, JSON.stringify({ ...manifest, resolutions: { 'cbor-extract': '2.2.2' } }, null, 2))
          }
          const install = await run({ args: ['--yes', manager.spec, 'install'], command: 'npx', cwd: copy, timeout: INSTALL_TIMEOUT })
          timings[`${manager.name}Install`] = install.seconds
          expect(install.code, install.output).toBe(0)
          // The package it installed is the tarball packed above.
          const installed = JSON.parse(
            await readFile(path.join(copy, 'node_modules', PACKAGE_NAME, 'package.json'), 'utf8'),
          ) as Record<string, unknown>
          const packedManifest = JSON.parse(await readFile(path.join(PLUGIN_PACKAGE, 'package.json'), 'utf8')) as Record<string, unknown>
          expect(installed.dependencies).toEqual(packedManifest.dependencies)
          expect(installed.peerDependencies).toEqual(packedManifest.peerDependencies)
          const help = await runCLI({
            args: [path.join(copy, 'node_modules/payload/bin.js'), 'generated-assets:worker', '--help'],
            command: process.execPath,
            cwd: copy,
            env: env(),
          })
          expect(help.code, help.output).toBe(0)
          // The peers of the plugin and of its dependencies are met: none reported unmet or mismatched.
          const peerLines = install.output.split('\n').filter((text) => text.includes(PACKAGE_NAME) && /peer/i.test(text))
          expect(peerLines, install.output).toEqual([])
          expect(help.output).toContain('Usage: npx payload generated-assets:worker')
        },
        INSTALL_TIMEOUT,
      )
    }
  })
})
