import type { ClaimLeaseArgs, RenewLeaseArgs } from '../leaseTypes.js'

import { getColumns } from '../getColumns.js'
import { getSQLiteClient } from './getSQLiteClient.js'

const PATHS = ['leaseExpiresAt', 'leaseOwner', 'status'] as const

/** An expiry as `@payloadcms/db-sqlite` stores dates: ISO 8601 text, which sorts as it compares. */
const toStoredDate = (date: Date) => date.toISOString()

/**
 * SQLite: takes an asset's lease with one `UPDATE … WHERE`. SQLite runs one write at a time per
 * database file, so the check and the write cannot interleave with another process's; Payload's
 * `updateOne({ where })` selects the id first and then updates it, so two workers can both "win"
 * on adapter versions where the `where` is not part of the `UPDATE` itself.
 */
export const claimLeaseSQLite = async ({ id, leaseSeconds, owner, payload, slug }: ClaimLeaseArgs): Promise<boolean> => {
  const { columns: c, table } = getColumns({ paths: PATHS, payload, slug })
  const now = new Date()
  const result = await getSQLiteClient({ payload }).execute({
    args: [owner, toStoredDate(new Date(now.getTime() + leaseSeconds * 1000)), id, toStoredDate(now), owner],
    sql: `update ${table} set ${c.leaseOwner} = ?, ${c.leaseExpiresAt} = ?
      where id = ? and ${c.status} not in ('ready', 'failed')
        and (${c.leaseExpiresAt} is null or ${c.leaseExpiresAt} < ? or ${c.leaseOwner} = ?)`,
  })
  return result.rowsAffected > 0
}

/** SQLite: extends (`leaseSeconds` > 0) or gives back (0) a lease `owner` holds; answers whether it held it. */
export const renewLeaseSQLite = async ({ id, leaseSeconds, owner, payload, slug }: RenewLeaseArgs): Promise<boolean> => {
  const { columns: c, table } = getColumns({ paths: PATHS, payload, slug })
  const result = await getSQLiteClient({ payload }).execute(
    leaseSeconds > 0
      ? {
          args: [toStoredDate(new Date(Date.now() + leaseSeconds * 1000)), id, owner],
          sql: `update ${table} set ${c.leaseExpiresAt} = ? where id = ? and ${c.leaseOwner} = ?`,
        }
      : {
          args: [id, owner],
          sql: `update ${table} set ${c.leaseOwner} = null, ${c.leaseExpiresAt} = null where id = ? and ${c.leaseOwner} = ?`,
        },
  )
  return result.rowsAffected > 0
}
