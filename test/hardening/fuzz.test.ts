/**
 * Hostile input: property-based fuzzing (fast-check) of every REST route of the plugin
 * (generate, ingest, retry, events, share create/rotate/revoke, share page/file/poster/thumbnail,
 * gallery, bulk, zip download), Payload's own collection routes for `generated-assets` (find with
 * `where`, count, findByID, create, PATCH, DELETE, duplicate, the file route) and GraphQL, as
 * anonymous, editor A and editor B: wrong types, huge values, unicode, deep nesting, unknown
 * fields, malformed cursors and JSON, path traversal in file names, oversized bodies, garbage
 * headers. Real database (Postgres, or SQLite in hardening-sqlite), real S3 server, Payload's real route handlers in-process.
 *
 * Two properties, over at least 10,000 requests:
 * 1. no response has a status of 500 or more (nor hangs);
 * 2. nobody changes what is not theirs: in each phase one actor sends every request, and the
 *    database rows (assets, posters, relations, users) and stored objects of everyone else are
 *    compared before and after; anonymous requests may change nothing at all.
 *
 * The seed is printed; `FUZZ_SEED=… npm run test:hardening` replays a run, `FUZZ_RUNS` sets the
 * number of requests per phase.
 */
import type { SanitizedConfig } from 'payload'

import { HeadObjectCommand } from '@aws-sdk/client-s3'
import { GRAPHQL_POST, REST_DELETE, REST_GET, REST_PATCH, REST_POST } from '@payloadcms/next/routes'
import fc from 'fast-check'
import { appendFileSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { withClientErrors } from '../../src/graphql/withClientErrors'
import { SAMPLE_PNG } from '../fakes/samples'
import { type App, getApp, ORIGIN } from '../helpers/app'
import { type Row, selectRows } from '../helpers/database'
import { createTestS3Client } from '../helpers/s3'

const SEED = Number(process.env.FUZZ_SEED ?? Date.now() % 2 ** 31)
/**
 * Requests per phase (anonymous, A, B): by default 2,000 each on Postgres (6,000 in all) and 1,200
 * on SQLite, whose routes are the same code over another adapter; `FUZZ_RUNS` for a longer run.
 */
const RUNS = Number(process.env.FUZZ_RUNS ?? (process.env.TEST_DATABASE === 'sqlite' ? 1200 : 2000))
/** Requests in flight at once: enough to find races, few enough for a 2-core machine (1 ties each logged error to its request). */
const CONCURRENCY = Number(process.env.FUZZ_CONCURRENCY ?? 4)
/** A request that takes longer than this counts as hanging (a failure). */
const HANG_MS = 60_000

type Actor = 'A' | 'anonymous' | 'B'
type User = Awaited<ReturnType<App['createUser']>>

/** One generated request. `body` is sent as is: a string or a form. */
type FuzzRequest = {
  body?: FormData | string
  headers: Record<string, string>
  method: 'DELETE' | 'GET' | 'PATCH' | 'POST'
  /** Path and query under /api, e.g. `generated-assets/gallery?limit=2`; `graphql` for GraphQL. */
  path: string
}

let app: App
let config: SanitizedConfig
let handlers: Record<FuzzRequest['method'], (request: Request, context: { params: Promise<{ slug: string[] }> }) => Promise<Response>>
let graphqlHandler: (request: Request) => Promise<Response>
const users = {} as Record<'A' | 'B' | 'C', User>
/** Ids of every seeded asset (A's, B's and C's, live and trashed), share tokens and stored file names. */
const known = { boardIds: [] as number[], boardTokens: [] as string[], filenames: [] as string[], ids: [] as number[], tokens: [] as string[] }

// ---------------------------------------------------------------------------------------------
// Snapshots: what a phase's actor must not change
// ---------------------------------------------------------------------------------------------

/**
 * The ETag and size of each stored file a row names (`generated-assets/<name>` or, for posters,
 * `generated-assets/posters/<name>`), read object by object: a listing of the whole bucket
 * fails when s3rver meets an object another suite left half-written.
 */
const headObjects = async (names: { key: string; name: string }[]) => {
  const client = createTestS3Client()
  const objects = new Map<string, string | undefined>()
  for (const { key, name } of names) {
    const head = await client
      .send(new HeadObjectCommand({ Bucket: process.env.S3_BUCKET!, Key: key }))
      .catch(() => undefined)
    objects.set(name, head ? `${head.ETag}:${head.ContentLength}` : undefined)
  }
  return objects
}

/**
 * Everything that belongs to someone other than `actor` (everyone, for anonymous): asset rows,
 * their relation rows, poster rows, user rows (sessions aside), and the stored objects those rows
 * name, with their ETags.
 */
const snapshotOthers = async (actor: Actor) => {
  const actorId = actor === 'anonymous' ? -1 : users[actor].id
  const isOthers = (row: Row) => row.createdBy == null || Number(row.createdBy) !== Number(actorId)
  // A board's review link lets anyone with it set an asset's `verdict` (and so its `updatedAt`):
  // those two are compared as "every verdict has a review behind it", the rest as they are.
  const reviews = await selectRows({ payload: app.payload, table: 'generated_asset_reviews' })
  const assets = (await selectRows({ payload: app.payload, table: 'generated_assets' })).filter(isOthers).map(({ updatedAt: _updatedAt, verdict, ...row }): Row => ({
    ...row,
    verdictHasReview: !verdict || reviews.some((review) => Number(review.asset ?? review.assetId) === Number(row.id) && review.verdict === verdict),
  }))
  const ids = new Set(assets.map((row) => row.id))
  // Payload rewrites a document's relationship rows on every update (new row ids, same content):
  // compared by what they say, not by row id.
  const rels = (await selectRows({ payload: app.payload, table: 'generated_assets_rels' }))
    .filter((row) => ids.has(row.parent))
    .map(({ id: _rowId, ...row }) => row)
    .sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)))
  const posters = (await selectRows({ payload: app.payload, table: 'generated_asset_posters' })).filter(isOthers)
  const boards = (await selectRows({ payload: app.payload, table: 'generated_asset_boards' })).filter(isOthers)
  const accounts = (await selectRows({ payload: app.payload, table: 'users' }))
    .filter((row) => Number(row.id) !== Number(actorId))
    .map(({ email, hash, id, roles, salt, updatedAt }) => ({ email, hash, id, roles, salt, updatedAt }))
  const names: { key: string; name: string }[] = []
  // Stored files are read for the fuzz's own users' rows (the ones whose ids it knows): the
  // database holds every earlier test file's assets too, thousands of HeadObjects per snapshot,
  // and a file of theirs could only change with its row, which the rows above compare.
  const fuzzUsers = new Set(Object.values(users).map((user) => Number(user.id)))
  const isFuzzUsers = (row: Row) => fuzzUsers.has(Number(row.createdBy))
  for (const [prefix, rows] of [['generated-assets', assets.filter(isFuzzUsers)], ['generated-assets/posters', posters.filter(isFuzzUsers)]] as const) {
    for (const row of rows) {
      for (const [column, value] of Object.entries(row)) {
        if (/filename$/.test(column) && typeof value === 'string') names.push({ key: `${prefix}/${value}`, name: value })
      }
    }
  }
  const files = await headObjects(names)
  return { accounts, assets, boards, files: Object.fromEntries(files), posters, rels }
}

