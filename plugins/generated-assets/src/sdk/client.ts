/**
 * A typed client of the plugin's REST endpoints for front-end sites, on top of Payload's official
 * SDK (`@payloadcms/sdk`, https://payloadcms.com/docs/rest-api/overview).
 * Every call goes through the SDK's `request()`, so the base URL, `fetch`, the SDK's `baseInit`
 * (an `Authorization` header, `credentials: 'include'`) and its errors are the SDK's own. Only the
 * SDK's types are imported: a host without `@payloadcms/sdk` installs and runs the plugin as before.
 */
import type { PayloadSDK } from '@payloadcms/sdk'
import type { PayloadTypes, PayloadTypesShape, Where } from 'payload'

import { EventSourceParserStream } from 'eventsource-parser/stream'

import type { AssetEventName } from '../events/types.js'
import type { GalleryItem } from '../gallery/toGalleryItem.js'
import type { GeneratedAssetKind, GeneratedAssetStatus, GenerationParams } from '../types.js'

export type { AssetEventName } from '../events/types.js'
export type { GalleryItem } from '../gallery/toGalleryItem.js'
export type { ImageSize } from '../utilities/getImageSizes.js'
export type { NormalizedAsset } from '../utilities/normalizeAsset.js'
export type { GeneratedAssetKind, GeneratedAssetStatus, GenerationParams } from '../types.js'

/** An asset's id: a number on Postgres and SQLite with Payload's default ids, else a string. */
export type GeneratedAssetId = number | string

/**
 * An asset as Payload's REST API returns it: the host's generated type of the `generated-assets`
 * collection when `Config` (from `payload generate:types`) has one, else a plain object.
 */
export type GeneratedAssetDocument<Config extends PayloadTypesShape = PayloadTypes> =
  Config['collections'] extends { 'generated-assets': infer Document } ? Document : Record<string, unknown>

/** Options of {@link createGeneratedAssetsClient}. */
export type GeneratedAssetsClientOptions<Config extends PayloadTypesShape = PayloadTypes> = {
  /**
   * The plugin's collection slug (the plugin's `collectionSlug` option), default
   * `generated-assets`: requests go to `{sdk.baseURL}/{collectionSlug}/…`.
   */
  collectionSlug?: string
  /**
   * A Payload SDK pointed at the host's API route (`baseURL`, e.g. `https://cms.example.com/api`)
   * that authenticates as a user: `baseInit: { headers: { Authorization: 'JWT <token>' } }` with a
   * token from `sdk.login()`, or `baseInit: { credentials: 'include' }` in a browser with Payload's
   * cookie. Every endpoint but the share pages needs a logged-in user.
   */
  sdk: PayloadSDK<Config>
}

/** Body of {@link GeneratedAssetsClient.generate}. */
export type GenerateInput = {
  /** Registry key of a model of the plugin's `models` option, e.g. `local/image`; default the first. */
  model?: string
  /** What the model should avoid, for models that take one. */
  negativePrompt?: string
  /** How many variations to make, 1 to the plugin's `maxVariations` (default 4); default 1. */
  n?: number
  /**
   * Generation settings: `size` (`"1024x768"`, 64–4096 pixels a side), `aspectRatio` (`"16:9"`),
   * `seed` (integer), `duration` (seconds) and `fps` (video, 1–60), `providerOptions`.
   */
  params?: GenerationParams
  /** What to make; non-empty, at most the plugin's `maxPromptLength` characters. */
  prompt: string
  /** Ids of ready images to give the model as inputs (for models that accept source images). */
  sources?: GeneratedAssetId[]
}

/** Answer of {@link GeneratedAssetsClient.generate}: the queued assets, one per variation. */
export type GenerateResult = {
  /** The variations' shared id (the gallery's `batch` filter); `null` when `n` is 1. */
  batch: null | string
  /** The first variation's id. */
  id: GeneratedAssetId
  /** Every variation, in order. */
  items: { id: GeneratedAssetId; status: 'queued' }[]
  status: 'queued'
}

