/**
 * The drop-in proof. The plugin is packed with `npm pack` and installed from the
 * tarball, the way a user installs it, into a copy of an existing Payload project
 * (test/fixtures/existing-app: its own auth collection `editors`, posts, media on storage-s3,
 * a custom endpoint and GraphQL query, its own migration and data) that adds the plugin in at
 * most three lines. In the project's own database and bucket: `payload migrate:create` makes a
 * migration of the plugin's tables alone, the project's rows and files stay byte for byte, the
 * project's separate worker process generates with `local/image`, the asset is shared and read
 * through GraphQL. With `disabled: true` the schema is the same (`migrate:create` finds nothing)
 * while the endpoints, the generation and the admin view are gone.
 *
 * The copy lives under test-results/ so that Payload, Next and React resolve from the
 * repository's node_modules, and only the plugin from the copy's own node_modules.
 */
import type { SanitizedConfig } from 'payload'

import { CreateBucketCommand, GetObjectCommand, ListObjectsV2Command } from '@aws-sdk/client-s3'
import { spawn } from 'node:child_process'
import { createHash, randomUUID } from 'node:crypto'
import { cp, mkdir, readdir, readFile, realpath, rm, writeFile } from 'node:fs/promises'
import { builtinModules, createRequire } from 'node:module'
import path from 'node:path'
import pg from 'pg'
import sharp from 'sharp'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { type App, getApp, ORIGIN } from '../helpers/app'
import { isSQLite } from '../helpers/database'
import { createTestS3Client } from '../helpers/s3'

const ROOT = path.resolve(import.meta.dirname, '../..')
const FIXTURE = path.join(ROOT, 'test/fixtures/existing-app')
const PLUGIN_PACKAGE = path.join(ROOT, 'plugins/generated-assets')
const PACKAGE_NAME = 'payload-plugin-generated-assets'
/** Marks the lines of the fixture's config that add the plugin. */
const PLUGIN_LINE_MARKER = '// + generated-assets'
const DATABASE = 'existing_app'
const BUCKET = 'existing-app'
/** Milliseconds a step that starts processes (tsc, Payload's CLI, a worker) may take on a busy machine. */
const SLOW_STEP_TIMEOUT = 240_000
const EDITOR = { email: 'ada@existing.example', password: 'existing app password' }

/** The project's own tables, with the column that ties each row to a seeded document. */
const HOST_TABLES = [
  { column: 'id', owner: 'editors', table: 'editors' },
  { column: 'parent_id', owner: 'editors', table: 'editors_roles' },
  { column: '_parent_id', owner: 'editors', table: 'editors_sessions' },
  { column: 'id', owner: 'posts', table: 'posts' },
  { column: 'parent_id', owner: 'posts', table: 'posts_tags' },
  { column: 'id', owner: 'media', table: 'media' },
] as const

const runDirectory = path.join(ROOT, 'test-results', `drop-in-${randomUUID().slice(0, 8)}`)
/** The copy of the fixture the tarball is installed into. */
const work = path.join(runDirectory, 'existing-app')
const databaseURI = Object.assign(new URL(process.env.DATABASE_URL!), { pathname: `/${DATABASE}` }).toString()
const fixtureEnv = { DATABASE_URI: databaseURI, S3_BUCKET: BUCKET }
const originalEnv = { DATABASE_URI: process.env.DATABASE_URI, S3_BUCKET: process.env.S3_BUCKET }

const s3 = createTestS3Client()
const getObject = async (Key: string) => {
  const object = await s3.send(new GetObjectCommand({ Bucket: BUCKET, Key }))
  return Buffer.from(await object.Body!.transformToByteArray())
}
const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex')

/** Runs a command to its end; answers its exit code and everything it printed. */
const run = (
  command: string,
  args: string[],
  { cwd = work, env = {} }: { cwd?: string; env?: Record<string, string> } = {},
) =>
  new Promise<{ code: null | number; output: string }>((resolve, reject) => {
    const child = spawn(command, args, { cwd, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] })
    let output = ''
    child.stdout.on('data', (chunk) => (output += chunk))
    child.stderr.on('data', (chunk) => (output += chunk))
    child.on('error', reject)
    child.on('close', (code) => resolve({ code, output }))
  })