// ---------------------------------------------------------------------------------------------
// Sending requests through Payload's real route handlers
// ---------------------------------------------------------------------------------------------

const send = async ({ actor, request }: { actor: Actor; request: FuzzRequest }): Promise<Response> => {
  const headers = new Headers()
  for (const [name, value] of Object.entries(request.headers)) {
    try {
      headers.set(name, value)
    } catch {
      // A header value fetch itself refuses never reaches a server.
    }
  }
  if (actor !== 'anonymous' && !headers.has('authorization')) headers.set('authorization', `JWT ${users[actor].token}`)
  const body = request.method === 'GET' ? undefined : request.body
  if (request.path === 'graphql') {
    return graphqlHandler(new Request(`${ORIGIN}/api/graphql`, { body, headers, method: 'POST' }))
  }
  const url = new URL(`/api/${request.path}`, ORIGIN)
  const slug = url.pathname.replace(/^\/api\//, '').split('/').map((part) => {
    try {
      return decodeURIComponent(part)
    } catch {
      return part
    }
  })
  return handlers[request.method](new Request(url, { body, headers, method: request.method }), {
    params: Promise.resolve({ slug }),
  })
}

/**
 * What Payload logged as errors while the current requests ran. Payload logs every failed request
 * (4xx included) at error level; thousands of those would drown the output, so they are kept here
 * and only shown next to a 5xx (set FUZZ_VERBOSE=1 to see them all).
 */
let loggedErrors: string[] = []

const captureErrorLog = () => {
  const logger = app.payload.logger as unknown as { error: (...args: unknown[]) => void }
  const original = logger.error.bind(logger)
  logger.error = (...args: unknown[]) => {
    const first = args[0] as { err?: { message?: string; stack?: string }; msg?: string } | string | undefined
    loggedErrors.push(
      typeof first === 'string' ? first : (first?.err?.stack ?? first?.err?.message ?? first?.msg ?? JSON.stringify(first)),
    )
    if (process.env.FUZZ_VERBOSE) original(...args)
  }
}

/** Sends a request and reads its answer; a hang or a throw counts as a 5xx. */
const exchange = async ({ actor, request }: { actor: Actor; request: FuzzRequest }) => {
  let timer: NodeJS.Timeout | undefined
  const hang = new Promise<{ status: number; text: string }>((resolve) => {
    timer = setTimeout(() => resolve({ status: 599, text: `no answer within ${HANG_MS} ms` }), HANG_MS)
  })
  const answer = (async () => {
    try {
      const response = await send({ actor, request })
      // Server-Sent Events never end: the status and headers are the answer.
      if (response.headers.get('content-type')?.startsWith('text/event-stream')) {
        await response.body?.cancel()
        return { status: response.status, text: '' }
      }
      return { status: response.status, text: await response.text() }
    } catch (error) {
      return { status: 598, text: `threw: ${(error as Error)?.stack ?? String(error)}` }
    }
  })()
  const result = await Promise.race([answer, hang])
  clearTimeout(timer)
  return result
}

// ---------------------------------------------------------------------------------------------
// Arbitraries
// ---------------------------------------------------------------------------------------------

const nested = (depth: number, leaf: unknown = 1): unknown => {
  let value: unknown = leaf
  for (let level = 0; level < depth; level++) value = { a: value }
  return value
}

/** Strings that break parsers, paths and queries, and some ordinary ones. */
const weirdString = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(
    '', ' ', 'null', 'undefined', 'NaN', 'Infinity', '-1', '0', '1.5', '1e309', '9007199254740993', '0x10', '-0',
    '[object Object]', 'true', '../../../../etc/passwd', '..%2f..%2fetc%2fpasswd', '%2e%2e%2f%2e%2e%2fetc%2fpasswd',
    '....//....//etc/passwd', '..\\..\\windows\\win.ini', '/etc/passwd', 'C:\\Windows\\win.ini', '\u0000', '%00', 'a\u0000b',
    '\uD800', '\uDFFF\uD800', '\uFEFF', '\u202Egnp.exe', '𝕏😀👩‍👩‍👧', 'İıŞß', 'Ａ１', '<script>alert(1)</script>',
    "' OR 1=1 --", '"; DROP TABLE users; --', '\\', '%', '%%', '%zz', '_', '${7*7}', '{{7*7}}', '__proto__', 'constructor',
    'prototype', 'toString', 'hasOwnProperty', 'local/image', 'local/video', 'image', 'video', 'ready', 'failed', 'queued',
    'newest', 'oldest', 'true', 'false', '2026-11-21', '2026-13-45T99:99:99Z', '-271821-04-20T00:00:00Z',
  ) },
  { weight: 3, arbitrary: fc.string({ maxLength: 30 }) },
  { weight: 2, arbitrary: fc.string({ maxLength: 30, unit: 'binary' }) },
  { weight: 1, arbitrary: fc.string({ maxLength: 12, unit: 'grapheme' }) },
  { weight: 1, arbitrary: fc.integer().map(String) },
  { weight: 1, arbitrary: fc.base64String({ maxLength: 60 }) },
  { weight: 1, arbitrary: fc.constantFrom('x'.repeat(5000), '🦊'.repeat(4001), 'a '.repeat(3000)) },
)

const weirdNumber = fc.oneof(
  fc.integer(),
  fc.constantFrom(0, -1, 1.5, 2 ** 31, 2 ** 53 + 2, Number.MAX_VALUE, -Number.MAX_VALUE, 1e-300),
  fc.double({ noNaN: true }),
)

/** An id: a real one (anyone's, live or trashed), or anything at all. */
const anyId = fc.oneof(
  { weight: 4, arbitrary: fc.constant(null).map(() => 0).chain(() => fc.constantFrom(...known.ids)) },
  { weight: 2, arbitrary: weirdString },
  { weight: 1, arbitrary: weirdNumber.map(String) },
)

const jsonLeaf = fc.oneof(weirdString, weirdNumber, fc.boolean(), fc.constant(null))
const anyJson: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 6, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
  { weight: 3, arbitrary: jsonLeaf },
  { weight: 2, arbitrary: fc.dictionary(weirdString, jsonLeaf, { maxKeys: 6 }) },
  { weight: 2, arbitrary: fc.array(jsonLeaf, { maxLength: 6 }) },
  { weight: 1, arbitrary: fc.integer({ max: 3000, min: 50 }).map((depth) => nested(depth)) },
  { weight: 1, arbitrary: fc.constant({ __proto__: { isAdmin: true }, constructor: { prototype: { polluted: true } } }) },
)

