/**
 * Diagnostics only (BENCH_TRACE=1): wraps a Payload instance's Local API operations, its database
 * adapter's methods and its `pg` pool's `query`, recording each call's start and end
 * (performance.now()), so a benchmark can say where the time between two instants went.
 * Nothing in the plugin is changed; the wrappers sit on this process's objects.
 */
import type { Payload } from 'payload'

import { S3Client } from '@aws-sdk/client-s3'
import sharp from 'sharp'

export type Span = { end: number; error?: string; layer: 'api' | 'db' | 's3' | 'sharp' | 'sql'; name: string; start: number }

const LOCAL_API = ['create', 'update', 'findByID', 'find', 'delete', 'count'] as const

export const instrumentPayload = (
  payload: Payload,
  { onSpan }: { onSpan?: (span: Span) => void } = {},
): { spans: Span[]; wrap: typeof wrap } => {
  const spans: Span[] = []
  const wrap = (target: Record<string, any>, key: string, layer: Span['layer'], describe: (args: any[]) => string) => {
    const original = target[key]
    if (typeof original !== 'function') return
    target[key] = function (this: unknown, ...args: any[]) {
      const start = performance.now()
      const record = (error?: unknown) => {
        const span: Span = { end: performance.now(), layer, name: describe(args), start }
        if (error !== undefined) span.error = error instanceof Error ? `${error.name}: ${error.message}` : String(error)
        spans.push(span)
        onSpan?.(span)
      }
      const result = original.apply(this, args)
      if (result && typeof result.then === 'function') {
        return result.then(
          (value: unknown) => {
            record()
            return value
          },
          (error: unknown) => {
            record(error ?? 'error')
            throw error
          },
        )
      }
      record()
      return result
    }
  }
  const api = payload as unknown as Record<string, any>
  for (const key of LOCAL_API) {
    wrap(api, key, 'api', (args) => `${key}(${args[0]?.collection ?? ''}${args[0]?.file || args[0]?.filePath ? ', file' : ''})`)
  }
  wrap(api.jobs, 'run', 'api', () => 'jobs.run')
  wrap(api.jobs, 'queue', 'api', (args) => `jobs.queue(${args[0]?.task ?? ''})`)
  const db = payload.db as unknown as Record<string, any>
  for (const key of Object.keys(db)) {
    if (['pool', 'drizzle', 'sessions', 'payload', 'tables', 'relations', 'schema'].includes(key)) continue
    if (typeof db[key] !== 'function' || key.startsWith('_')) continue
    if (!/^(create|update|find|delete|count|upsert|query|begin|commit|rollback|queryDrafts)/i.test(key)) continue
    wrap(db, key, 'db', (args) => `db.${key}(${args[0]?.collection ?? args[0]?.global ?? ''})`)
  }
  const pool = db.pool as Record<string, any> | undefined
  if (pool) {
    wrap(pool, 'query', 'sql', (args) => `pool.query ${String(typeof args[0] === 'string' ? args[0] : args[0]?.text).replace(/\s+/g, ' ').slice(0, 60)}`)
  }
  // The storage adapter's S3 calls and sharp's encodes (the image sizes), process-wide.
  wrap(S3Client.prototype as unknown as Record<string, any>, 'send', 's3', (args) => `s3 ${args[0]?.constructor?.name ?? ''}`)
  wrap(sharp.prototype as unknown as Record<string, any>, 'toBuffer', 'sharp', () => 'sharp toBuffer')
  return { spans, wrap }
}

/** Time (ms) each name spent in calls that started within [from, to], per layer, summed; the slowest first. */
export const aggregateSpans = (spans: Span[], from: number, to: number) => {
  const byName = new Map<string, { calls: number; layer: Span['layer']; ms: number }>()
  for (const span of spans) {
    if (span.start < from || span.start > to) continue
    const entry = byName.get(span.name) ?? { calls: 0, layer: span.layer, ms: 0 }
    entry.calls += 1
    entry.ms += span.end - span.start
    byName.set(span.name, entry)
  }
  return [...byName.entries()].map(([name, entry]) => ({ name, ...entry })).sort((a, b) => b.ms - a.ms)
}
