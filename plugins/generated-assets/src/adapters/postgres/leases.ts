import type { ClaimLeaseArgs, ReadStatusArgs, RenewLeaseArgs } from '../leaseTypes.js'

import { getPostgresPool } from '../../utilities/getPostgres.js'
import { getColumns } from '../getColumns.js'

const PATHS = ['leaseExpiresAt', 'leaseOwner', 'status'] as const

/**
 * Postgres: takes an asset's lease with one `UPDATE … WHERE … RETURNING`, atomic under
 * concurrent workers (Postgres re-checks the `WHERE` on the row it locks). Payload's
 * `updateOne({ where })` selects the id first and then updates it, so two workers can both
 * "win" on adapters where the `where` is not part of the `UPDATE` itself.
 */
export const claimLeasePostgres = async ({ id, leaseSeconds, owner, payload, slug }: ClaimLeaseArgs): Promise<boolean> => {
  const pool = getPostgresPool({ payload })!
  const { columns: c, table } = getColumns({ paths: PATHS, payload, slug })
  const result = await pool.query(
    `update ${table} set ${c.leaseOwner} = $2, ${c.leaseExpiresAt} = now() + make_interval(secs => $3)
     where id = $1 and ${c.status} not in ('ready', 'failed')
       and (${c.leaseExpiresAt} is null or ${c.leaseExpiresAt} < now() or ${c.leaseOwner} = $2)
     returning id`,
    [id, owner, leaseSeconds],
  )
  return (result.rowCount ?? 0) > 0
}

/** Postgres: extends (`leaseSeconds` > 0) or gives back (0) a lease `owner` holds; answers whether it held it. */
export const renewLeasePostgres = async ({ id, leaseSeconds, owner, payload, slug }: RenewLeaseArgs): Promise<boolean> => {
  const pool = getPostgresPool({ payload })!
  const { columns: c, table } = getColumns({ paths: PATHS, payload, slug })
  const result = await pool.query(
    leaseSeconds > 0
      ? `update ${table} set ${c.leaseExpiresAt} = now() + make_interval(secs => $3) where id = $1 and ${c.leaseOwner} = $2`
      : `update ${table} set ${c.leaseOwner} = null, ${c.leaseExpiresAt} = null where id = $1 and ${c.leaseOwner} = $2 and $3 = 0`,
    [id, owner, leaseSeconds],
  )
  return (result.rowCount ?? 0) > 0
}

/**
 * Postgres: an asset's status read on a pool connection outside any transaction: `null` when
 * the asset is gone. It tells whether a write the Local API reported done was kept:
 * `@payloadcms/drizzle`'s `commitTransaction` swallows a failed `COMMIT` (open fix:
 * payloadcms/payload#17726), so a database restart while a write commits loses it silently.
 *
 * @throws the `pg` error when the database cannot be reached.
 */
export const readStatusPostgres = async ({ id, payload, slug }: ReadStatusArgs): Promise<null | string> => {
  const pool = getPostgresPool({ payload })!
  const { columns: c, table } = getColumns({ paths: PATHS, payload, slug })
  const result = await pool.query(`select ${c.status} as status from ${table} where id = $1`, [id])
  const row = result.rows[0] as { status: null | string } | undefined
  return row ? row.status : null
}