const FIELDS = [
  'id', 'prompt', 'negativePrompt', 'model', 'kind', 'status', 'starred', 'createdBy', 'createdBy.email', 'createdBy.hash',
  'createdBy.salt', 'createdBy.roles', 'shareToken', 'sharedAt', 'deletedAt', 'createdAt', 'filename', 'sizes.thumbnail.filename',
  'params', 'params.seed', 'operation', 'poster', 'poster.filename', 'sources', 'parent.prompt', 'leaseOwner', 'error', 'width',
  '_objectKey', 'url', 'imageUrl', 'nope', '__proto__', 'constructor.prototype', 'a.b.c.d.e.f',
]
const OPERATORS = [
  'equals', 'not_equals', 'in', 'not_in', 'all', 'exists', 'like', 'contains', 'greater_than', 'less_than_equal', 'near',
  'within', 'intersects', 'nope', '__proto__',
]

/** A Payload `where`: conditions on real and made-up paths, and/or trees, some deep. */
const whereArb: fc.Arbitrary<unknown> = fc.letrec<{ where: unknown }>((tie) => ({
  where: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.record({ field: fc.constantFrom(...FIELDS), operator: fc.constantFrom(...OPERATORS), value: anyJson }).map(
      ({ field, operator, value }) => ({ [field]: { [operator]: value } }),
    ),
    fc.record({ and: fc.array(tie('where'), { maxLength: 3 }) }),
    fc.record({ or: fc.array(tie('where'), { maxLength: 3 }) }),
    anyJson,
  ),
})).where

/** Flattens a value into `qs`-style query parameters: `where[or][0][prompt][like]=…`. */
const toQuery = (prefix: string, value: unknown, into: [string, string][] = []): [string, string][] => {
  if (value !== null && typeof value === 'object' && into.length < 200) {
    const entries = Array.isArray(value) ? value.map((item, index) => [String(index), item] as const) : Object.entries(value)
    if (entries.length === 0) into.push([prefix, ''])
    for (const [key, item] of entries) toQuery(`${prefix}[${key}]`, item, into)
  } else {
    into.push([prefix, value === null || value === undefined ? '' : String(value)])
  }
  return into
}

const GALLERY_KEYS = ['cursor', 'limit', 'kind', 'model', 'status', 'starred', 'q', 'createdBy', 'from', 'to', 'sort', 'trash', 'count', 'depth', 'ids', 'board', 'verdict']
const PAYLOAD_KEYS = ['limit', 'page', 'sort', 'depth', 'draft', 'trash', 'locale', 'fallback-locale', 'select[prompt]', 'populate[users][email]', 'pagination', 'joins']

const cursorArb = fc.oneof(
  weirdString,
  fc.tuple(fc.oneof(fc.date({ noInvalidDate: false }).map((date) => { try { return date.toISOString() } catch { return 'x' } }), weirdString), fc.oneof(anyId, weirdNumber)).map(
    (pair) => Buffer.from(JSON.stringify(pair)).toString('base64url'),
  ),
  anyJson.map((value) => Buffer.from(JSON.stringify(value) ?? '').toString('base64url')),
)

const queryArb = (keys: string[]) =>
  fc
    .array(
      fc.oneof(
        { weight: 5, arbitrary: fc.tuple(fc.constantFrom(...keys), fc.oneof(weirdString, weirdNumber.map(String), anyId.map(String))).map((pair) => [pair]) },
        { weight: 2, arbitrary: cursorArb.map((cursor) => [['cursor', cursor] as [string, string]]) },
        { weight: 2, arbitrary: whereArb.map((where) => toQuery('where', where)) },
        { weight: 1, arbitrary: fc.tuple(weirdString, weirdString).map((pair) => [pair]) },
      ),
      { maxLength: 5 },
    )
    .map((groups) => {
      const params = new URLSearchParams()
      for (const [key, value] of groups.flat()) params.append(key, value)
      const text = params.toString()
      return text ? `?${text}` : ''
    })

/** A path segment or parameter, percent-encoded (lone surrogates, which no URL can carry, become U+FFFD). */
const encodeSegment = (value: string) => encodeURIComponent(value.replace(/[\uD800-\uDFFF]/g, (unit, index, text) => {
  const code = unit.charCodeAt(0)
  const isPaired = code < 0xdc00 ? /[\uDC00-\uDFFF]/.test(text[index + 1] ?? '') : /[\uD800-\uDBFF]/.test(text[index - 1] ?? '')
  return isPaired ? unit : '\uFFFD'
}))

const pathSegment = fc.oneof(anyId, weirdString).map((value) => encodeSegment(String(value)))

/** A file name for the file route: real ones (anyone's), traversal attempts, garbage. */
const fileNameArb = fc.oneof(
  { weight: 3, arbitrary: fc.constant(null).chain(() => fc.constantFrom(...known.filenames)) },
  { weight: 2, arbitrary: fc.constantFrom(
    '..%2f..%2f..%2fetc%2fpasswd', '%2e%2e%2f%2e%2e%2fpackage.json', '..%5c..%5cpackage.json', '....%2f%2fpackage.json',
    '%2fetc%2fpasswd', 'x%00.png', '.', '..', '%2e', '%2e%2e', 'a'.repeat(300), '%F0%9F%98%80.png', '%ZZ', 'a%2fb.png',
  ) },
  { weight: 2, arbitrary: weirdString.map(encodeSegment) },
)

const tokenArb = fc.oneof(
  { weight: 3, arbitrary: fc.constant(null).chain(() => fc.constantFrom(...known.tokens)) },
  { weight: 2, arbitrary: weirdString.map(encodeSegment) },
  { weight: 1, arbitrary: fc.base64String({ maxLength: 64, minLength: 16 }).map((value) => value.replace(/[+/=]/g, '_')) },
)

/** Mostly well-formed generation requests, so the fuzz also reaches the paths that create and queue. */
const plausibleGenerateBody = fc.record(
  {
    model: fc.constantFrom('local/image', 'local/video'),
    params: fc.record({ seed: fc.nat({ max: 2 ** 31 - 1 }), size: fc.constantFrom('64x64', '128x96') }, { requiredKeys: [] }),
    prompt: fc.string({ maxLength: 60, minLength: 1, unit: 'grapheme' }),
  },
  { requiredKeys: ['prompt'] },
)