/** Runs Payload's CLI (`npx payload …`) in the project, with its config or `configFile`. */
const payloadCLI = async (args: string[], { configFile = 'payload.config.ts' } = {}) => {
  const result = await run(process.execPath, [path.join(ROOT, 'node_modules/payload/bin.js'), ...args], {
    env: { ...fixtureEnv, PAYLOAD_CONFIG_PATH: path.join(work, configFile) },
  })
  if (result.code !== 0) throw new Error(`payload ${args.join(' ')} exited with ${result.code}:\n${result.output}`)
  return result.output
}

/**
 * Payload keeps one instance per process (and its GraphQL route one schema) for hot reloading;
 * this file opens three configs of the project one after another.
 */
const forgetCachedPayload = () => {
  const cache = globalThis as {
    _payload?: Map<string, unknown>
    _payload_graphql?: { graphql: unknown; promise: unknown }
  }
  cache._payload?.delete('default')
  if (cache._payload_graphql) Object.assign(cache._payload_graphql, { graphql: null, promise: null })
}

/** The project through Payload's real route handlers, with one of its configs in the copy. */
const openApp = async (configFile: string): Promise<App> => {
  forgetCachedPayload()
  const { default: configPromise } = (await import(path.join(work, configFile))) as {
    default: Promise<SanitizedConfig>
  }
  return getApp({ configPromise })
}

/**
 * The project's Local API, loosely typed: this file is type-checked with the demo app's generated
 * types (payload-types.ts), which do not know the project's collections.
 */
const localAPI = (app: App) =>
  app.payload as unknown as {
    create: (args: Record<string, unknown>) => Promise<any>
    findByID: (args: Record<string, unknown>) => Promise<any>
  }

const login = async (app: App, { email, password }: { email: string; password: string }) => {
  const response = await app.request('POST', 'editors/login', { body: { email, password } })
  expect(response.status).toBe(200)
  return ((await response.json()) as { token: string }).token
}

let seeded: Record<'editors' | 'media' | 'posts', (number | string)[]>

/** The project's seeded rows (every column), its tables' columns, indexes and constraints. */
const snapshotHostDatabase = async () => {
  const client = new pg.Client({ connectionString: databaseURI })
  await client.connect()
  try {
    const tables = HOST_TABLES.map(({ table }) => table)
    const rows: Record<string, unknown[]> = {}
    for (const { column, owner, table } of HOST_TABLES) {
      rows[table] = (
        await client.query(`select * from "${table}" where "${column}" = any($1) order by "${column}", id`, [
          seeded[owner],
        ])
      ).rows
    }
    const columns = await client.query(
      `select table_name, column_name, data_type, is_nullable, column_default from information_schema.columns
       where table_schema = 'public' and table_name = any($1) order by table_name, ordinal_position`,
      [tables],
    )
    const indexes = await client.query(
      `select tablename, indexname, indexdef from pg_indexes where schemaname = 'public' and tablename = any($1)
       order by tablename, indexname`,
      [tables],
    )
    const constraints = await client.query(
      `select conrelid::regclass::text as "table", conname, pg_get_constraintdef(oid) as definition from pg_constraint
       where conrelid::regclass::text = any($1) order by 1, 2`,
      [tables],
    )
    return { columns: columns.rows, constraints: constraints.rows, indexes: indexes.rows, rows }
  } finally {
    await client.end()
  }
}

/** SHA-256 of every object in the project's bucket whose key is in `keys` (all when omitted). */
const snapshotBucket = async (keys?: string[]) => {
  const listed = await s3.send(new ListObjectsV2Command({ Bucket: BUCKET }))
  const snapshot: Record<string, string> = {}
  for (const { Key } of listed.Contents ?? []) {
    if (!keys || keys.includes(Key!)) snapshot[Key!] = sha256(await getObject(Key!))
  }
  return snapshot
}

/** What an anonymous visitor of the project's API reads of its posts (with their media). */
const readPosts = async (app: App) => {
  const response = await app.request('GET', 'posts?depth=1&sort=id&limit=100')
  expect(response.status).toBe(200)
  return response.json()
}

