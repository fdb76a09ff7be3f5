import type { PayloadRequest } from 'payload'

import type { GeneratedAssetStatus } from '../types.js'

import { EVENTS_NOTIFY_CHANNEL } from '../defaults.js'
import { getPostgresPool, getTableName } from '../utilities/getPostgres.js'

/**
 * Pipeline-owned fields a status step may write, and their Postgres columns (the names
 * `@payloadcms/db-postgres` gives these fields). `json` columns are sent as JSON text.
 */
const COLUMNS = {
  attempts: { column: 'attempts' },
  error: { column: 'error' },
  errorCode: { column: 'error_code' },
  inferenceTime: { column: 'inference_time' },
  previewUrl: { column: 'preview_url' },
  provider: { column: 'provider' },
  seed: { column: 'seed' },
  usage: { column: 'usage', json: true },
  warnings: { column: 'warnings', json: true },
} as const

/** What {@link setAssetStatus} may write besides `status`. */
export type AssetStatusData = { [Field in keyof typeof COLUMNS]?: unknown }

/**
 * Records an intermediate status of an asset (`generating`, `ingesting`) with the pipeline's
 * own fields, and publishes the change to every process (DESIGN §3.6).
 *
 * With Postgres this is one statement: an `UPDATE` whose `pg_notify` runs in the same
 * statement, so listeners hear of the change exactly when it commits, with the same event
 * `{ createdBy, id, kind, status }` the collection's `afterChange` hook publishes. It skips the
 * Local API's hooks on purpose: these fields are written only by the pipeline (read-only to
 * every user), and a full `payload.update` costs ten times as much on this hot path. Other
 * databases: `payload.update` (hooks publish the event).
 *
 * @param data only the fields of {@link COLUMNS}; `null` clears a field.
 * @returns `false` when nothing was written: the asset is gone, or `lease` is no longer held.
 * @throws database errors (the caller classifies them as storage outages).
 */
export const setAssetStatus = async ({
  collectionSlug,
  data,
  id,
  lease,
  req,
  status,
}: {
  collectionSlug: string
  data: AssetStatusData
  id: number | string
  /**
   * Write only while `owner` holds the asset's lease (DESIGN §3.4), and renew it for `seconds`:
   * a worker whose asset was taken over writes nothing. Postgres only.
   */
  lease?: { owner: string; seconds: number }
  req: PayloadRequest
  status: Extract<GeneratedAssetStatus, 'generating' | 'ingesting'>
}): Promise<boolean> => {
  const { payload } = req
  const pool = getPostgresPool({ payload })
  if (!pool) {
    await payload.update({
      collection: collectionSlug,
      data: { ...data, status },
      depth: 0,
      id,
      overrideAccess: true,
      req,
      trash: true,
    })
    return true
  }
  const values: unknown[] = [id, status, EVENTS_NOTIFY_CHANNEL]
  const assignments = ['status = $2', 'updated_at = now()']
  let fence = ''
  if (lease) {
    values.push(lease.owner, lease.seconds)
    fence = ` and lease_owner = $${values.length - 1}`
    assignments.push(`lease_expires_at = now() + make_interval(secs => $${values.length})`)
  }
  for (const [field, value] of Object.entries(data)) {
    const spec = COLUMNS[field as keyof typeof COLUMNS]
    if (!spec || value === undefined) continue
    values.push(value === null ? null : 'json' in spec ? JSON.stringify(value) : value)
    assignments.push(`"${spec.column}" = $${values.length}`)
  }
  const table = getTableName({ payload, slug: collectionSlug })
  const result = await pool.query(
    `with updated as (
       update ${table} set ${assignments.join(', ')} where id = $1${fence}
       returning id, status, kind, created_by_id
     )
     select pg_notify($3, json_build_object(
       'createdBy', created_by_id, 'id', id, 'kind', kind, 'status', status
     )::text) from updated`,
    values,
  )
  return (result.rowCount ?? 0) > 0
}