/** Filters and paging of {@link GeneratedAssetsClient.gallery}; all optional, all ANDed. */
export type GalleryQueryInput = {
  /** Only the variations of one request (a {@link GenerateResult.batch}). */
  batch?: string
  /** Only assets on this board (a board id of the boards collection). */
  board?: GeneratedAssetId
  /** Also answer `totalDocs`, how many assets match the filter. */
  count?: boolean
  /** Only assets made by this user (id). */
  createdBy?: number | string
  /** `nextCursor` of the previous page; omit for the first page. */
  cursor?: null | string
  /** Only assets created at or after this instant (a `Date` or an ISO 8601 string). */
  from?: Date | string
  kind?: GeneratedAssetKind
  /** Items per page, 1 to 100 (larger values are capped at 100); default 50. */
  limit?: number
  /** Registry key of the model, e.g. `local/image`. */
  model?: string
  /** Words that must all occur in the prompt (case-insensitive), at most 200 characters. */
  q?: string
  /** `newest` (default) or `oldest` first, by creation time. */
  sort?: 'newest' | 'oldest'
  starred?: boolean
  status?: GeneratedAssetStatus
  /**
   * Only assets created at or before this instant (a `Date` or an ISO 8601 string; a bare date,
   * `2025-01-31`, covers that whole day).
   */
  to?: Date | string
  /** Page through the trash instead of the live gallery. */
  trash?: boolean
  /** Only assets whose latest review verdict (through a board's review link) is this; `none`: never given one. */
  verdict?: 'approved' | 'none' | 'rejected'
}

/** One page of {@link GeneratedAssetsClient.gallery}. */
export type GalleryPage = {
  items: GalleryItem[]
  /** Pass it as `cursor` for the next page; `null` on the last page. */
  nextCursor: null | string
  /** How many assets match the filter, when `count: true` was asked for. */
  totalDocs?: number
}

/** Answer of {@link GeneratedAssetsClient.share}. */
export type ShareResult = {
  /** Absolute URL of the public share page (`{origin}/api/{collectionSlug}/share/{token}`). */
  shareUrl: string
}

/** Answer of {@link GeneratedAssetsClient.retry} and {@link GeneratedAssetsClient.ingest}. */
export type QueuedResult = { id: GeneratedAssetId; status: 'queued' }

/** What {@link GeneratedAssetsClient.bulk} does to each asset. */
export type BulkAction = 'addToBoard' | 'delete' | 'removeFromBoard' | 'restore' | 'star' | 'trash' | 'unstar'

/** The gallery's filters (as in {@link GalleryQueryInput}), selecting "every asset the gallery shows". */
export type BulkFilter = Pick<
  GalleryQueryInput,
  'batch' | 'board' | 'createdBy' | 'from' | 'kind' | 'model' | 'q' | 'starred' | 'status' | 'to' | 'trash' | 'verdict'
>

/**
 * Body of {@link GeneratedAssetsClient.bulk}: an action and which assets, by `ids` (1 to 1,000),
 * by the gallery's `filter`, or by a Payload `where` query; `addToBoard` and `removeFromBoard`
 * also name the `board` (one the user may update).
 */
export type BulkInput = ({ action: Exclude<BulkAction, 'addToBoard' | 'removeFromBoard'>; board?: never } | { action: 'addToBoard' | 'removeFromBoard'; board: GeneratedAssetId }) & (
  | { filter: BulkFilter; ids?: never; where?: never }
  | { filter?: never; ids: GeneratedAssetId[]; where?: never }
  | { filter?: never; ids?: never; where: Where }
)

/** Answer of {@link GeneratedAssetsClient.bulk}. */
export type BulkResult = {
  action: BulkAction
  /** How many assets were changed (or deleted). */
  changed: number
  /** The matched assets the user may not change, with the reason. */
  failed: { id: GeneratedAssetId; message: string }[]
  /** How many assets the selection matched. */
  matched: number
}

/** Body of {@link GeneratedAssetsClient.ingest}. */
export type IngestInput = {
  /** What the media is, default `image`; it must match what the URL serves, or the import fails. */
  kind?: GeneratedAssetKind
  /** Stored as the asset's `model`, default `import` (at most 200 characters). */
  model?: string
  /** Stored as the asset's prompt; default `Imported from {host}`. */
  prompt?: string
  /** A public http(s) URL of an image or video, at most 4,096 characters. */
  url: string
}

/**
 * One status change from {@link GeneratedAssetsClient.events}: `type` is the SSE event name
 * (`generation_started`, `generation_progress`, `generation_complete`, `generation_failed`,
 * `asset_removed`), the rest is the event's data.
 */
export type AssetEvent<Config extends PayloadTypesShape = PayloadTypes> = {
  /** The asset as REST returns it (absolute, persisted URLs), on `generation_complete` only. */
  asset?: GeneratedAssetDocument<Config>
  /** The message of a `generation_failed`. */
  error?: null | string
  id: GeneratedAssetId
  kind: GeneratedAssetKind
  /** Progress the provider reported, 0 to 1, when it reports any. */
  progress?: number
  status: GeneratedAssetStatus
  type: AssetEventName
}

/** What {@link GeneratedAssetsClient.events} answers: the events, and when the stream is open. */
export type AssetEventStream<Config extends PayloadTypesShape = PayloadTypes> = AsyncGenerator<
  AssetEvent<Config>,
  void,
  undefined