/** Every admin component path of a config (collections and root), as written in the config. */
const adminComponentPaths = (config: SanitizedConfig): string[] => {
  const json = JSON.stringify([
    config.admin?.components,
    ...config.collections.map((collection) => collection.admin?.components),
  ])
  return [...json.matchAll(/"(payload-plugin-generated-assets[^"#]*#[^"]+)"/g)].map((match) => match[1]!)
}

let tarball: { files: string[]; filename: string }
let before: {
  bucket: Record<string, string>
  database: Awaited<ReturnType<typeof snapshotHostDatabase>>
  posts: unknown
}
let enabledComponentPaths: string[]
let asset: { filename: string; id: number | string; prompt: string; shareUrl: string }
/** The editor who generated `asset` (a new one: logging in would add a session to a seeded editor). */
let author: { email: string; password: string }

beforeAll(async () => {
  // 1. Pack the plugin like `npm publish` would, and install the tarball into a copy of the project.
  await mkdir(runDirectory, { recursive: true })
  // `npm test` has just built dist/ (the package's prepack would rebuild it under the running tests).
  const packed = await run('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', runDirectory], {
    cwd: PLUGIN_PACKAGE,
  })
  expect(packed.code, packed.output).toBe(0)
  const [pack] = JSON.parse(packed.output.slice(packed.output.indexOf('['))) as {
    filename: string
    files: { path: string }[]
  }[]
  tarball = { filename: path.join(runDirectory, pack!.filename), files: pack!.files.map((file) => file.path) }
  await cp(FIXTURE, work, { filter: (source) => !source.includes(`${path.sep}node_modules`), recursive: true })
  const config = await readFile(path.join(work, 'payload.config.ts'), 'utf8')
  // The project as it was before the plugin: its config without the marked lines.
  const withoutPlugin = config
    .split('\n')
    .filter((line) => !line.includes(PLUGIN_LINE_MARKER))
    .join('\n')
  await writeFile(path.join(work, 'before.config.ts'), withoutPlugin)
  await writeFile(
    path.join(work, 'disabled.config.ts'),
    config.replace('generatedAssetsPlugin()', 'generatedAssetsPlugin({ disabled: true })'),
  )
  // Payload, Next and React come from the repository, as peers; everything else from the tarball.
  // The project pins the peers at the repository's versions (as a project's own package.json
  // does), so npm checks the plugin's peer ranges against them and refuses a conflict (ERESOLVE)
  // as it would for a user; `--omit=peer` leaves them out of this copy's node_modules.
  const pluginManifest = JSON.parse(await readFile(path.join(PLUGIN_PACKAGE, 'package.json'), 'utf8')) as {
    peerDependencies: Record<string, string>
  }
  const hostManifest = JSON.parse(await readFile(path.join(work, 'package.json'), 'utf8')) as Record<string, unknown>
  const pins: Record<string, string> = {}
  for (const name of Object.keys(pluginManifest.peerDependencies)) {
    pins[name] = JSON.parse(await readFile(path.join(ROOT, 'node_modules', name, 'package.json'), 'utf8')).version
  }
  await writeFile(path.join(work, 'package.json'), JSON.stringify({ ...hostManifest, overrides: pins }, null, 2))
  const installed = await run('npm', [
    'install',
    tarball.filename,
    '--no-save',
    '--omit=peer',
    '--ignore-scripts',
    '--prefer-offline',
    '--no-audit',
    '--no-fund',
  ])
  expect(installed.code, installed.output).toBe(0)

  // 2. The project's own database and bucket, next to the demo app's, with its migration and data.
  const admin = new pg.Client({ connectionString: process.env.DATABASE_URL })
  await admin.connect()
  await admin.query(`drop database if exists ${DATABASE}`)
  await admin.query(`create database ${DATABASE}`)
  await admin.end()
  await s3.send(new CreateBucketCommand({ Bucket: BUCKET }))
  Object.assign(process.env, fixtureEnv)

  const app = await openApp('before.config.ts')
  try {
    const { migrations } = await import(path.join(work, 'migrations/index.ts'))
    await app.payload.db.migrate({ migrations })
    const editor = await localAPI(app).create({
      collection: 'editors',
      data: { ...EDITOR, name: 'Ada', roles: ['admin'] },
    })
    const image = await sharp({ create: { background: '#c0392b', channels: 3, height: 300, width: 400 } })
      .png()
      .toBuffer()
    const media = await localAPI(app).create({
      collection: 'media',
      data: { alt: 'A red cover' },
      file: { data: image, mimetype: 'image/png', name: 'cover.png', size: image.length },
    })
    const posts = []
    for (const [index, title] of ['Hello, world', 'Release notes'].entries()) {
      posts.push(
        await localAPI(app).create({
          collection: 'posts',
          data: {
            author: editor.id,
            content: `Post ${index + 1} of the existing project.`,
            heroImage: media.id,
            publishedAt: index === 0 ? '2024-05-01T10:00:00.000Z' : undefined,
            slug: title.toLowerCase().replace(/\W+/g, '-'),
            tags: index === 0 ? ['news'] : ['releases', 'guides'],
            title,
          },
        }),
      )
    }
    seeded = { editors: [editor.id], media: [media.id], posts: posts.map((post) => post.id) }
    before = { bucket: await snapshotBucket(), database: await snapshotHostDatabase(), posts: await readPosts(app) }
  } finally {
    await app.close()
  }
})

afterAll(async () => {
  Object.assign(process.env, originalEnv)
  for (const [key, value] of Object.entries(originalEnv)) if (value === undefined) delete process.env[key]
  await rm(runDirectory, { force: true, recursive: true })
})

// Postgres only: the existing project (test/fixtures/existing-app) is a Postgres project, in a database of its own.
describe.skipIf(isSQLite)('drop-in: the packed plugin in an existing Payload project', () => {
  it('packs with types and exports for ".", "./client", "./rsc" and "./sdk", every import declared', async () => {
    const manifest = JSON.parse(
      await readFile(path.join(work, 'node_modules', PACKAGE_NAME, 'package.json'), 'utf8'),
    ) as {
      dependencies?: Record<string, string>
      exports: Record<string, { import: string; types: string }>
      peerDependencies?: Record<string, string>
      types: string
    }
    expect(Object.keys(manifest.exports).sort()).toEqual(['.', './client', './rsc', './sdk'])
    const packedFiles = new Set(tarball.files)
    for (const target of [
      manifest.types,
      ...Object.values(manifest.exports).flatMap((entry) => [entry.types, entry.import]),
    ]) {
      expect(packedFiles, `${target} is in the tarball`).toContain(target.replace(/^\.\//, ''))
    }
    expect(tarball.files.filter((file) => /(^|\/)(src|test)\/|\.test\./.test(file))).toEqual([])

    // The project resolves the package (and its entries) to the installed tarball, not the workspace.
    const resolveFromProject = createRequire(path.join(work, 'payload.config.ts')).resolve
    for (const entry of ['', '/client', '/rsc', '/sdk']) {
      const resolved = await realpath(resolveFromProject(`${PACKAGE_NAME}${entry}`))
      expect(resolved.startsWith(path.join(work, 'node_modules', PACKAGE_NAME) + path.sep)).toBe(true)
    }

    // Every package the built code imports is a dependency or a peer: nothing works only by hoisting.
    const declared = new Set([
      ...Object.keys(manifest.dependencies ?? {}),
      ...Object.keys(manifest.peerDependencies ?? {}),
    ])
    const builtins = new Set(builtinModules)
    const undeclared = new Set<string>()
    for (const file of tarball.files.filter((name) => name.endsWith('.js'))) {
      const code = await readFile(path.join(work, 'node_modules', PACKAGE_NAME, file), 'utf8')
      const specifiers = code.matchAll(
        /^\s*(?:import|export)\b[^;'"]*?\bfrom\s*['"]([^'"\n]+)['"]|^\s*import\s*['"]([^'"\n]+)['"]|\bimport\(\s*['"]([^'"\n]+)['"]|\brequire(?:\.resolve)?\(\s*['"]([^'"\n]+)['"]/gm,
      )
      for (const match of specifiers) {
        const specifier = match.slice(1).find(Boolean)
        if (!specifier || specifier.startsWith('.') || specifier.startsWith('node:') || builtins.has(specifier))
          continue
        const name = specifier
          .split('/')
          .slice(0, specifier.startsWith('@') ? 2 : 1)
          .join('/')
        if (!declared.has(name)) undeclared.add(`${name} (${file})`)
      }
    }
    expect([...undeclared]).toEqual([])
  })

  it('is added to the project in at most three lines', async () => {
    const config = await readFile(path.join(FIXTURE, 'payload.config.ts'), 'utf8')
    const pluginLines = config.split('\n').filter((line) => line.includes(PLUGIN_LINE_MARKER))
    expect(pluginLines.length).toBeGreaterThan(0)
    expect(pluginLines.length).toBeLessThanOrEqual(3)
    expect(await readFile(path.join(work, 'before.config.ts'), 'utf8')).not.toMatch(
      /generatedAssetsPlugin|'generated-asset/,
    )
  })

  it(
    "type-checks, and so do the package README's recipes, against the packed types",
    async () => {
      const readme = await readFile(path.join(ROOT, 'plugins/generated-assets/README.md'), 'utf8')
      const recipes = readme.slice(
        readme.indexOf('\n## Recipes'),
        readme.indexOf('\n## ', readme.indexOf('\n## Recipes') + 1),
      )
      const blocks = [...recipes.matchAll(/```ts\n([\s\S]*?)```/g)].map((match) => match[1]!)
      expect(blocks.length).toBeGreaterThanOrEqual(5)
      for (const [index, block] of blocks.entries()) {
        await writeFile(path.join(work, `recipe-${index + 1}.ts`), block)
      }
      // The worker recipe is the project's worker.ts, which the generation below runs.
      const worker = await readFile(path.join(FIXTURE, 'worker.ts'), 'utf8')
      expect(blocks).toContain(worker.slice(worker.indexOf('*/\n') + 3))

      const { code, output } = await run(process.execPath, [
        path.join(ROOT, 'node_modules/typescript/bin/tsc'),
        '--noEmit',
        '-p',
        path.join(work, 'tsconfig.json'),
      ])
      expect(output).toBe('')
      expect(code).toBe(0)
    },
    SLOW_STEP_TIMEOUT,
  )

  it(
    "migrate:create makes a migration of the plugin's tables alone; migrate leaves the project's data as it was",
    async () => {
      const migrationsBefore = await readdir(path.join(work, 'migrations'))
      await payloadCLI(['migrate:create', 'generated_assets'])
      const created = (await readdir(path.join(work, 'migrations'))).filter(
        (file) => !migrationsBefore.includes(file) && file.endsWith('.ts'),
      )
      expect(created).toEqual([expect.stringMatching(/_generated_assets\.ts$/)])
      const migration = await readFile(path.join(work, 'migrations', created[0]!), 'utf8')
      const up = migration.slice(
        migration.indexOf('export async function up'),
        migration.indexOf('export async function down'),
      )
      expect(up).toContain('CREATE TABLE "generated_assets"')
      expect(up).toContain('CREATE TABLE "generated_asset_posters"')
      expect(up).not.toMatch(/\bDROP\b/)
      expect(up).not.toMatch(/ALTER TABLE "(editors|editors_roles|editors_sessions|posts|posts_tags|media)"/)
      expect(up).toMatch(/REFERENCES "public"\."editors"\("id"\)/)

      await payloadCLI(['migrate'])
      expect(await snapshotHostDatabase()).toEqual(before.database)
    },
    SLOW_STEP_TIMEOUT,
  )

  it(
    'generates with local/image in a separate worker process, shares it, and answers GraphQL',
    async () => {
      const app = await openApp('payload.config.ts')
      enabledComponentPaths = adminComponentPaths(app.config)
      // `npx payload run worker.ts`, as the package README's worker recipe says.
      const worker = spawn(process.execPath, [path.join(ROOT, 'node_modules/payload/bin.js'), 'run', 'worker.ts'], {
        cwd: work,
        env: { ...process.env, ...fixtureEnv, PAYLOAD_CONFIG_PATH: path.join(work, 'payload.config.ts') },
        stdio: ['ignore', 'pipe', 'pipe'],
      })
      let workerOutput = ''
      worker.stdout.on('data', (chunk) => (workerOutput += chunk))
      worker.stderr.on('data', (chunk) => (workerOutput += chunk))
      const workerExited = new Promise((resolve) => worker.once('exit', resolve))
      try {
        author = { email: `editor-${randomUUID()}@existing.example`, password: 'another password' }
        const editor = await localAPI(app).create({ collection: 'editors', data: author })
        const token = await login(app, author)

        const prompt = 'a lighthouse on a cliff at dusk'
        const generated = await app.request('POST', 'generated-assets/generate', {
          body: { params: { seed: 7, size: '320x240' }, prompt },
          token,
        })
        expect(generated.status).toBe(202)
        const { id } = (await generated.json()) as { id: number | string }
        const done = await app
          .waitForAsset(id, (doc) => doc.status === 'ready' || doc.status === 'failed', 90_000)
          .catch((error: Error) => Promise.reject(new Error(`${error.message}\nworker output:\n${workerOutput}`)))
        expect(done.error ?? null).toBeNull()
        expect(done.status).toBe('ready')
        expect(done.model).toBe('local/image')

        // Through the project's REST API: created by the project's own auth collection, stored in its bucket.
        const read = await app.request('GET', `generated-assets/${id}?depth=1`, { token })
        expect(read.status).toBe(200)
        const doc = await read.json()
        expect(doc.createdBy.email).toBe(editor.email)
        expect([doc.width, doc.height]).toEqual([320, 240])
        expect(doc.imageUrl).toMatch(new RegExp(`^${ORIGIN}/api/generated-assets/file/`))
        expect(doc.storageMode).toBe('s3')
        // In the plugin's own folder of the project's bucket, away from its media at the root, with
        // no prefix given to s3Storage.
        expect(doc.storageKey).toBe(`generated-assets/${doc.filename}`)
        const stored = await getObject(doc.storageKey)
        const meta = await sharp(stored).metadata()
        expect([meta.format, meta.width, meta.height]).toEqual(['png', 320, 240])

        // Shared: a public page with Open Graph tags, and the stored file, for anyone.
        const shared = await app.request('POST', `generated-assets/${id}/share`, { token })
        expect(shared.status).toBe(200)
        const { shareUrl } = (await shared.json()) as { shareUrl: string }
        expect(shareUrl).toMatch(new RegExp(`^${ORIGIN}/api/generated-assets/share/[\\w-]+$`))
        const sharePath = new URL(shareUrl).pathname.replace(/^\/api\//, '')
        const page = await app.request('GET', sharePath)
        expect(page.status).toBe(200)
        expect(page.headers.get('content-type')).toMatch(/^text\/html/)
        const html = await page.text()
        expect(html).toContain(`<meta property="og:image" content="${shareUrl}/file">`)
        expect(html).toContain(prompt)
        const file = await app.request('GET', `${sharePath}/file`)
        expect(file.status).toBe(200)
        expect(Buffer.from(await file.arrayBuffer()).equals(stored)).toBe(true)

        // GraphQL: the collection with its URL fields, the plugin's query, and the project's own query.
        const { data, errors } = await app.graphql(
          `query {
          GeneratedAssets(where: { status: { equals: ready } }) { docs { id prompt imageUrl shareUrl createdBy { email } } }
          generatedAssetsGallery(limit: 10) { items { id prompt } nextCursor }
          publishedPostCount
        }`,
          { token },
        )
        expect(errors).toBeUndefined()
        expect(data.GeneratedAssets.docs).toEqual([
          { createdBy: { email: editor.email }, id, imageUrl: doc.imageUrl, prompt, shareUrl },
        ])
        expect(data.generatedAssetsGallery).toEqual({ items: [{ id, prompt }], nextCursor: null })
        expect(data.publishedPostCount).toBe(1)

        // The project's own endpoint and posts answer as before.
        expect(await (await app.request('GET', 'health')).json()).toEqual({ status: 'ok' })
        expect(await readPosts(app)).toEqual(before.posts)
        asset = { filename: doc.filename, id, prompt, shareUrl }
      } finally {
        worker.kill('SIGTERM')
        await workerExited
        await app.close()
      }
    },
    SLOW_STEP_TIMEOUT,
  )

  it(
    'with disabled: true, migrate:create finds no schema change',
    async () => {
      const migrationsBefore = await readdir(path.join(work, 'migrations'))
      await payloadCLI(['migrate:create', 'disabled', '--skip-empty'], { configFile: 'disabled.config.ts' })
      expect(await readdir(path.join(work, 'migrations'))).toEqual(migrationsBefore)
    },
    SLOW_STEP_TIMEOUT,
  )

  it('with disabled: true, the endpoints answer 404, nothing generates, the admin view is gone, the data stays', async () => {
    expect(asset, 'the enabled flow ran first').toBeDefined()
    const app = await openApp('disabled.config.ts')
    try {
      const token = await login(app, author)
      const sharePath = new URL(asset.shareUrl).pathname.replace(/^\/api\//, '')
      for (const [method, route] of [
        ['POST', 'generated-assets/generate'],
        ['GET', 'generated-assets/gallery'],
        ['POST', 'generated-assets/bulk'],
        ['GET', 'generated-assets/download-zip?ids=1'],
        ['POST', 'generated-assets/ingest'],
        ['GET', 'generated-assets/events'],
        ['POST', `generated-assets/${asset.id}/retry`],
        ['POST', `generated-assets/${asset.id}/share`],
        ['GET', sharePath],
        ['GET', `${sharePath}/file`],
      ] as const) {
        const response = await app.request(method, route, {
          body: method === 'POST' ? { prompt: 'x' } : undefined,
          token,
        })
        expect(`${method} ${route} → ${response.status}`).toBe(`${method} ${route} → 404`)
      }

      // The admin gallery was there with the plugin on, and is not now.
      expect(enabledComponentPaths).toContain(`${PACKAGE_NAME}/rsc#GalleryView`)
      expect(adminComponentPaths(app.config)).toEqual([])

      // The task keeps its slug only for the schema: a job that runs anyway generates nothing.
      const queued = await localAPI(app).create({
        collection: 'generated-assets',
        data: { model: 'local/image', prompt: 'never generated', status: 'queued' },
        overrideAccess: true,
      })
      const job = await app.payload.jobs.queue({
        input: { assetId: String(queued.id) },
        queue: 'generated-assets',
        task: 'generateAsset',
      })
      await app.payload.jobs.runByID({ id: job.id, silent: true })
      const after = await localAPI(app).findByID({
        collection: 'generated-assets',
        id: queued.id,
        overrideAccess: true,
      })
      expect([after.status, after.filename ?? null]).toEqual(['queued', null])
      const ranJob = await localAPI(app).findByID({ collection: 'payload-jobs', id: job.id, overrideAccess: true })
      expect(ranJob.hasError).toBe(true)
      expect(JSON.stringify(ranJob.error)).toContain('is disabled')

      // GraphQL without the plugin's query, with the project's own.
      const { data, errors } = await app.graphql('query { generatedAssetsGallery { nextCursor } }', { token })
      expect(data).toBeUndefined()
      expect(errors?.[0]?.message).toMatch(/Cannot query field "generatedAssetsGallery"/)
      expect((await app.graphql('query { publishedPostCount }')).data).toEqual({ publishedPostCount: 1 })

      // What was generated stays, readable by its creator through Payload's own API.
      const kept = await app.request('GET', `generated-assets/${asset.id}`, { token })
      expect(kept.status).toBe(200)
      const stored = await kept.json()
      expect([stored.status, stored.filename, stored.prompt]).toEqual(['ready', asset.filename, asset.prompt])
      expect(await readPosts(app)).toEqual(before.posts)
    } finally {
      await app.close()
    }
  })

  it("leaves the project's rows, schema and files byte for byte as they were", async () => {
    expect(await snapshotHostDatabase()).toEqual(before.database)
    expect(await snapshotBucket(Object.keys(before.bucket))).toEqual(before.bucket)
    expect(Object.keys(before.bucket).length).toBeGreaterThanOrEqual(2) // the media file and its thumbnail
  })
})
