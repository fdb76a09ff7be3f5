import type { Payload } from 'payload'

/** Arguments of a lease claim: asset `id` of collection `slug`, held by `owner` for `leaseSeconds` seconds. */
export type ClaimLeaseArgs = {
  id: number | string
  leaseSeconds: number
  owner: string
  payload: Payload
  slug: string
}

/** Arguments of a lease renewal; `leaseSeconds: 0` gives the lease back. */
export type RenewLeaseArgs = ClaimLeaseArgs

/** Arguments of a status read. */
export type ReadStatusArgs = { id: number | string; payload: Payload; slug: string }