const malformedGenerateBody = fc.record(
  {
    model: fc.oneof(fc.constantFrom('local/image', 'local/video', 'toString', '__proto__', 'openai/gpt-image-1'), anyJson),
    negativePrompt: fc.oneof(weirdString, anyJson),
    params: fc.oneof(
      fc.record(
        {
          aspectRatio: fc.oneof(fc.constantFrom('16:9', '0:0', '101:1', '1:1'), weirdString, anyJson),
          duration: fc.oneof(fc.constantFrom(1, 2, 60, 61, 0), weirdNumber, anyJson),
          fps: fc.oneof(weirdNumber, anyJson),
          providerOptions: fc.oneof(fc.dictionary(weirdString, fc.dictionary(weirdString, anyJson, { maxKeys: 3 }), { maxKeys: 3 }), anyJson),
          seed: fc.oneof(weirdNumber, anyJson),
          size: fc.oneof(fc.constantFrom('64x64', '4096x4096', '4097x64', '0x0', '99999x99999'), weirdString, anyJson),
        },
        { requiredKeys: [] },
      ),
      anyJson,
    ),
    prompt: fc.oneof({ weight: 3, arbitrary: weirdString }, { weight: 1, arbitrary: anyJson }),
    sources: fc.oneof(fc.array(anyId.map((id) => (/^\d+$/.test(String(id)) ? Number(id) : id)), { maxLength: 5 }), anyJson),
    unknownField: anyJson,
  },
  { requiredKeys: [] },
)

/** Addresses an import may name: public literals (accepted, never fetched here: no worker runs), private ones in many spellings, garbage. */
const ingestUrl = fc.oneof(
  { weight: 2, arbitrary: fc.constantFrom('https://93.184.216.34/x.png', 'http://8.8.8.8/clip.mp4') },
  fc.constantFrom(
    'https://93.184.216.34/x.png', 'http://8.8.8.8/x.mp4', 'http://127.0.0.1/x.png', 'http://0x7f.1/', 'http://[::ffff:7f00:1]/',
    'http://169.254.169.254/latest/meta-data/', 'http://localhost/', 'file:///etc/passwd', 'gopher://127.0.0.1:6379/_INFO',
    'http://[fe80::1%25eth0]/', 'http://①②⑦.0.0.1/', `http://a${'b'.repeat(5000)}.com/`, 'javascript:alert(1)', 'data:,x',
  ),
  weirdString,
  anyJson,
)

const generateBody = fc.oneof(plausibleGenerateBody, malformedGenerateBody)

const malformedIngestBody = fc.record(
  { kind: fc.oneof(fc.constantFrom('image', 'video'), anyJson), model: anyJson, prompt: fc.oneof(weirdString, anyJson), url: ingestUrl },
  { requiredKeys: [] },
)
const ingestBody = fc.oneof(
  fc.record({ kind: fc.constantFrom('image', 'video'), prompt: weirdString, url: ingestUrl }, { requiredKeys: ['url'] }),
  malformedIngestBody,
)

const bulkBody = fc.record(
  {
    action: fc.oneof(fc.constantFrom('star', 'unstar', 'trash', 'restore', 'delete', 'addToBoard', 'removeFromBoard'), anyJson),
    board: fc.oneof(fc.constant(null).chain(() => fc.constantFrom(...known.boardIds)), anyId, anyJson),
    filter: fc.oneof(fc.dictionary(fc.constantFrom(...GALLERY_KEYS), fc.oneof(weirdString, anyJson), { maxKeys: 4 }), anyJson),
    ids: fc.oneof(fc.array(anyId.map((id) => (/^\d+$/.test(String(id)) ? Number(id) : id)), { maxLength: 6 }), anyJson),
    where: whereArb,
  },
  { requiredKeys: [] },
)

/** A board's data: a title (sometimes none), other users' covers and owners, tokens not the caller's to set. */
const boardBody = fc.record(
  {
    cover: fc.oneof(anyId, anyJson),
    createdBy: fc.oneof(anyId, anyJson),
    description: fc.oneof(weirdString, anyJson),
    shareToken: fc.oneof(fc.constant(null).chain(() => fc.constantFrom(...known.boardTokens)), weirdString),
    showPrompts: fc.oneof(fc.boolean(), anyJson),
    title: fc.oneof(fc.string({ maxLength: 40 }), weirdString, anyJson),
  },
  { requiredKeys: [] },
)

/** A visitor's review through a board's link: mostly plausible, sometimes not. */
const reviewBody = fc.record(
  {
    comment: fc.oneof(fc.string({ maxLength: 80 }), weirdString, anyJson),
    name: fc.oneof(fc.string({ maxLength: 20 }), weirdString, anyJson),
    verdict: fc.oneof(fc.constantFrom('approved', 'rejected', null), anyJson),
  },
  { requiredKeys: [] },
)

const boardTokenArb = fc.oneof(
  { weight: 3, arbitrary: fc.constant(null).chain(() => fc.constantFrom(...known.boardTokens)) },
  { weight: 1, arbitrary: tokenArb },
)

/** Data for Payload's own create and update: real fields with bad values, fields that are not the caller's to set, unknown ones. */
const malformedDocumentBody = fc.record(
  {
    _objectKey: weirdString,
    createdBy: fc.oneof(fc.constant(null).chain(() => fc.constantFrom(users.A.id, users.B.id, users.C.id)), anyJson),
    deletedAt: fc.oneof(fc.constantFrom(null, new Date().toISOString(), '1970-01-01'), weirdString),
    filename: fc.oneof(fc.constant(null).chain(() => fc.constantFrom(...known.filenames)), weirdString),
    kind: fc.oneof(fc.constantFrom('image', 'video'), anyJson),
    model: fc.oneof(fc.constant('local/image'), anyJson),
    params: anyJson,
    parent: fc.oneof(anyId, anyJson),
    poster: fc.oneof(anyId, anyJson),
    prompt: fc.oneof({ weight: 3, arbitrary: weirdString }, { weight: 1, arbitrary: anyJson }),
    shareToken: fc.oneof(fc.constant(null).chain(() => fc.constantFrom(...known.tokens)), weirdString),
    sizes: fc.oneof(fc.record({ thumbnail: fc.record({ filename: fc.constant(null).chain(() => fc.constantFrom(...known.filenames)) }) }), anyJson),
    sources: fc.oneof(fc.array(anyId, { maxLength: 4 }), anyJson),
    starred: fc.oneof(fc.boolean(), anyJson),
    status: fc.oneof(fc.constantFrom('ready', 'failed'), anyJson),
    url: weirdString,
    [`field${'x'.repeat(70)}`]: anyJson,
  },
  { requiredKeys: [] },
)

/** Create and update data: a plausible document (with some fields that are not the caller's), or anything. */
const documentBody = fc.oneof(
  fc.record(
    {
      createdBy: fc.constant(null).chain(() => fc.constantFrom(users.A.id, users.B.id, users.C.id)),
      kind: fc.constant('image'),
      model: fc.constant('local/image'),
      poster: anyId,
      prompt: fc.string({ maxLength: 60, minLength: 1 }),
      starred: fc.boolean(),
    },
    { requiredKeys: ['kind', 'model', 'prompt'] },
  ),
  malformedDocumentBody,
)

