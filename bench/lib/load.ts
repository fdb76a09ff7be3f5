/**
 * Load on one URL with autocannon (its programmatic API, in this process): a fixed number of
 * keep-alive connections, each sending its next request as soon as the previous one is answered,
 * for a fixed time. Redirects are not followed (a 302 is the answer being measured).
 */
import autocannon from 'autocannon'

export type LoadResult = {
  /** Mean responses per second over the run. */
  requestsPerSecond: number
  /** Latency percentiles, in milliseconds (autocannon's histogram, 1 ms resolution). */
  latencyMs: { max: number; mean: number; p50: number; p90: number; p99: number }
  /** Responses received, in total and by status code. */
  responses: number
  statusCodes: Record<string, number>
  /** Connection errors and timeouts. */
  errors: number
  timeouts: number
  seconds: number
}

/**
 * Runs autocannon against `url` for `seconds` with `connections` connections.
 *
 * @throws {Error} when any response has another status than `expectStatus`, or a connection
 * failed: the figure would not be the route's.
 */
export const runLoad = async ({
  connections,
  expectStatus,
  headers = {},
  seconds,
  url,
}: {
  connections: number
  expectStatus: number
  headers?: Record<string, string>
  seconds: number
  url: string
}): Promise<LoadResult> => {
  const result = await autocannon({ connections, duration: seconds, headers, url })
  const statusCodes = Object.fromEntries(
    Object.entries(result.statusCodeStats ?? {}).map(([status, stats]) => [status, stats?.count ?? 0]),
  )
  const responses = Object.values(statusCodes).reduce((sum, count) => sum + count, 0)
  const unexpected = Object.entries(statusCodes).filter(([status, count]) => status !== String(expectStatus) && count > 0)
  if (unexpected.length || result.errors > 0) {
    throw new Error(
      `${url}: expected only ${expectStatus}, got ${JSON.stringify(statusCodes)}, ${result.errors} errors, ${result.timeouts} timeouts`,
    )
  }
  return {
    errors: result.errors,
    latencyMs: {
      max: result.latency.max,
      mean: result.latency.mean,
      p50: result.latency.p50,
      p90: result.latency.p90,
      p99: result.latency.p99,
    },
    requestsPerSecond: result.requests.mean,
    responses,
    seconds: result.duration,
    statusCodes,
    timeouts: result.timeouts,
  }
}
