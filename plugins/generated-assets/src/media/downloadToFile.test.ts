import type { AddressInfo } from 'node:net'

import { existsSync } from 'node:fs'
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises'
import { createServer, type Server } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { downloadToFile } from './downloadToFile.js'
import { SafeFetchError } from './SafeFetchError.js'

const KB = 1024
let server: Server
let base: string
let directory: string

beforeAll(async () => {
  directory = await mkdtemp(join(tmpdir(), 'download-test-'))
  server = createServer((request, response) => {
    if (request.url === '/file') {
      response.writeHead(200, { 'content-type': 'video/mp4' })
      // Streamed in pieces, with no Content-Length.
      for (let index = 0; index < 10; index++) response.write(Buffer.alloc(10 * KB, index))
      response.end()
    } else if (request.url === '/endless') {
      response.writeHead(200)
      const timer = setInterval(() => response.write(Buffer.alloc(16 * KB)), 1)
      response.on('close', () => clearInterval(timer))
    } else {
      response.writeHead(404).end()
    }
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})

afterAll(async () => {
  server.closeAllConnections()
  await new Promise((resolve) => server.close(resolve))
  await rm(directory, { force: true, recursive: true })
})

describe('downloadToFile', () => {
  it('streams a download into a temporary file and removes it on cleanup', async () => {
    const file = await downloadToFile({
      allowPrivateAddresses: true,
      directory,
      maxBytes: 200 * KB,
      url: `${base}/file`,
    })
    expect(file.size).toBe(100 * KB)
    expect(file.contentType).toBe('video/mp4')
    expect(file.path.startsWith(directory)).toBe(true)
    const data = await readFile(file.path)
    expect(data[0]).toBe(0)
    expect(data.at(-1)).toBe(9)
    await file.cleanup()
    await file.cleanup()
    expect(existsSync(file.path)).toBe(false)
    expect(await readdir(directory)).toEqual([])
  })

  it('removes the partial file when the size cap is passed mid-stream', async () => {
    const error = await downloadToFile({
      allowPrivateAddresses: true,
      directory,
      maxBytes: 256 * KB,
      url: `${base}/endless`,
    }).catch((caught: unknown) => caught)
    expect(SafeFetchError.isInstance(error) && error.code).toBe('too_large')
    expect(await readdir(directory)).toEqual([])
  })

  it('leaves nothing behind when the guard refuses the URL', async () => {
    const error = await downloadToFile({ directory, maxBytes: KB, url: `${base}/file` }).catch(
      (caught: unknown) => caught,
    )
    expect(SafeFetchError.isInstance(error) && error.code).toBe('blocked_address')
    expect(await readdir(directory)).toEqual([])
  })

  it('leaves nothing behind on an HTTP error', async () => {
    const error = await downloadToFile({
      allowPrivateAddresses: true,
      directory,
      maxBytes: KB,
      url: `${base}/gone`,
    }).catch((caught: unknown) => caught)
    expect(SafeFetchError.isInstance(error) && error.status).toBe(404)
    expect(await readdir(directory)).toEqual([])
  })
})
