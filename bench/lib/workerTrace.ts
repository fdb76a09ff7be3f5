/**
 * Diagnostics for a worker process (BENCH_TRACE=1 in bench/workerProcess.ts), printed as lines
 * the benchmark parses:
 * - `trace mem {"t","rss","heapUsed","external","arrayBuffers","download"}` every 50 ms, with the
 *   size of the file the plugin is downloading into (found under the system temporary directory);
 * - `trace span {"t0","t1","layer","name"}` for each Local API, SQL, S3 and multipart-upload call.
 * Times are epoch milliseconds (performance.timeOrigin + performance.now()), comparable across processes.
 *
 * Experiments (not the plugin's behaviour): BENCH_S3_PART_SIZE / BENCH_S3_QUEUE_SIZE override the
 * part size and concurrency @aws-sdk/lib-storage's `Upload` uses for the storage adapter's
 * multipart upload (storage-s3 hard-codes 50 MB × 4); BENCH_S3_STREAM_PUT=1 replaces a file
 * upload's multipart upload with one PutObject streaming the file (ContentLength set).
 */
import type { Payload } from 'payload'

import { PutObjectCommand } from '@aws-sdk/client-s3'
import { Upload } from '@aws-sdk/lib-storage'
import { createReadStream, readdirSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'

import { instrumentPayload } from './instrument'

const epoch = (at: number) => Math.round((performance.timeOrigin + at) * 10) / 10

/** Bytes in the plugin's download files under the temporary directory right now. */
const downloadedBytes = (): number => {
  let total = 0
  try {
    for (const outer of readdirSync(tmpdir())) {
      if (!outer.startsWith('generated-asset-')) continue
      const outerPath = path.join(tmpdir(), outer)
      for (const inner of readdirSync(outerPath)) {
        const file = inner.startsWith('generated-assets-download-') ? path.join(outerPath, inner, 'download') : path.join(outerPath, inner)
        try {
          const info = statSync(file)
          if (info.isFile()) total += info.size
        } catch {
          // Gone between listing and stat.
        }
      }
    }
  } catch {
    // Nothing yet.
  }
  return total
}

export const installWorkerTrace = (payload: Payload): void => {
  const { wrap } = instrumentPayload(payload, {
    onSpan: (span) => {
      if (span.layer === 'db' || span.layer === 'sharp') return
      console.log(`trace span ${JSON.stringify({ error: span.error, layer: span.layer, name: span.name, t0: epoch(span.start), t1: epoch(span.end) })}`)
    },
  })
  const prototype = Upload.prototype as unknown as Record<string, any>
  if (process.env.BENCH_S3_STREAM_PUT === '1') {
    prototype.done = function (this: { client: { send: (command: unknown) => Promise<unknown> }; params: Record<string, any> }) {
      const body = this.params.Body as { path?: string }
      if (typeof body?.path !== 'string') throw new Error('BENCH_S3_STREAM_PUT: only file streams are handled')
      const { size } = statSync(body.path)
      ;(body as unknown as { destroy: () => void }).destroy()
      return this.client.send(
        new PutObjectCommand({ ...this.params, Body: createReadStream(body.path), ContentLength: size } as never),
      )
    }
  }
  wrap(prototype, 'done', 's3', () => 'lib-storage Upload.done')
  const partSize = Number(process.env.BENCH_S3_PART_SIZE || 0)
  const queueSize = Number(process.env.BENCH_S3_QUEUE_SIZE || 0)
  if (partSize || queueSize) {
    const original = prototype.__doMultipartUpload
    prototype.__doMultipartUpload = function (
      this: { expectedPartsCount?: number; partSize: number; queueSize: number; totalBytes?: number },
      ...args: unknown[]
    ) {
      if (partSize) {
        this.partSize = partSize
        // Upload checks the part count against the one its constructor computed from the part size.
        if (this.totalBytes !== undefined) this.expectedPartsCount = Math.ceil(this.totalBytes / partSize)
      }
      if (queueSize) this.queueSize = queueSize
      return original.apply(this, args)
    }
  }
  setInterval(() => {
    const usage = process.memoryUsage()
    console.log(
      `trace mem ${JSON.stringify({
        arrayBuffers: usage.arrayBuffers,
        download: downloadedBytes(),
        external: usage.external,
        heapUsed: usage.heapUsed,
        rss: usage.rss,
        t: epoch(performance.now()),
      })}`,
    )
  }, 50).unref()
}
