/**
 * Browser-test plumbing: a production build of the demo app served by `next start` against the
 * test database and bucket, and Debian's Chromium driven by playwright-core.
 */
import type { Browser } from 'playwright-core'

import { type ChildProcess, spawn, spawnSync } from 'node:child_process'
import { existsSync, statSync } from 'node:fs'
import { mkdir } from 'node:fs/promises'
import { createServer } from 'node:net'
import path from 'node:path'
import { chromium } from 'playwright-core'

export const ROOT = path.resolve(import.meta.dirname, '../..')
export const ARTIFACTS = path.join(ROOT, 'test-results')

const getFreePort = () =>
  new Promise<number>((resolve, reject) => {
    const server = createServer()
    server.on('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number }
      server.close(() => resolve(port))
    })
  })

/**
 * Builds the app (`next build`; skipped when REUSE_NEXT_BUILD=1 and a build exists) and starts
 * `next start` on a free port. Answers its base URL and a function that stops it.
 *
 * @throws {Error} when the build fails or the server does not answer within 60 s.
 */
export const startNextServer = async (): Promise<{ stop: () => Promise<void>; url: string }> => {
  const env = { ...process.env, NEXT_TELEMETRY_DISABLED: '1' }
  const nextBin = path.join(ROOT, 'node_modules/next/dist/bin/next')
  const buildId = path.join(ROOT, '.next/BUILD_ID')
  // One build per test run (the first browser file's), or an earlier one with REUSE_NEXT_BUILD=1.
  const isBuilt =
    existsSync(buildId) &&
    (process.env.REUSE_NEXT_BUILD === '1' || statSync(buildId).mtimeMs >= Number(process.env.TEST_RUN_STARTED_AT ?? Infinity))
  if (!isBuilt) {
    const build = spawnSync(process.execPath, [nextBin, 'build'], { cwd: ROOT, encoding: 'utf8', env })
    if (build.status !== 0) {
      throw new Error(`next build failed:\n${build.stdout}\n${build.stderr}`)
    }
  }
  const port = await getFreePort()
  const server: ChildProcess = spawn(
    process.execPath,
    [nextBin, 'start', '--port', String(port), '--hostname', '127.0.0.1'],
    {
      cwd: ROOT,
      env: { ...env, NODE_ENV: 'production' },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  )
  let output = ''
  server.stdout?.on('data', (chunk) => (output += chunk))
  server.stderr?.on('data', (chunk) => (output += chunk))
  const url = `http://127.0.0.1:${port}`
  const deadline = Date.now() + 60_000
  for (;;) {
    try {
      const response = await fetch(`${url}/api/users/me`)
      if (response.status < 500) break
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline || server.exitCode !== null) {
      server.kill('SIGKILL')
      throw new Error(`next start did not come up:\n${output}`)
    }
    await new Promise((resolve) => setTimeout(resolve, 250))
  }
  return {
    stop: async () => {
      if (server.exitCode === null) {
        server.kill('SIGTERM')
        await new Promise((resolve) => server.once('exit', resolve))
      }
    },
    url,
  }
}

/** Launches Debian's Chromium headless (a fresh temporary profile), with the flags this machine's closed network needs. */
export const launchChromium = async (): Promise<Browser> => {
  await mkdir(ARTIFACTS, { recursive: true })
  return chromium.launch({
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
  })
}
