import { createWriteStream } from 'node:fs'
import { mkdtemp, rm, stat } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pipeline } from 'node:stream/promises'

import type { SafeFetchLookup } from './safeFetch.js'

import { safeFetch } from './safeFetch.js'

/** A downloaded file on local disk. */
export type DownloadedFile = {
  /** Removes the file and its temporary directory; safe to call more than once. */
  cleanup: () => Promise<void>
  /** The `Content-Type` the server declared (a claim, not a fact: sniff the bytes). */
  contentType: string | undefined
  /** Absolute path of the file. */
  path: string
  /** Size in bytes. */
  size: number
  /** The URL the bytes came from, after redirects. */
  url: string
}

/**
 * Downloads a URL through {@link safeFetch} into a new temporary file, streaming (the body is never
 * held whole in memory). The file sits alone in a fresh directory, so names never collide; the
 * caller removes it with `cleanup()` once it is stored. On any error the partial file is removed
 * before the error is rethrown.
 *
 * @param url the URL to download.
 * @param maxBytes largest body accepted, in bytes.
 * @param directory where the temporary directory is made. @default os.tmpdir()
 * @param timeoutMs, signal, headers, allowPrivateAddresses, lookup as for {@link safeFetch}.
 *
 * @throws {SafeFetchError} as {@link safeFetch} (`too_large` also when the bytes exceed `maxBytes`
 *   mid-stream), and file system errors unchanged.
 */
export const downloadToFile = async ({
  directory = tmpdir(),
  ...fetchOptions
}: {
  allowPrivateAddresses?: boolean | ReadonlyArray<string>
  directory?: string
  headers?: Record<string, string>
  lookup?: SafeFetchLookup
  maxBytes: number
  signal?: AbortSignal
  timeoutMs?: number
  url: string
}): Promise<DownloadedFile> => {
  const folder = await mkdtemp(join(directory, 'generated-assets-download-'))
  const cleanup = () => rm(folder, { force: true, recursive: true })
  const path = join(folder, 'download')
  try {
    const response = await safeFetch(fetchOptions)
    await pipeline(response.body, createWriteStream(path, { flags: 'wx' }))
    const { size } = await stat(path)
    return { cleanup, contentType: response.headers['content-type'], path, size, url: response.url }
  } catch (error) {
    await cleanup()
    throw error
  }
}
