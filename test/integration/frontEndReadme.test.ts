/**
 * The package README's "Front-end use" section compiles as a site would write it: its ```ts and
 * ```tsx blocks become the files their first-line comment names (`// app/gallery/page.tsx`) in a
 * project under test-results/, next to the demo's generated `payload-types.ts`, and `tsc --strict`
 * checks them against the packed package (`npm pack`, unpacked into the project's node_modules);
 * `@payloadcms/sdk`, `next`, `react` and the plugin's dependencies resolve from the repository's
 * node_modules, as the drop-in test does for Payload. One more file that misuses the package's
 * types must fail, so the package's types are known to be read (not `any`).
 */
import { execFile } from 'node:child_process'
import { randomUUID } from 'node:crypto'
import { copyFile, mkdir, readFile, realpath, rm, writeFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import path from 'node:path'
import { promisify } from 'node:util'
import { afterAll, describe, expect, it } from 'vitest'

import { isSQLite } from '../helpers/database'

const run = promisify(execFile)
const ROOT = path.resolve(import.meta.dirname, '../..')
const PLUGIN_PACKAGE = path.join(ROOT, 'plugins/generated-assets')
const PACKAGE_NAME = 'payload-plugin-generated-assets'
const SECTION = '\n## Front-end use\n'
/** Under the repository, so that packages the project does not hold resolve from its node_modules. */
const project = path.join(ROOT, 'test-results', `front-end-readme-${randomUUID().slice(0, 8)}`)

/** A use of the package's types that must not compile: `toSrcSet` answers a string. */
const CANARY = `import { toSrcSet } from '${PACKAGE_NAME}/sdk'
export const width: number = toSrcSet([])
`

afterAll(async () => {
  await rm(project, { force: true, recursive: true })
})

// Nothing here reads the database: once, on the Postgres run.
describe.skipIf(isSQLite)("the package README's front-end code", () => {
  it('type-checks with tsc --strict against the packed package', async () => {
    const readme = await readFile(path.join(PLUGIN_PACKAGE, 'README.md'), 'utf8')
    const start = readme.indexOf(SECTION)
    expect(start, 'the README has a "## Front-end use" section').toBeGreaterThan(0)
    const next = readme.indexOf('\n## ', start + SECTION.length)
    const section = readme.slice(start, next < 0 ? undefined : next)
    const blocks = [...section.matchAll(/```(tsx?)\n([\s\S]*?)```/g)].map(([, language, code]) => ({
      code: code!,
      file: /^\/\/ ([\w./-]+\.tsx?)\n/.exec(code!)?.[1],
      language: language!,
    }))
    expect(blocks.map((block) => block.file)).toEqual([
      'lib/generatedAssets.ts',
      'app/gallery/page.tsx',
      'app/gallery/GalleryImage.tsx',
    ])

    // The package as npm publishes it (`npm test` has just built dist/; prepack would rebuild it).
    const installed = path.join(project, 'node_modules', PACKAGE_NAME)
    await mkdir(installed, { recursive: true })
    const packed = await run('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', project], {
      cwd: PLUGIN_PACKAGE,
    })
    const [pack] = JSON.parse(packed.stdout.slice(packed.stdout.indexOf('['))) as { filename: string }[]
    await run('tar', ['-xzf', path.join(project, pack!.filename), '-C', installed, '--strip-components=1'])
    const resolved = await realpath(createRequire(path.join(project, 'index.ts')).resolve(`${PACKAGE_NAME}/sdk`))
    expect(resolved).toBe(path.join(installed, 'dist/exports/sdk.js'))

    for (const { code, file } of blocks) {
      await mkdir(path.dirname(path.join(project, file!)), { recursive: true })
      await writeFile(path.join(project, file!), code)
    }
    await copyFile(path.join(ROOT, 'payload-types.ts'), path.join(project, 'payload-types.ts'))
    await writeFile(path.join(project, 'canary.ts'), CANARY)
    // A Next.js app's settings (create-next-app's tsconfig), strict, with the declaration files
    // checked too, so that the package's own .d.ts files are (other packages' errors are ignored below).
    await writeFile(
      path.join(project, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          esModuleInterop: true,
          isolatedModules: true,
          jsx: 'react-jsx',
          lib: ['dom', 'dom.iterable', 'es2022'],
          module: 'esnext',
          moduleResolution: 'bundler',
          noEmit: true,
          skipLibCheck: false,
          strict: true,
          target: 'es2022',
        },
        include: ['**/*.ts', '**/*.tsx'],
        exclude: ['node_modules'],
      }),
    )

    const tsc = await run(process.execPath, [path.join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', project], {
      cwd: project,
    }).then(
      () => ({ code: 0, output: '' }),
      (error: { code: number; stdout: string }) => ({ code: error.code, output: error.stdout }),
    )
    // In the project and the packed package: the canary's error, and nothing else. (Declaration
    // files of the repository's other packages do not all pass on their own: Next's need newer
    // libs, @monaco-editor's an uninstalled package.)
    const outside = `..${path.sep}..${path.sep}node_modules${path.sep}`
    const errors = tsc.output
      .trim()
      .split('\n')
      .filter((line) => /^\S.*error TS\d+/.test(line) && !line.startsWith(outside))
    expect(errors).toEqual([
      expect.stringMatching(/^canary\.ts\(2,14\): error TS2322: Type 'string' is not assignable to type 'number'\.$/),
    ])
    expect(tsc.code).toBe(2)
  }, 120_000)
})