/** A JSON body, mostly shaped like the route expects, sometimes not JSON at all, sometimes huge. */
const bodyOf = (shaped: fc.Arbitrary<unknown>): fc.Arbitrary<Pick<FuzzRequest, 'body' | 'headers'>> =>
  fc.oneof(
    { weight: 12, arbitrary: shaped.map((value) => ({ body: JSON.stringify(value) ?? 'null', headers: { 'content-type': 'application/json' } })) },
    { weight: 2, arbitrary: anyJson.map((value) => ({ body: JSON.stringify(value) ?? 'null', headers: { 'content-type': 'application/json' } })) },
    {
      weight: 2,
      arbitrary: fc
        .tuple(fc.constantFrom('{', '{"prompt":', 'nul', '[1,2', '{"a":1}{"b":2}', '\u0000', '\uFEFF{}', '{"__proto__":{"admin":true}}', ''), fc.constantFrom('application/json', 'text/plain', 'application/x-www-form-urlencoded', 'application/json; charset=utf-16'))
        .map(([body, type]) => ({ body, headers: { 'content-type': type } })),
    },
    {
      weight: 1,
      arbitrary: fc.integer({ max: 200_000, min: 10_000 }).map((depth) => ({
        body: `${'['.repeat(depth)}${']'.repeat(depth)}`,
        headers: { 'content-type': 'application/json' },
      })),
    },
    {
      weight: 1,
      arbitrary: fc.integer({ max: 4, min: 1 }).map((megabytes) => ({
        body: JSON.stringify({ prompt: 'p'.repeat(megabytes * 1024 * 1024) }),
        headers: { 'content-type': 'application/json' },
      })),
    },
    {
      weight: 1,
      arbitrary: fc.constantFrom('multipart/form-data', 'multipart/form-data; boundary=', 'multipart/form-data; boundary=zzz').map((type) => ({
        body: '--zzz\r\nContent-Disposition: form-data; name="_payload"\r\n\r\n{"prompt":"x"\r\n--zzz--',
        headers: { 'content-type': type },
      })),
    },
  )

/** A multipart create or update with a file: real PNG bytes or garbage, under names that try to escape. */
const multipartBody: fc.Arbitrary<Pick<FuzzRequest, 'body' | 'headers'>> = fc
  .record({
    bytes: fc.oneof(fc.constant(SAMPLE_PNG), fc.uint8Array({ maxLength: 256 }), fc.constant(Buffer.from('<svg onload=alert(1)>'))),
    data: documentBody,
    name: fc.oneof(fc.constantFrom('../../../../tmp/escape.png', '..\\..\\escape.png', '/etc/passwd', 'a\u0000.png', '.png', 'x.png'), weirdString),
    type: fc.constantFrom('image/png', 'video/mp4', 'image/svg+xml', 'text/html', 'application/octet-stream', ''),
  })
  .map(({ bytes, data, name, type }) => {
    const form = new FormData()
    form.append('_payload', JSON.stringify(data))
    form.append('file', new Blob([new Uint8Array(bytes)], { type }), name || 'x')
    return { body: form, headers: {} }
  })

/** Headers that clients and proxies get wrong, added to some requests. */
const extraHeaders = fc.record(
  {
    accept: fc.constantFrom('application/json', 'text/html', 'image/*', 'video/mp4', '*/*', 'image/png, text/html', ''),
    authorization: fc.constantFrom('JWT garbage', 'Bearer x', 'JWT ', 'users API-Key nope', 'Basic Og=='),
    range: fc.constantFrom('bytes=0-0', 'bytes=abc', 'bytes=999999999-', 'bytes=-0', 'bytes=5-1', 'bytes=0-1,2-3,4-5', 'items=0-1'),
    'x-forwarded-host': fc.constantFrom('evil.example', 'a b', '[::1]', '', 'x'.repeat(3000)),
    'x-forwarded-proto': fc.constantFrom('javascript', 'https', ''),
  },
  { requiredKeys: [] },
).map((headers) => headers as Record<string, string>)

const GRAPHQL_TEMPLATES = [
  'query($id: Int!) { GeneratedAsset(id: $id) { id prompt shareUrl imageUrl createdBy { email } } }',
  'query($where: GeneratedAsset_where, $limit: Int, $page: Int, $sort: String) { GeneratedAssets(where: $where, limit: $limit, page: $page, sort: $sort) { docs { id prompt shareToken } totalDocs } }',
  'query($cursor: String, $limit: Int, $q: String, $createdBy: String, $kind: String, $from: String) { generatedAssetsGallery(cursor: $cursor, limit: $limit, q: $q, createdBy: $createdBy, kind: $kind, from: $from) { nextCursor items { id prompt } } }',
  'mutation($prompt: String!, $model: String, $params: JSON) { generateAsset(prompt: $prompt, model: $model, params: $params) { id status } }',
  'mutation($id: ID!, $rotate: Boolean) { shareGeneratedAsset(id: $id, rotate: $rotate) }',
  'mutation($id: ID!) { revokeGeneratedAssetShare(id: $id) }',
  'mutation($id: Int!, $data: mutationGeneratedAssetUpdateInput!) { updateGeneratedAsset(id: $id, data: $data) { id prompt starred } }',
  'mutation($id: Int!) { deleteGeneratedAsset(id: $id) { id } }',
  'mutation($data: mutationGeneratedAssetInput!) { createGeneratedAsset(data: $data) { id createdBy { id } } }',
  'query { Users { docs { id email roles } } }',
  'mutation($id: Int!, $data: mutationUserUpdateInput!) { updateUser(id: $id, data: $data) { id roles } }',
  'query { __schema { types { name fields { name } } } }',
  `query { ${Array.from({ length: 25 }, (_, index) => `a${index}: GeneratedAssets(limit: 100) { docs { id createdBy { email } } }`).join(' ')} }`,
  'query { GeneratedAssets { docs { sources { sources { sources { sources { sources { sources { id } } } } } } } } }',
]

const graphqlBody = fc.oneof(
  {
    weight: 8,
    arbitrary: fc
      .record({
        query: fc.constantFrom(...GRAPHQL_TEMPLATES),
        variables: fc.record(
          {
            createdBy: fc.oneof(weirdString, anyId.map(String)),
            cursor: cursorArb,
            data: documentBody,
            from: weirdString,
            id: fc.oneof(anyId.map((id) => (/^\d+$/.test(String(id)) ? Number(id) : id)), weirdNumber),
            kind: weirdString,
            limit: fc.oneof(weirdNumber, fc.constantFrom(0, -1, 100000)),
            model: weirdString,
            page: weirdNumber,
            params: anyJson,
            prompt: fc.oneof(weirdString, anyJson),
            q: weirdString,
            rotate: fc.oneof(fc.boolean(), anyJson),
            sort: fc.oneof(fc.constantFrom('-createdAt', 'shareToken', 'createdBy.email', 'nope'), weirdString),
            where: whereArb,
          },
          { requiredKeys: [] },
        ),
      })
      .map((body) => JSON.stringify(body)),
  },
  { weight: 1, arbitrary: weirdString.map((query) => JSON.stringify({ query })) },
  { weight: 1, arbitrary: fc.constantFrom('{', '[]', '[{"query":"{ __typename }"},{"query":"{ __typename }"}]', '{"query": 1}', '{"query":"{ __typename }","variables":"x"}', `{"query":"${'{a'.repeat(5000)}"}`) },
).map((body) => ({ body, headers: { 'content-type': 'application/json' } }))

