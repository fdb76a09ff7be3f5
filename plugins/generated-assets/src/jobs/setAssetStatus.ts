import type { PayloadRequest } from 'payload'

import type { GeneratedAssetStatus } from '../types.js'

import { renewAssetLease } from './claimAsset.js'

/** Pipeline-owned fields a status step may write besides `status` (read-only to every user). */
export type AssetStatusData = {
  attempts?: number
  error?: null | string
  errorCode?: null | string
  inferenceTime?: null | number
  previewUrl?: null | string
  provider?: null | string
  seed?: null | number
  usage?: unknown
  warnings?: unknown
}

/**
 * Records an intermediate status of an asset (`generating`, `ingesting`) with the pipeline's own
 * fields through the Local API, so the collection's hooks (the host's and the plugin's, which
 * publishes the change to every process) see every state. Kept cheap: `depth: 0`, no versions
 * (the collection has none), the step's own request.
 *
 * With `lease`, the write happens only while `owner` still holds the asset's lease, which it
 * renews for `seconds` first: a worker whose asset was taken over writes nothing. The renewal and
 * the write are two statements; another worker can only take the asset over once the lease has
 * expired (`leaseTimeout`, 30 s by default), far longer than the gap between them.
 *
 * @returns `false` when nothing was written because `lease` is no longer held.
 * @throws database errors (the caller classifies them as storage outages), `NotFound` when the
 *   asset is gone.
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
  lease?: { owner: string; seconds: number }
  req: PayloadRequest
  status: Extract<GeneratedAssetStatus, 'generating' | 'ingesting'>
}): Promise<boolean> => {
  const { payload } = req
  if (lease) {
    const isHeld = await renewAssetLease({
      collectionSlug,
      id,
      leaseSeconds: lease.seconds,
      owner: lease.owner,
      payload,
    })
    if (!isHeld) return false
  }
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
