/**
 * A client of a running app over real HTTP (Node's fetch, keep-alive): log in, and time one
 * request from sending it to having read the whole body.
 */

/** Logs in through `POST /api/users/login` and answers the JWT (for `Authorization: JWT <token>`). */
export const logIn = async ({
  email,
  password,
  url,
}: {
  email: string
  password: string
  url: string
}): Promise<string> => {
  const response = await fetch(`${url}/api/users/login`, {
    body: JSON.stringify({ email, password }),
    headers: { 'Content-Type': 'application/json' },
    method: 'POST',
  })
  if (!response.ok) throw new Error(`login as ${email} failed: ${response.status} ${await response.text()}`)
  return ((await response.json()) as { token: string }).token
}

export type TimedResponse = {
  /** Milliseconds from sending the request to the last byte of the body. */
  ms: number
  status: number
  headers: Headers
  body: Buffer
}

/**
 * GETs `url` (no redirects followed) and answers the time to the whole body.
 *
 * @throws {Error} when the status is not `expectStatus` (the benchmark would measure an error page).
 */
export const timeGet = async ({
  expectStatus = 200,
  headers = {},
  url,
}: {
  expectStatus?: number
  headers?: Record<string, string>
  url: string
}): Promise<TimedResponse> => {
  const started = performance.now()
  const response = await fetch(url, { headers, redirect: 'manual' })
  const body = Buffer.from(await response.arrayBuffer())
  const ms = performance.now() - started
  if (response.status !== expectStatus) {
    throw new Error(`GET ${url}: ${response.status}, expected ${expectStatus}: ${body.toString('utf8').slice(0, 500)}`)
  }
  return { body, headers: response.headers, ms, status: response.status }
}

/** `timeGet` answering the parsed JSON body too. */
export const timeGetJSON = async <T>(options: Parameters<typeof timeGet>[0]): Promise<TimedResponse & { json: T }> => {
  const response = await timeGet(options)
  return { ...response, json: JSON.parse(response.body.toString('utf8')) as T }
}