/** Every route, weighted by how much input it takes. */
const requestArb: fc.Arbitrary<FuzzRequest> = fc
  .tuple(
    fc.oneof(
      // Plugin endpoints
      { weight: 5, arbitrary: bodyOf(generateBody).map((b) => ({ ...b, method: 'POST' as const, path: 'generated-assets/generate' })) },
      { weight: 4, arbitrary: bodyOf(ingestBody).map((b) => ({ ...b, method: 'POST' as const, path: 'generated-assets/ingest' })) },
      { weight: 5, arbitrary: queryArb(GALLERY_KEYS).map((q) => ({ headers: {}, method: 'GET' as const, path: `generated-assets/gallery${q}` })) },
      { weight: 5, arbitrary: bodyOf(bulkBody).map((b) => ({ ...b, method: 'POST' as const, path: 'generated-assets/bulk' })) },
      { weight: 3, arbitrary: queryArb(GALLERY_KEYS).map((q) => ({ headers: {}, method: 'GET' as const, path: `generated-assets/download-zip${q}` })) },
      { weight: 1, arbitrary: queryArb(['lastEventId']).map((q) => ({ headers: {}, method: 'GET' as const, path: `generated-assets/events${q}` })) },
      { weight: 3, arbitrary: fc.tuple(pathSegment, bodyOf(anyJson)).map(([id, b]) => ({ ...b, method: 'POST' as const, path: `generated-assets/${id}/retry` })) },
      {
        weight: 4,
        arbitrary: fc
          .tuple(pathSegment, fc.constantFrom('', '?rotate=1', '?rotate=true', '?rotate=%00'), bodyOf(fc.record({ rotate: anyJson }, { requiredKeys: [] })), fc.constantFrom('POST' as const, 'DELETE' as const))
          .map(([id, query, b, method]) => ({ ...b, method, path: `generated-assets/${id}/share${query}` })),
      },
      {
        weight: 5,
        arbitrary: fc
          .tuple(tokenArb, fc.constantFrom('', '/file', '/poster', '/thumbnail', '/file?download=1', '/../file', '/file/x'), fc.constantFrom('application/json', 'text/html', 'image/*', 'video/*', '*/*'))
          .map(([token, part, accept]) => ({ headers: { accept }, method: 'GET' as const, path: `generated-assets/share/${token}${part}` })),
      },
      // Boards and their review links
      { weight: 2, arbitrary: queryArb(['limit']).map((q) => ({ headers: {}, method: 'GET' as const, path: `generated-asset-boards/summary${q}` })) },
      { weight: 3, arbitrary: bodyOf(boardBody).map((b) => ({ ...b, method: 'POST' as const, path: 'generated-asset-boards' })) },
      { weight: 2, arbitrary: fc.tuple(fc.oneof(fc.constant(null).chain(() => fc.constantFrom(...known.boardIds)).map(String), pathSegment), bodyOf(boardBody)).map(([id, b]) => ({ ...b, method: 'PATCH' as const, path: `generated-asset-boards/${id}` })) },
      { weight: 2, arbitrary: fc.tuple(pathSegment, fc.constantFrom('', '?rotate=1'), fc.constantFrom('POST' as const, 'DELETE' as const)).map(([id, query, method]) => ({ headers: {}, method, path: `generated-asset-boards/${id}/share${query}` })) },
      {
        weight: 3,
        arbitrary: fc
          .tuple(boardTokenArb, fc.oneof(fc.constant(''), fc.tuple(pathSegment, fc.constantFrom('/file', '/poster', '/thumbnail', '/sizes/thumbnail', '/sizes/original', '/sizes/x', '/file?download=1')).map(([id, part]) => `/items/${id}${part}`)), fc.constantFrom('application/json', 'text/html', '*/*'))
          .map(([token, part, accept]) => ({ headers: { accept }, method: 'GET' as const, path: `generated-asset-boards/share/${token}${part}` })),
      },
      { weight: 3, arbitrary: fc.tuple(boardTokenArb, pathSegment, bodyOf(reviewBody)).map(([token, id, b]) => ({ ...b, method: 'POST' as const, path: `generated-asset-boards/share/${token}/items/${id}/review` })) },
      // Payload's collection routes
      { weight: 6, arbitrary: queryArb(PAYLOAD_KEYS).map((q) => ({ headers: {}, method: 'GET' as const, path: `generated-assets${q}` })) },
      { weight: 2, arbitrary: queryArb(PAYLOAD_KEYS).map((q) => ({ headers: {}, method: 'GET' as const, path: `generated-assets/count${q}` })) },
      { weight: 4, arbitrary: fc.tuple(pathSegment, queryArb(PAYLOAD_KEYS)).map(([id, q]) => ({ headers: {}, method: 'GET' as const, path: `generated-assets/${id}${q}` })) },
      { weight: 4, arbitrary: bodyOf(documentBody).map((b) => ({ ...b, method: 'POST' as const, path: 'generated-assets' })) },
      { weight: 2, arbitrary: multipartBody.map((b) => ({ ...b, method: 'POST' as const, path: 'generated-assets' })) },
      { weight: 4, arbitrary: fc.tuple(pathSegment, bodyOf(documentBody), fc.constantFrom('', '?trash=true', '?depth=99', '?draft=true')).map(([id, b, q]) => ({ ...b, method: 'PATCH' as const, path: `generated-assets/${id}${q}` })) },
      { weight: 1, arbitrary: fc.tuple(pathSegment, multipartBody).map(([id, b]) => ({ ...b, method: 'PATCH' as const, path: `generated-assets/${id}` })) },
      { weight: 3, arbitrary: fc.tuple(queryArb(['where[id][equals]', 'where[id][in]', 'trash', 'limit']), bodyOf(documentBody)).map(([q, b]) => ({ ...b, method: 'PATCH' as const, path: `generated-assets${q}` })) },
      { weight: 3, arbitrary: fc.tuple(pathSegment, fc.constantFrom('', '?trash=true')).map(([id, q]) => ({ headers: {}, method: 'DELETE' as const, path: `generated-assets/${id}${q}` })) },
      { weight: 2, arbitrary: queryArb(['where[id][equals]', 'where[id][in]', 'where[prompt][like]', 'trash']).map((q) => ({ headers: {}, method: 'DELETE' as const, path: `generated-assets${q}` })) },
      { weight: 1, arbitrary: fc.tuple(pathSegment, bodyOf(documentBody)).map(([id, b]) => ({ ...b, method: 'POST' as const, path: `generated-assets/${id}/duplicate` })) },
      { weight: 4, arbitrary: fc.tuple(fileNameArb, fc.constantFrom('generated-assets', 'generated-asset-posters')).map(([name, slug]) => ({ headers: {}, method: 'GET' as const, path: `${slug}/file/${name}` })) },
      // GraphQL
      { weight: 6, arbitrary: graphqlBody.map((b) => ({ ...b, method: 'POST' as const, path: 'graphql' })) },
    ),
    fc.oneof({ weight: 3, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: extraHeaders }),
  )
  .map(([request, headers]) => ({ ...request, headers: { ...request.headers, ...(headers ?? {}) } }))

