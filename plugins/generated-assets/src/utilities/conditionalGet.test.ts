import { describe, expect, it } from 'vitest'

import { entityTagOf, isNotModified, respondWithEntityTag } from './conditionalGet.js'

const request = (headers: Record<string, string>) => ({ headers: new Headers(headers) })

describe('conditional GET', () => {
  it('answers 304 with the validators and caching headers, and no body, to a matching If-None-Match', async () => {
    const etag = entityTagOf('{"a":1}')
    for (const ifNoneMatch of [etag, `W/${etag}`, `"other", ${etag}`, '*']) {
      const response = respondWithEntityTag({
        body: '{"a":1}',
        headers: { 'Cache-Control': 'private, no-cache', 'Content-Type': 'application/json', Vary: 'Cookie' },
        request: request({ 'If-None-Match': ifNoneMatch }),
      })
      expect([ifNoneMatch, response.status]).toEqual([ifNoneMatch, 304])
      expect(response.body).toBeNull()
      expect(Object.fromEntries(response.headers)).toEqual({
        'cache-control': 'private, no-cache',
        etag,
        vary: 'Cookie',
      })
    }
  })

  it('answers the body with its ETag otherwise', async () => {
    const response = respondWithEntityTag({ body: 'x', headers: {}, request: request({ 'If-None-Match': '"nope"' }) })
    expect(response.status).toBe(200)
    expect(response.headers.get('etag')).toBe(entityTagOf('x'))
    expect(await response.text()).toBe('x')
  })

  it("evaluates If-None-Match even with the request's Cache-Control: no-cache (fetch adds it)", () => {
    const etag = entityTagOf('x')
    expect(
      isNotModified({
        requestHeaders: new Headers({ 'Cache-Control': 'no-cache', 'If-None-Match': etag }),
        responseHeaders: new Headers({ ETag: etag }),
      }),
    ).toBe(true)
  })
})
