import type { Payload } from 'payload'

import { getPostgresPool, getTableName } from '../utilities/getPostgres.js'

/**
 * Takes an asset's lease for `leaseSeconds` (DESIGN §3.4: a crashed worker's asset is taken
 * over, never processed twice at once). Atomic with Postgres: one `UPDATE … WHERE` that succeeds
 * only if the asset is not finished and nobody else holds an unexpired lease, so two workers that
 * picked up the same job (Payload's job claim is not atomic) cannot both run it.
 * Returns `true` when this `owner` now holds the lease.
 */
export const claimAsset = async ({
  collectionSlug,
  id,
  leaseSeconds,
  owner,
  payload,
}: {
  collectionSlug: string
  id: number | string
  leaseSeconds: number
  owner: string
  payload: Payload
}): Promise<boolean> => {
  const pool = getPostgresPool({ payload })
  if (pool) {
    const table = getTableName({ payload, slug: collectionSlug })
    const result = await pool.query(
      `update ${table} set lease_owner = $2, lease_expires_at = now() + make_interval(secs => $3)
       where id = $1 and status not in ('ready', 'failed')
         and (lease_expires_at is null or lease_expires_at < now() or lease_owner = $2)
       returning id`,
      [id, owner, leaseSeconds],
    )
    return (result.rowCount ?? 0) > 0
  }
  // Other databases: best effort (not atomic).
  const asset = await payload.findByID({ collection: collectionSlug, depth: 0, id, overrideAccess: true, trash: true })
  const expiresAt = asset.leaseExpiresAt ? new Date(asset.leaseExpiresAt as string).getTime() : 0
  if (asset.status === 'ready' || asset.status === 'failed' || (asset.leaseOwner !== owner && expiresAt > Date.now())) {
    return false
  }
  await payload.update({
    collection: collectionSlug,
    data: { leaseExpiresAt: new Date(Date.now() + leaseSeconds * 1000).toISOString(), leaseOwner: owner },
    id,
    overrideAccess: true,
    trash: true,
  })
  return true
}

/**
 * Gives an asset's lease back (or extends it with `leaseSeconds`), if `owner` holds it. Answers
 * whether `owner` held it: `false` once another worker has taken the asset over (after the lease
 * expired) or the lease was given back. Always `true` without Postgres (leases are best effort there).
 */
export const renewAssetLease = async ({
  collectionSlug,
  id,
  leaseSeconds,
  owner,
  payload,
}: {
  collectionSlug: string
  id: number | string
  leaseSeconds: number
  owner: string
  payload: Payload
}): Promise<boolean> => {
  const pool = getPostgresPool({ payload })
  if (!pool) return true
  const table = getTableName({ payload, slug: collectionSlug })
  const result = await pool.query(
    leaseSeconds > 0
      ? `update ${table} set lease_expires_at = now() + make_interval(secs => $3) where id = $1 and lease_owner = $2`
      : `update ${table} set lease_owner = null, lease_expires_at = null where id = $1 and lease_owner = $2 and $3 = 0`,
    [id, owner, leaseSeconds],
  )
  return (result.rowCount ?? 0) > 0
}

/** Marks a running job as alive (its `updatedAt`), so the worker's reaper does not free it. */
export const touchJob = async ({ id, payload }: { id: number | string; payload: Payload }): Promise<void> => {
  const pool = getPostgresPool({ payload })
  if (!pool) return
  await pool.query(`update ${getTableName({ payload, slug: 'payload-jobs' })} set updated_at = now() where id = $1`, [
    id,
  ])
}

/**
 * Reads an asset's status straight from the database, outside any transaction: `undefined`
 * without Postgres, `null` when the asset is gone.
 *
 * @throws the `pg` error when the database cannot be reached.
 */
export const readStoredStatus = async ({
  collectionSlug,
  id,
  payload,
}: {
  collectionSlug: string
  id: number | string
  payload: Payload
}): Promise<null | string | undefined> => {
  const pool = getPostgresPool({ payload })
  if (!pool) return undefined
  const result = await pool.query(
    `select status from ${getTableName({ payload, slug: collectionSlug })} where id = $1`,
    [id],
  )
  const row = result.rows[0] as { status: null | string } | undefined
  return row ? row.status : null
}