// ---------------------------------------------------------------------------------------------

/** A request for a failure report: method, path and the start of the body. */
const describeRequest = (request: FuzzRequest) =>
  `${request.method} /api/${request.path.slice(0, 300)} ${JSON.stringify(request.headers).slice(0, 200)} ${
    typeof request.body === 'string' ? request.body.slice(0, 300) : request.body instanceof FormData ? '[multipart]' : ''
  }`

const totals = { ms: 0, requests: 0, statuses: new Map<number, number>() }
/** Time spent per route, to see where a run's time goes. */
const routeTimes = new Map<string, { count: number; ms: number }>()
/** `POST generated-assets/:id/share`: the route a request went to, ids and tokens elided. */
const routeOf = (request: FuzzRequest) => {
  const [collection, second, third] = request.path.split('?')[0]!.split('/')
  const named = ['bulk', 'count', 'download-zip', 'events', 'file', 'gallery', 'generate', 'ingest', 'share']
  const rest = second === undefined ? '' : named.includes(second) ? `/${second}` : `/:id${third ? `/${third}` : ''}`
  return `${request.method} ${collection}${rest}`
}
/** Writes (not GET) that succeeded, per actor: the properties only mean something if the fuzz reached them. */
const writes: Record<Actor, number> = { A: 0, anonymous: 0, B: 0 }

/** Sends `RUNS` generated requests as `actor`; answers the ones that got a 5xx (or hung). */
const fuzz = async ({ actor, seed }: { actor: Actor; seed: number }) => {
  const failures: string[] = []
  const started = performance.now()
  // fast-check generates the requests (reproducibly from `seed`); the run checks no property of its
  // own: every 5xx is collected, not just the first, so one run shows them all, and asserted after.
  const batches = fc.sample(fc.array(requestArb, { maxLength: CONCURRENCY, minLength: CONCURRENCY }), {
    numRuns: Math.ceil(RUNS / CONCURRENCY),
    seed,
  })
  for (const batch of batches) {
    await Promise.all(
      batch.map(async (request) => {
        if (CONCURRENCY === 1) loggedErrors = []
        const started = performance.now()
        const { status, text } = await exchange({ actor, request })
        const route = routeOf(request)
        const time = routeTimes.get(route) ?? { count: 0, ms: 0 }
        routeTimes.set(route, { count: time.count + 1, ms: time.ms + performance.now() - started })
        totals.requests++
        totals.statuses.set(status, (totals.statuses.get(status) ?? 0) + 1)
        // GraphQL answers 200 even when it refuses: only REST writes count.
        if (request.method !== 'GET' && request.path !== 'graphql' && status >= 200 && status < 300) writes[actor]++
        if (status >= 500) {
          const logged = loggedErrors.map((error) => error.split('\n').slice(0, 6).join('\n    ').slice(0, 800)).join('\n  ')
          const failure = `${status} as ${actor}: ${describeRequest(request)}\n  → ${text.slice(0, 500)}\n  logged: ${logged}`
          failures.push(failure)
          if (process.env.FUZZ_REPORT) appendFileSync(process.env.FUZZ_REPORT, `${failure}\n`)
        }
      }),
    )
  }
  totals.ms += performance.now() - started
  return failures
}

beforeAll(async () => {
  app = await getApp()
  config = app.config
  handlers = { DELETE: REST_DELETE(config), GET: REST_GET(config), PATCH: REST_PATCH(config), POST: REST_POST(config) }
  // As the app's route does (src/app/(payload)/api/graphql/route.ts).
  graphqlHandler = withClientErrors(GRAPHQL_POST(config))
  captureErrorLog()
  users.A = await app.createUser()
  users.B = await app.createUser()
  users.C = await app.createUser()
  const stopWorker = app.startWorker()
  try {
    for (const [owner, count] of [['A', 2], ['B', 2], ['C', 3]] as const) {
      for (let index = 0; index < count; index++) {
        const response = await app.request('POST', 'generated-assets/generate', {
          body: { params: { size: '64x64' }, prompt: `fuzz seed ${owner} ${index}` },
          token: users[owner].token,
        })
        const { id } = await response.json()
        const doc = await app.waitForAsset(id, (asset) => asset.status === 'ready' || asset.status === 'failed', 60_000)
        known.ids.push(doc.id)
        known.filenames.push(...[doc.filename, doc.sizes.thumbnail.filename, doc.sizes.preview.filename].filter(Boolean))
        const shared = await app.request('POST', `generated-assets/${doc.id}/share`, { token: users[owner].token })
        known.tokens.push(new URL((await shared.json()).shareUrl).pathname.split('/').pop()!)
        if (index === 0) {
          // Each owner's board holds that owner's assets, and has a review link.
          const board = await app.request('POST', 'generated-asset-boards', { body: { title: `fuzz board ${owner}` }, token: users[owner].token })
          const boardId = (await board.json()).doc.id as number
          known.boardIds.push(boardId)
          const boardShare = await app.request('POST', `generated-asset-boards/${boardId}/share`, { token: users[owner].token })
          known.boardTokens.push(new URL((await boardShare.json()).shareUrl).pathname.split('/').pop()!)
        }
        await app.request('POST', 'generated-assets/bulk', { body: { action: 'addToBoard', board: known.boardIds.at(-1), ids: [doc.id] }, token: users[owner].token })
        // The last of each owner's assets goes to the trash.
        if (index === count - 1) {
          await app.request('PATCH', `generated-assets/${doc.id}`, { body: { deletedAt: new Date().toISOString() }, token: users[owner].token })
        }
      }
    }
  } finally {
    await stopWorker()
  }
}, 240_000)

