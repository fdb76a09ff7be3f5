/**
 * HTTP servers on 127.0.0.1 that hold chosen requests in flight, so that a test can act (kill a
 * worker, stop a service) while a worker is at a known point of its work: in the middle of a
 * download, or of an upload to S3.
 */
import { type IncomingMessage, request as httpRequest, type Server, type ServerResponse, createServer } from 'node:http'

const listen = async (server: Server) => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()))
  return `http://127.0.0.1:${(server.address() as { port: number }).port}`
}

const close = (server: Server) =>
  new Promise<void>((resolve) => {
    server.close(() => resolve())
    server.closeAllConnections()
  })

/** A file server that can hold downloads half-sent (see {@link startHoldingFileServer}). */
export type HoldingFileServer = {
  /** Origin, `http://127.0.0.1:<port>`; any path serves the file. */
  url: string
  /** Paths asked for (GET), oldest first. */
  requests: string[]
  /** How many downloads are held now. */
  held: () => number
  /** Holds downloads from now on: headers and half the bytes are sent, the rest waits for {@link release}. */
  hold: () => void
  /** Finishes every held download (to clients still there) and serves later ones at once. */
  release: () => void
  stop: () => Promise<void>
}

/**
 * Serves `data` (as `contentType`, with its `content-length`) at every path. While holding, a
 * download gets its headers and the first half of the bytes, then waits: the worker that asked
 * is in the middle of ingesting it.
 */
export const startHoldingFileServer = async ({
  contentType,
  data,
}: {
  contentType: string
  data: Buffer
}): Promise<HoldingFileServer> => {
  const requests: string[] = []
  const parked = new Set<() => void>()
  let isHolding = false
  const server = createServer((req, res) => {
    requests.push(new URL(req.url ?? '/', 'http://127.0.0.1').pathname)
    res.writeHead(200, { 'content-length': String(data.byteLength), 'content-type': contentType })
    if (!isHolding) {
      res.end(data)
      return
    }
    const half = Math.floor(data.byteLength / 2)
    res.write(data.subarray(0, half))
    const finish = () => {
      parked.delete(finish)
      if (!res.destroyed) res.end(data.subarray(half))
    }
    parked.add(finish)
    res.on('close', () => parked.delete(finish))
  })
  const url = await listen(server)
  return {
    held: () => parked.size,
    hold: () => {
      isHolding = true
    },
    release: () => {
      isHolding = false
      for (const finish of [...parked]) finish()
    },
    requests,
    stop: () => close(server),
    url,
  }
}

/** A request the S3 proxy holds: its method and path (`/<bucket>/<key>`). */
export type HeldRequest = { method: string; path: string }

/** A proxy in front of an S3 server (see {@link startS3Proxy}). */
export type S3Proxy = {
  /** Use as the S3 endpoint: `http://127.0.0.1:<port>`. */
  url: string
  /** Requests held now. */
  held: () => HeldRequest[]
  /** Holds (never forwards) requests matching `shouldHold` from now on; `undefined` forwards everything. */
  setHold: (shouldHold?: (request: HeldRequest) => boolean) => void
  /** Drops every held request (its connection is closed) and forwards later ones. */
  release: () => void
  stop: () => Promise<void>
}

/**
 * An HTTP proxy to the S3 server at `target` that forwards requests unchanged (the `host` header
 * included, so SigV4 signatures stay valid) and holds the ones a test picks: a worker whose upload
 * is held is in the middle of storing the asset.
 */
export const startS3Proxy = async ({ target }: { target: string }): Promise<S3Proxy> => {
  const upstream = new URL(target)
  let shouldHold: ((request: HeldRequest) => boolean) | undefined
  const held = new Map<ServerResponse, HeldRequest>()
  const forward = (req: IncomingMessage, res: ServerResponse) => {
    const outgoing = httpRequest(
      { headers: req.headers, host: upstream.hostname, method: req.method, path: req.url, port: upstream.port },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers)
        answer.pipe(res)
      },
    )
    outgoing.on('error', () => res.destroy())
    req.pipe(outgoing)
  }
  const server = createServer((req, res) => {
    const request = { method: req.method ?? 'GET', path: decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname) }
    if (shouldHold?.(request)) {
      held.set(res, request)
      res.on('close', () => held.delete(res))
      // Read and discard the body, as a slow server would, so the client is left waiting for the answer.
      req.resume()
      return
    }
    forward(req, res)
  })
  const url = await listen(server)
  return {
    held: () => [...held.values()],
    release: () => {
      shouldHold = undefined
      for (const res of held.keys()) res.destroy()
      held.clear()
    },
    setHold: (predicate) => {
      shouldHold = predicate
    },
    stop: () => close(server),
    url,
  }
}
