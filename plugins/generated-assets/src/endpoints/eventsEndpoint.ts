import type { Endpoint, PayloadRequest } from 'payload'

import { APIError } from 'payload'

import type { ResolvedGeneratedAssetsPluginOptions } from '../types.js'
import type { AssetStatusEvent } from '../events/types.js'

import { getAssetEventHub } from '../events/getAssetEventHub.js'
import { getEventName } from '../events/types.js'
import { getTranslate } from '../translations/getTranslate.js'
import { getRequestOrigin } from '../utilities/getRequestOrigin.js'
import { respondWithClientErrors } from './respondWithClientErrors.js'

/** Seconds between SSE comments that keep proxies from closing an idle stream. */
const HEARTBEAT_SECONDS = 15

const findReadable = async ({
  event,
  options,
  req,
}: {
  event: AssetStatusEvent
  options: ResolvedGeneratedAssetsPluginOptions
  req: PayloadRequest
}) => {
  const { docs } = await req.payload.find({
    collection: options.collectionSlug,
    depth: 1,
    limit: 1,
    overrideAccess: false,
    pagination: false,
    req,
    trash: true,
    user: req.user,
    where: { id: { equals: event.id } },
  })
  return docs[0] as Record<string, unknown> | undefined
}

/**
 * Lookups of an event's asset, shared by the streams of one user (and origin, which the asset's
 * absolute URLs are built from) in this process. Every event reaches every open stream: one
 * query per stream per event fell minutes behind with 100 open streams and 200 generations
 * (80,000 queries; test/hardening/load.test.ts), one per user keeps up.
 */
const sharedLookups = new WeakMap<AssetStatusEvent, Map<string, ReturnType<typeof findReadable>>>()

const findReadableShared = (args: Parameters<typeof findReadable>[0]): ReturnType<typeof findReadable> => {
  const { event, req } = args
  let byReader = sharedLookups.get(event)
  if (!byReader) sharedLookups.set(event, (byReader = new Map()))
  const reader = `${req.user!.collection}:${req.user!.id}:${getRequestOrigin({ req })}`
  let lookup = byReader.get(reader)
  if (!lookup) byReader.set(reader, (lookup = findReadable(args)))
  return lookup
}

/**
 * `GET /api/{collection}/events`: a Server-Sent Events stream of status changes (the
 * event names, see `getEventName`) for the assets the logged-in user may read, from any worker
 * in any process. Each event's `data` is JSON: `{ id, status, kind, error?, errorCode?, asset? }` where
 * `asset` is the asset as REST returns it (absolute, persisted URLs) for `generation_complete`.
 * 401 when anonymous. The browser's EventSource reconnects on its own (`retry: 3000`).
 */
export const eventsEndpoint = ({ options }: { options: ResolvedGeneratedAssetsPluginOptions }): Endpoint => ({
  handler: respondWithClientErrors(async (req) => {
    if (!req.user) {
      throw new APIError(getTranslate({ req }).t('generatedAssets:errorLoggedOutEvents'), 401, null, true)
    }
    const hub = getAssetEventHub({ collectionSlug: options.collectionSlug, payload: req.payload })
    const encoder = new TextEncoder()
    let cleanup = () => undefined as void
    const stream = new ReadableStream<Uint8Array>({
      cancel: () => cleanup(),
      start: (controller) => {
        let isClosed = false
        const send = (text: string) => {
          if (isClosed) return
          try {
            controller.enqueue(encoder.encode(text))
          } catch {
            cleanup()
          }
        }
        let queue = Promise.resolve()
        const unsubscribe = hub.subscribe((event) => {
          // One event at a time, in order, each checked against the reader's access.
          queue = queue.then(async () => {
            if (isClosed) return
            try {
              const doc = await findReadableShared({ event, options, req })
              if (!doc && !event.deleted) return
              if (!doc && event.deleted && String(event.createdBy) !== String(req.user!.id)) return
              const data = {
                error: event.error ?? undefined,
                errorCode: event.errorCode ?? undefined,
                id: event.id,
                kind: event.kind,
                progress: event.progress,
                status: event.status,
                ...(event.status === 'ready' && doc && !event.deleted ? { asset: doc } : {}),
              }
              send(`event: ${getEventName(event)}\ndata: ${JSON.stringify(data)}\n\n`)
            } catch (err) {
              req.payload.logger.warn({ err, msg: 'generated-assets events: could not deliver an event' })
            }
          })
        })
        const heartbeat = setInterval(() => send(`: heartbeat\n\n`), HEARTBEAT_SECONDS * 1000)
        cleanup = () => {
          if (isClosed) return
          isClosed = true
          clearInterval(heartbeat)
          unsubscribe()
          try {
            controller.close()
          } catch {
            // already closed
          }
        }
        req.signal?.addEventListener('abort', () => cleanup())
        send(`retry: 3000\n: connected\n\n`)
      },
    })
    return new Response(stream, {
      headers: {
        'Cache-Control': 'no-cache, no-transform',
        Connection: 'keep-alive',
        'Content-Type': 'text/event-stream; charset=utf-8',
        'X-Accel-Buffering': 'no',
      },
    })
  }),
  method: 'get',
  path: '/events',
})