afterAll(async () => {
  const seconds = totals.ms / 1000
  console.log(
    `fuzz: writes that succeeded ${JSON.stringify(writes)}; ${totals.requests} requests in ${seconds.toFixed(1)} s (${(totals.requests / seconds).toFixed(0)}/s), seed ${SEED}; statuses ${JSON.stringify(Object.fromEntries([...totals.statuses].sort(([a], [b]) => a - b)))}`,
  )
  const slowest = [...routeTimes].sort(([, a], [, b]) => b.ms - a.ms).slice(0, 8)
  console.log(`fuzz: time per route ${slowest.map(([route, { count, ms }]) => `${route} ${count}× ${(ms / 1000).toFixed(1)} s`).join('; ')}`)
  await app?.close()
})

describe('requests the fuzzing found answering 5xx, now 4xx with a message', () => {
  const deep = (depth: number) => `${'['.repeat(depth)}${']'.repeat(depth)}`
  const cases: [name: string, request: () => FuzzRequest, status: number, message: RegExp][] = [
    ['an id that is not a number', () => ({ headers: {}, method: 'GET', path: 'generated-assets/toString' }), 404, /Not Found/],
    ['an id past the integer range', () => ({ headers: {}, method: 'DELETE', path: 'generated-assets/2147483648' }), 404, /Not Found/],
    ['retry of an id past the integer range', () => ({ headers: {}, method: 'POST', path: 'generated-assets/2147483648/retry' }), 404, /Not Found/],
    ['a where on id with text', () => ({ headers: {}, method: 'GET', path: 'generated-assets?where[id][equals]=abc' }), 400, /where\.id\.equals: "abc" is not an id/],
    ['a where with an invalid date', () => ({ headers: {}, method: 'GET', path: 'generated-assets/count?where[deletedAt][less_than_equal]=2026-13-45' }), 400, /expected a date/],
    ['all on a field with one value', () => ({ headers: {}, method: 'GET', path: 'generated-assets?where[model][all]=x' }), 400, /all applies only/],
    ['an unknown operator', () => ({ headers: {}, method: 'GET', path: 'generated-assets?where[prompt][regex]=x' }), 400, /"regex" is not an operator/],
    ['a comparison inside a JSON field', () => ({ headers: {}, method: 'GET', path: 'generated-assets?where[params.seed][greater_than]=1' }), 400, /a JSON field takes only/],
    ['a text search on a JSON field', () => ({ headers: {}, method: 'GET', path: 'generated-assets/count?where[operation][contains]=1.5' }), 400, /a JSON field takes only/],
    ['a text search on a checkbox', () => ({ headers: {}, method: 'GET', path: 'generated-assets?where[starred][like]=' }), 400, /searches text/],
    ['a text search on a select, across a relationship', () => ({ headers: {}, method: 'GET', path: 'generated-assets?where[createdBy.roles][like]=' }), 400, /searches text/],
    ['a text search on a select', () => ({ headers: {}, method: 'GET', path: 'generated-assets?where[status][contains]=rea' }), 400, /searches text/],
    ['a value a select does not have', () => ({ headers: {}, method: 'GET', path: 'generated-assets?where[status][equals]=bogus' }), 400, /"bogus" is not one of queued, /],
    ['a page past any number', () => ({ headers: {}, method: 'GET', path: 'generated-assets?page=1e308' }), 400, /page must be a whole number/],
    ['a create body of null', () => ({ body: 'null', headers: { 'content-type': 'application/json' }, method: 'POST', path: 'generated-assets' }), 400, /must be a JSON object/],
    ['a create body that is not JSON', () => ({ body: '{"prompt":', headers: { 'content-type': 'application/json' }, method: 'POST', path: 'generated-assets' }), 400, /not valid JSON/],
    ['a malformed multipart body', () => ({ body: '--zzz\r\nbroken', headers: { 'content-type': 'multipart/form-data; boundary=' }, method: 'POST', path: 'generated-assets' }), 400, /multipart|not a valid file upload/],
    ['text with a NUL character', () => ({ body: JSON.stringify({ kind: 'image', model: 'x', prompt: 'a\u0000b' }), headers: { 'content-type': 'application/json' }, method: 'POST', path: 'generated-assets' }), 400, /NUL/],
    ['a generation prompt with a NUL character', () => ({ body: JSON.stringify({ prompt: 'a\u0000b' }), headers: { 'content-type': 'application/json' }, method: 'POST', path: 'generated-assets/generate' }), 400, /NUL/],
    ['data nested 5,000 levels deep', () => ({ body: `{"kind":"image","model":"x","prompt":"deep","params":${'{"a":'.repeat(5000)}1${'}'.repeat(5000)}}`, headers: { 'content-type': 'application/json' }, method: 'POST', path: 'generated-assets' }), 400, /nested/],
    ['an array nested 100,000 levels deep', () => ({ body: deep(100_000), headers: { 'content-type': 'application/json' }, method: 'PATCH', path: `generated-assets/${known.ids[0]}` }), 400, /nested more than 32 levels/],
    ['a list for a field that holds one id', () => ({ body: JSON.stringify({ kind: 'image', model: 'local/image', parent: [], prompt: 'p' }), headers: { 'content-type': 'application/json' }, method: 'POST', path: 'generated-assets' }), 400, /wrong type/],
    ['a create that names a URL for Payload to fetch', () => ({ body: JSON.stringify({ filename: 'x.png', kind: 'image', model: 'x', prompt: 'p', url: 'http://169.254.169.254/latest/meta-data/' }), headers: { 'content-type': 'application/json' }, method: 'POST', path: 'generated-assets' }), 400, /import it with POST \/api\/generated-assets\/ingest/],
    ['GraphQL with a body that is not JSON', () => ({ body: '{', headers: { 'content-type': 'application/json' }, method: 'POST', path: 'graphql' }), 400, /Invalid JSON/],
  ]

  it.each(cases)('%s', async (_name, request, status, message) => {
    const before = await snapshotOthers('A')
    const answer = await exchange({ actor: 'A', request: request() })
    expect(answer.status).toBe(status)
    expect(JSON.parse(answer.text).errors[0].message).toMatch(message)
    expect(await snapshotOthers('A')).toEqual(before)
  })
})

describe(`fuzzing every route (seed ${SEED})`, () => {
  it.each([
    ['anonymous', 0],
    ['B', 1],
    ['A', 2],
  ] as const)('as %s: no 5xx, and nothing of anyone else changes', async (actor, offset) => {
    const before = await snapshotOthers(actor)
    const failures = await fuzz({ actor, seed: SEED + offset })
    expect(failures.slice(0, 20), `${failures.length} requests answered 5xx or hung`).toEqual([])
    // Editors changed their own assets along the way (so the check below is not vacuous); anonymous users nothing.
    if (actor !== 'anonymous') expect(writes[actor]).toBeGreaterThanOrEqual(Math.floor(RUNS / 100))
    const after = await snapshotOthers(actor)
    expect(after.accounts).toEqual(before.accounts)
    expect(after.assets).toEqual(before.assets)
    expect(after.rels).toEqual(before.rels)
    expect(after.posters).toEqual(before.posters)
    expect(after.files).toEqual(before.files)
  })
})
