/**
 * Load on one URL with autocannon (its programmatic API, in this process): a fixed number of
 * keep-alive connections, each sending its next request as soon as the previous one is answered,
 * for a fixed time or a fixed number of requests. Redirects are not followed (a 302 is the answer
 * being measured).
 *
 * A timed run ends by closing its connections with requests still in flight. A run of `amount`
 * requests ends only when every one is answered: use it where aborted requests leave the server
 * worse off (Payload's storage-s3 file route stops answering after about 150 downloads aborted
 * mid-stream, as its S3 client's sockets run out).
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
 * Runs autocannon against `url` with `connections` connections, for `seconds` or until `amount`
 * requests (at least one per connection) are answered.
 *
 * Connection errors and timeouts (no answer within autocannon's 10 s) are counted, not thrown:
 * a route that stalls under load has that as its result.
 *
 * @throws {Error} when any response has another status than `expectStatus`: the figure would not
 * be the route's.
 */
export const runLoad = async ({
  amount,
  connections,
  expectStatus,
  headers = {},
  seconds,
  url,
}: {
  connections: number
  expectStatus: number
  headers?: Record<string, string>
  url: string
} & ({ amount: number; seconds?: undefined } | { amount?: undefined; seconds: number })): Promise<LoadResult> => {
  const result = await autocannon(
    amount !== undefined
      ? { amount: Math.max(amount, connections), connections, headers, url }
      : { connections, duration: seconds, headers, url },
  )
  const statusCodes = Object.fromEntries(
    Object.entries(result.statusCodeStats ?? {}).map(([status, stats]) => [status, stats?.count ?? 0]),
  )
  const responses = Object.values(statusCodes).reduce((sum, count) => sum + count, 0)
  const unexpected = Object.entries(statusCodes).filter(
    ([status, count]) => status !== String(expectStatus) && count > 0,
  )
  if (unexpected.length) {
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
    // Responses over the run's own duration: a run of `amount` requests ends with its last answer.
    requestsPerSecond: responses / result.duration,
    responses,
    seconds: result.duration,
    statusCodes,
    timeouts: result.timeouts,
  }
}