> & {
  /**
   * Resolves once the server has answered and is subscribed (events from then on are delivered);
   * rejects with the SDK's error (401 when anonymous), or the `fetch` error.
   */
  opened: Promise<void>
}

/** Options of {@link GeneratedAssetsClient.events}. */
export type EventsOptions = {
  /** Ends the stream: the iteration then finishes without an error. */
  signal?: AbortSignal
}

/**
 * The typed client {@link createGeneratedAssetsClient} answers. Every method takes an optional
 * `RequestInit` last, merged into the SDK's `baseInit` as the SDK's own methods do.
 *
 * Errors: a non-2xx answer throws the SDK's `PayloadSDKError` (from `@payloadcms/sdk`), carrying
 * `status` (the HTTP status), `errors` (the server's `[{ message }]`), `message` (the first one)
 * and `response`: 400 for bad input, 401 when anonymous, 404 for an asset the user may not see or
 * change, 409 for a retry of an asset that has not failed, 429 over the plugin's `rateLimit` or
 * `maxActiveGenerations` (the response's `Retry-After` header gives the seconds to wait). Network
 * failures reject with the `fetch` error.
 */
export type GeneratedAssetsClient<Config extends PayloadTypesShape = PayloadTypes> = {
  /**
   * `POST /{collectionSlug}/bulk`: applies `action` to many assets at once, each checked against
   * the user's access (ones the user may not change are listed in `failed`, not changed).
   * `delete` is permanent, stored files included. Throws 400 for an unknown action or selection.
   */
  bulk: (input: BulkInput, init?: RequestInit) => Promise<BulkResult>
  /**
   * `GET /{collectionSlug}/events`: the Server-Sent Events stream of status changes of every
   * asset the user may read, from workers in any process, as an async iterator. It connects at
   * once; await `opened` before starting a generation so that none of its events is missed. It
   * runs until the server closes the stream, `signal` aborts, or the loop breaks (which closes the
   * connection); iterate it or abort it, else the connection stays open. The server sends no
   * replay: events while disconnected are not delivered, so read the asset (or the gallery) again
   * after reconnecting. Throws (from `opened` and the iteration) 401 when anonymous.
   */
  events: (options?: EventsOptions, init?: RequestInit) => AssetEventStream<Config>
  /**
   * `GET /{collectionSlug}/gallery`: one keyset page of the assets the user may read, newest
   * first by default; pass `nextCursor` as `cursor` for the next page. Throws 400 for a malformed
   * cursor or filter.
   */
  gallery: (query?: GalleryQueryInput, init?: RequestInit) => Promise<GalleryPage>
  /**
   * `POST /{collectionSlug}/generate`: queues one asset per variation and answers at once (202),
   * never waiting for the model; follow them with {@link GeneratedAssetsClient.events} or the
   * gallery's `batch` filter. Throws 400 for bad input (an empty prompt, an unknown model, `n` out
   * of range), 429 over a limit.
   */
  generate: (input: GenerateInput, init?: RequestInit) => Promise<GenerateResult>
  /**
   * `POST /{collectionSlug}/ingest`: imports the media at a public URL through the generation
   * pipeline (SSRF guard, size cap, type sniffing, thumbnails, storage) and answers at once (202).
   * Throws 400 for a malformed, non-http(s) or non-public URL.
   */
  ingest: (input: IngestInput, init?: RequestInit) => Promise<QueuedResult>
  /**
   * `POST /{collectionSlug}/:id/retry`: runs a `failed` asset again from the start (202). Throws
   * 409 when the asset has not failed, 404 when the user may not update it.
   */
  retry: (id: GeneratedAssetId, init?: RequestInit) => Promise<QueuedResult>
  /**
   * `DELETE /{collectionSlug}/:id/share`: revokes the asset's share link; the old URL answers 404
   * at once (caches keep a shared file 60 seconds at most). Throws 404 when the user may not update it.
   */
  revoke: (id: GeneratedAssetId, init?: RequestInit) => Promise<{ shareUrl: null }>
  /**
   * `POST /{collectionSlug}/:id/share`: the asset's public share URL, made on first use;
   * `rotate: true` replaces it (the old URL stops working at once). Throws 404 when the user may
   * not update the asset.
   */
  share: (id: GeneratedAssetId, options?: { rotate?: boolean }, init?: RequestInit) => Promise<ShareResult>
}

/** The SSE event names the events endpoint sends; anything else (a future name) is skipped. */
const EVENT_NAMES: ReadonlySet<string> = new Set<AssetEventName>([
  'asset_removed',
  'generation_complete',
  'generation_failed',
  'generation_progress',
  'generation_started',
])

