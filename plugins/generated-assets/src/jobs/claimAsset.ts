import type { Payload } from 'payload'

import type { ClaimLeaseArgs, RenewLeaseArgs } from '../adapters/leaseTypes.js'

import { getDatabaseKind } from '../adapters/getDatabaseKind.js'
import { claimLeasePostgres, readStatusPostgres, renewLeasePostgres } from '../adapters/postgres/leases.js'
import { claimLeaseSQLite, renewLeaseSQLite } from '../adapters/sqlite/leases.js'

type LeaseArgs = {
  collectionSlug: string
  id: number | string
  /** Seconds the lease lasts without a renewal. */
  leaseSeconds: number
  owner: string
  payload: Payload
}

const toAdapterArgs = ({ collectionSlug, ...rest }: LeaseArgs): ClaimLeaseArgs => ({ ...rest, slug: collectionSlug })

/**
 * The public path of a lease claim: the database adapter's `updateOne` with a `where` that
 * matches only an unfinished asset whose lease is free, expired or already `owner`'s. It is
 * atomic where the adapter applies the `where` in the update itself (`@payloadcms/db-mongodb`'s
 * `findOneAndUpdate`; `@payloadcms/drizzle` from 3.90.1 on, which adds it to the `UPDATE`'s
 * `WHERE`); Postgres and SQLite take their own statement (`adapters/`), atomic on every
 * supported Payload version.
 */
export const claimLeasePublic = async ({ id, leaseSeconds, owner, payload, slug }: ClaimLeaseArgs): Promise<boolean> => {
  const now = new Date()
  const doc = await payload.db.updateOne({
    collection: slug,
    data: { leaseExpiresAt: new Date(now.getTime() + leaseSeconds * 1000).toISOString(), leaseOwner: owner },
    where: {
      and: [
        { id: { equals: id } },
        { status: { not_in: ['ready', 'failed'] } },
        {
          or: [
            { leaseExpiresAt: { exists: false } },
            { leaseExpiresAt: { less_than: now.toISOString() } },
            { leaseOwner: { equals: owner } },
          ],
        },
      ],
    },
  })
  return Boolean(doc)
}

/** The public path of a lease renewal (see {@link claimLeasePublic}). */
export const renewLeasePublic = async ({ id, leaseSeconds, owner, payload, slug }: RenewLeaseArgs): Promise<boolean> => {
  const doc = await payload.db.updateOne({
    collection: slug,
    data:
      leaseSeconds > 0
        ? { leaseExpiresAt: new Date(Date.now() + leaseSeconds * 1000).toISOString() }
        : { leaseExpiresAt: null, leaseOwner: null },
    where: { and: [{ id: { equals: id } }, { leaseOwner: { equals: owner } }] },
  })
  return Boolean(doc)
}

/**
 * Takes an asset's lease for `leaseSeconds`: a crashed worker's asset is taken over once its
 * lease expires, and two workers never run a step of one asset at once. Succeeds only if the
 * asset is not finished and nobody else holds an unexpired lease, atomically (Postgres and
 * SQLite by one conditional `UPDATE` each, other adapters by {@link claimLeasePublic}).
 * Returns `true` when this `owner` now holds the lease.
 */
export const claimAsset = async (args: LeaseArgs): Promise<boolean> => {
  const kind = getDatabaseKind({ payload: args.payload })
  if (kind === 'postgres') return claimLeasePostgres(toAdapterArgs(args))
  if (kind === 'sqlite') return claimLeaseSQLite(toAdapterArgs(args))
  return claimLeasePublic(toAdapterArgs(args))
}

/**
 * Gives an asset's lease back (`leaseSeconds: 0`) or extends it, if `owner` holds it. Answers
 * whether `owner` held it: `false` once another worker has taken the asset over (after the lease
 * expired) or the lease was given back.
 */
export const renewAssetLease = async (args: LeaseArgs): Promise<boolean> => {
  const kind = getDatabaseKind({ payload: args.payload })
  if (kind === 'postgres') return renewLeasePostgres(toAdapterArgs(args))
  if (kind === 'sqlite') return renewLeaseSQLite(toAdapterArgs(args))
  return renewLeasePublic(toAdapterArgs(args))
}

/** Marks a running job as alive (its `updatedAt`), so the worker's reaper does not free it. */
export const touchJob = async ({ id, payload }: { id: number | string; payload: Payload }): Promise<void> => {
  await payload.db.updateOne({
    collection: 'payload-jobs',
    data: { updatedAt: new Date().toISOString() },
    id,
    returning: false,
  })
}

/**
 * Reads an asset's status straight from the database, outside any transaction, to confirm that
 * a write was kept (see `readStatusPostgres`): `null` when the asset is gone, `undefined` on
 * adapters that report a failed commit as an error (every one but Postgres).
 *
 * @throws the database error when the database cannot be reached.
 */
export const readStoredStatus = async ({
  collectionSlug,
  id,
  payload,
}: {
  collectionSlug: string
  id: number | string
  payload: Payload
}): Promise<null | string | undefined> =>
  getDatabaseKind({ payload }) === 'postgres' ? readStatusPostgres({ id, payload, slug: collectionSlug }) : undefined
