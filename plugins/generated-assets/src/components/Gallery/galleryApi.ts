import type { GeneratedAssetsT } from '../../translations/types.js'
import type { GalleryAsset } from '../types.js'

/** A page of the gallery endpoint. `totalDocs` only when it was asked for (`count`). */
export type GalleryPageResponse = { items: GalleryAsset[]; nextCursor: null | string; totalDocs?: number }

/** What the bulk endpoint did: how many assets matched, how many changed, which failed and why. */
export type BulkResult = { changed: number; failed: { id: number | string; message: string }[]; matched: number }

/** A bulk action of the bulk endpoint. */
export type BulkAction = 'addToBoard' | 'delete' | 'removeFromBoard' | 'restore' | 'star' | 'trash' | 'unstar'

/** Which assets a bulk action or download targets: listed ids, or everything a filter matches. */
export type AssetTarget = { filter: Record<string, string> } | { ids: (number | string)[] }

/**
 * The message of a failed API answer (Payload's `{ errors: [{ message }] }`, in the admin's
 * language: the plugin's endpoints answer with `req.t`), else a generic one made with `t`.
 */
export const readError = async ({ response, t }: { response: Response; t: GeneratedAssetsT }): Promise<string> => {
  const fallback = t('generatedAssets:errorRequestFailed', { status: response.status })
  try {
    const body = await response.json()
    return body?.errors?.[0]?.message ?? body?.message ?? fallback
  } catch {
    return fallback
  }
}

/** What `POST /generate` answers (202): the first asset's id, and every variation's. */
export type GenerateAnswer = {
  batch?: null | string
  id: number | string
  items?: { id: number | string; status: string }[]
  status: string
}

/**
 * Asks the generate endpoint (`POST {apiURL}/generate`, as the logged-in user) for `request`
 * (`{ prompt, model, params, n?, sources? }`). Answers the endpoint's 202 body, or the error
 * message to show (the server's, in the admin's language, else a generic one made with `t`).
 */
export const requestGeneration = async ({
  apiURL,
  request,
  t,
}: {
  apiURL: string
  request: Record<string, unknown>
  t: GeneratedAssetsT
}): Promise<{ answer: GenerateAnswer } | { error: string }> => {
  const response = await fetch(`${apiURL}/generate`, {
    body: JSON.stringify(request),
    credentials: 'include',
    headers: { 'Content-Type': 'application/json' },
    method: 'POST',
  })
  if (!response.ok) return { error: await readError({ response, t }) }
  return { answer: (await response.json()) as GenerateAnswer }
}

/**
 * Reads one gallery page: `params` are the filter parameters (see `toFilterParams`), `cursor`
 * the previous page's `nextCursor`, `limit` the page size (1–100).
 *
 * @throws {Error} with the server's message when the request fails.
 */
export const fetchGalleryPage = async ({
  apiURL,
  count = false,
  cursor,
  limit,
  params,
  signal,
  sort,
  t,
}: {
  apiURL: string
  count?: boolean
  cursor?: null | string
  limit: number
  params: Record<string, string>
  signal?: AbortSignal
  sort: 'newest' | 'oldest'
  /** For the message of a failure the server did not explain. */
  t: GeneratedAssetsT
}): Promise<GalleryPageResponse> => {
  const search = new URLSearchParams({ ...params, limit: String(limit), sort })
  if (cursor) search.set('cursor', cursor)
  if (count) search.set('count', 'true')
  const response = await fetch(`${apiURL}/gallery?${search}`, { credentials: 'include', signal })
  if (!response.ok) throw new Error(await readError({ response, t }))
  return (await response.json()) as GalleryPageResponse
}

/**
 * Runs a bulk action on listed assets or on everything a filter matches.
 *
 * @throws {Error} with the server's message when the request fails.
 */
export const runBulkAction = async ({
  action,
  apiURL,
  board,
  t,
  target,
}: {
  action: BulkAction
  apiURL: string
  /** The board of `addToBoard` and `removeFromBoard`. */
  board?: number | string
  /** For the message of a failure the server did not explain. */
  t: GeneratedAssetsT
  target: AssetTarget
}): Promise<BulkResult> => {
  const response = await fetch(`${apiURL}/bulk`, {
    body: JSON.stringify({ action, ...(board === undefined ? {} : { board }), ...target }),
    credentials: 'include',
    headers: { 'Content-Type': 'application/json' },
    method: 'POST',
  })
  if (!response.ok) throw new Error(await readError({ response, t }))
  return (await response.json()) as BulkResult
}

/** The URL of a ZIP archive of the targeted assets' files (the download-zip endpoint). */
export const getZipURL = ({ apiURL, target }: { apiURL: string; target: AssetTarget }): string => {
  const search =
    'ids' in target ? new URLSearchParams({ ids: target.ids.join(',') }) : new URLSearchParams(target.filter)
  return `${apiURL}/download-zip?${search}`
}

type RestDoc = Record<string, any>

/**
 * A gallery asset from a document as REST (and the events stream) returns it at depth 1: virtual
 * URL fields filled, poster and creator populated.
 */
export const fromRestDoc = (doc: RestDoc): GalleryAsset => {
  const createdBy = doc.createdBy
  return {
    aiDisclosure: doc.aiDisclosure ?? null,
    alt: doc.alt ?? null,
    batch: doc.batch ?? null,
    batchSize: doc.batchSize ?? 1,
    completedAt: doc.completedAt ?? null,
    createdAt: doc.createdAt ?? null,
    createdBy:
      createdBy === null || createdBy === undefined
        ? null
        : typeof createdBy === 'object'
          ? { id: createdBy.id, label: String(createdBy.email ?? createdBy.id) }
          : { id: createdBy, label: String(createdBy) },
    deletedAt: doc.deletedAt ?? null,
    duration: doc.duration ?? null,
    error: doc.error ?? null,
    errorCode: doc.errorCode ?? null,
    filesize: doc.filesize ?? null,
    height: doc.height ?? null,
    id: doc.id,
    imageSizes: Array.isArray(doc.imageSizes) ? doc.imageSizes : [],
    imageUrl: doc.imageUrl ?? null,
    inferenceTime: doc.inferenceTime ?? null,
    kind: doc.kind === 'video' ? 'video' : 'image',
    mimeType: doc.mimeType ?? null,
    model: doc.model ?? null,
    modelName: doc.modelName ?? null,
    negativePrompt: doc.negativePrompt ?? null,
    params: doc.params ?? null,
    placeholder: doc.placeholder ?? null,
    posterUrl: doc.posterUrl ?? null,
    prompt: doc.prompt ?? null,
    seed: doc.seed ?? null,
    shareUrl: doc.shareUrl ?? null,
    starred: Boolean(doc.starred),
    status: doc.status ?? null,
    storageKey: doc.storageKey ?? null,
    storageMode: doc.storageMode ?? 'local',
    verdict: doc.verdict === 'approved' || doc.verdict === 'rejected' ? doc.verdict : null,
    thumbnailURL: doc.thumbnailURL ?? null,
    videoUrl: doc.videoUrl ?? null,
    width: doc.width ?? null,
  }
}