/** Query string of a gallery query: booleans as `true`/`false`, dates as ISO 8601, nothing for `undefined`. */
const toSearchParams = (query: GalleryQueryInput): URLSearchParams => {
  const search = new URLSearchParams()
  for (const [key, value] of Object.entries(query).sort(([a], [b]) => a.localeCompare(b))) {
    if (value === undefined || value === null) continue
    search.set(key, value instanceof Date ? value.toISOString() : String(value))
  }
  return search
}

/** A `RequestInit` with `headers` added under the caller's (the SDK spreads headers as a plain object). */
const withHeaders = (init: RequestInit | undefined, headers: Record<string, string>): RequestInit => ({
  ...init,
  headers: { ...headers, ...Object.fromEntries(new Headers(init?.headers).entries()) },
})

/**
 * Creates a typed client of the plugin's REST endpoints on top of a Payload SDK:
 *
 * ```ts
 * const sdk = new PayloadSDK<Config>({ baseURL: 'https://cms.example.com/api', baseInit: { credentials: 'include' } })
 * const assets = createGeneratedAssetsClient({ sdk })
 * const { items, nextCursor } = await assets.gallery({ kind: 'image', limit: 24 })
 * ```
 *
 * `Config` is the host's generated `Config` type (`payload generate:types`), as for
 * `PayloadSDK<Config>`; it types the asset of `generation_complete` events. See
 * {@link GeneratedAssetsClient} for the methods and the errors they throw.
 */
export const createGeneratedAssetsClient = <Config extends PayloadTypesShape = PayloadTypes>({
  collectionSlug = 'generated-assets',
  sdk,
}: GeneratedAssetsClientOptions<Config>): GeneratedAssetsClient<Config> => {
  const base = `/${collectionSlug}`
  const idPath = (id: GeneratedAssetId, action: string) => `${base}/${encodeURIComponent(String(id))}/${action}`
  const call = async <Result>(
    method: 'DELETE' | 'GET' | 'POST',
    path: string,
    json: unknown,
    init: RequestInit | undefined,
  ): Promise<Result> => {
    const response = await sdk.request({ init, json, method, path })
    return (await response.json()) as Result
  }

  return {
    bulk: (input, init) => call('POST', `${base}/bulk`, input, init),
    events: ({ signal } = {}, init) => {
      // Connects now, not at the first `next()`: `opened` tells when the server is subscribed.
      const connecting = sdk.request({
        init: { ...withHeaders(init, { Accept: 'text/event-stream' }), signal: signal ?? init?.signal },
        method: 'GET',
        path: `${base}/events`,
      })
      const opened = connecting.then(() => undefined)
      // Failures surface through `opened` or the iteration, whichever the caller uses.
      opened.catch(() => undefined)
      const iterate = async function* (): AsyncGenerator<AssetEvent<Config>, void, undefined> {
        let response: Response
        try {
          response = await connecting
        } catch (error) {
          if (signal?.aborted) return
          throw error
        }
        const reader = response
          .body!.pipeThrough(new TextDecoderStream())
          .pipeThrough(new EventSourceParserStream())
          .getReader()
        // Ends a pending read at once, whatever `fetch` the SDK was given does with the signal.
        const onAbort = () => void reader.cancel().catch(() => undefined)
        signal?.addEventListener('abort', onAbort, { once: true })
        try {
          for (;;) {
            const { done, value } = await reader.read()
            if (done || signal?.aborted) return
            if (!value.event || !EVENT_NAMES.has(value.event)) continue
            const data = JSON.parse(value.data) as Omit<AssetEvent<Config>, 'type'>
            yield { ...data, type: value.event as AssetEventName }
          }
        } catch (error) {
          if (signal?.aborted) return
          throw error
        } finally {
          signal?.removeEventListener('abort', onAbort)
          // Closes the connection when the loop ends early (break, return, a thrown error).
          await reader.cancel().catch(() => undefined)
        }
      }
      return Object.assign(iterate(), { opened })
    },
    gallery: (query = {}, init) => {
      const search = toSearchParams(query).toString()
      return call('GET', `${base}/gallery${search ? `?${search}` : ''}`, undefined, init)
    },
    generate: (input, init) => call('POST', `${base}/generate`, input, init),
    ingest: (input, init) => call('POST', `${base}/ingest`, input, init),
    retry: (id, init) => call('POST', idPath(id, 'retry'), {}, init),
    revoke: (id, init) => call('DELETE', idPath(id, 'share'), undefined, init),
    share: (id, { rotate } = {}, init) => call('POST', idPath(id, 'share'), rotate ? { rotate: true } : {}, init),
  }
}
