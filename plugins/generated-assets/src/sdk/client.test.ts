import { PayloadSDK, PayloadSDKError } from '@payloadcms/sdk'
import { describe, expect, it } from 'vitest'

import { createGeneratedAssetsClient } from './client.js'

type Call = { body: null | string; headers: Headers; method: string; url: string }

/** A Payload SDK whose `fetch` records each call and answers with `respond`. */
const createSDK = (respond: (call: Call) => Response) => {
  const calls: Call[] = []
  const sdk = new PayloadSDK({
    baseInit: { headers: { Authorization: 'JWT token' } },
    baseURL: 'https://cms.example/api',
    fetch: (async (url: string, init: RequestInit) => {
      const call = {
        body: typeof init.body === 'string' ? init.body : null,
        headers: new Headers(init.headers),
        method: init.method!,
        url,
      }
      calls.push(call)
      return respond(call)
    }) as typeof fetch,
  })
  return { calls, client: createGeneratedAssetsClient({ sdk }) }
}

describe('createGeneratedAssetsClient', () => {
  it("sends each method to its endpoint through the SDK's request, with the SDK's headers", async () => {
    const { calls, client } = createSDK(() => Response.json({ ok: true }))
    await client.generate({ n: 2, prompt: 'a fox' })
    await client.gallery({ cursor: 'abc', from: new Date('2025-01-02T03:04:05.000Z'), limit: 10, starred: true })
    await client.gallery()
    await client.share(7, { rotate: true })
    await client.share('x/y')
    await client.revoke(7)
    await client.retry(7)
    await client.bulk({ action: 'star', ids: [1, 2] })
    await client.ingest({ url: 'https://images.example/a.png' })
    expect(calls.map(({ body, method, url }) => [method, url, body])).toEqual([
      ['POST', 'https://cms.example/api/generated-assets/generate', '{"n":2,"prompt":"a fox"}'],
      [
        'GET',
        'https://cms.example/api/generated-assets/gallery?cursor=abc&from=2025-01-02T03%3A04%3A05.000Z&limit=10&starred=true',
        null,
      ],
      ['GET', 'https://cms.example/api/generated-assets/gallery', null],
      ['POST', 'https://cms.example/api/generated-assets/7/share', '{"rotate":true}'],
      ['POST', 'https://cms.example/api/generated-assets/x%2Fy/share', '{}'],
      ['DELETE', 'https://cms.example/api/generated-assets/7/share', null],
      ['POST', 'https://cms.example/api/generated-assets/7/retry', '{}'],
      ['POST', 'https://cms.example/api/generated-assets/bulk', '{"action":"star","ids":[1,2]}'],
      ['POST', 'https://cms.example/api/generated-assets/ingest', '{"url":"https://images.example/a.png"}'],
    ])
    expect(calls.every((call) => call.headers.get('authorization') === 'JWT token')).toBe(true)
  })

  it("throws the SDK's error with the status and the server's messages", async () => {
    const { client } = createSDK(() => Response.json({ errors: [{ message: 'A prompt is required.' }] }, { status: 400 }))
    const error = await client.generate({ prompt: '' }).catch((caught: unknown) => caught)
    expect(error).toBeInstanceOf(PayloadSDKError)
    expect(error).toMatchObject({ errors: [{ message: 'A prompt is required.' }], message: 'A prompt is required.', status: 400 })
  })

  it('iterates the SSE stream: known events with their data, comments and unknown events skipped', async () => {
    const chunks = [
      'retry: 3000\n: connected\n\n',
      'event: generation_started\ndata: {"id":1,"kind":"image","status":"generating"}\n\n',
      'event: something_new\ndata: {}\n\n: heartbeat\n\nevent: generation_comp',
      'lete\ndata: {"id":1,"kind":"image","status":"ready","asset":{"id":1}}\n\n',
    ]
    const { calls, client } = createSDK(
      () =>
        new Response(
          new ReadableStream({
            start: (controller) => {
              for (const chunk of chunks) controller.enqueue(new TextEncoder().encode(chunk))
              controller.close()
            },
          }),
          { headers: { 'Content-Type': 'text/event-stream' } },
        ),
    )
    const stream = client.events()
    // Connected before the first next(): the request went out when events() was called.
    await stream.opened
    expect(calls).toHaveLength(1)
    const events = []
    for await (const event of stream) events.push(event)
    expect(events).toEqual([
      { id: 1, kind: 'image', status: 'generating', type: 'generation_started' },
      { asset: { id: 1 }, id: 1, kind: 'image', status: 'ready', type: 'generation_complete' },
    ])
    expect(calls[0]).toMatchObject({ method: 'GET', url: 'https://cms.example/api/generated-assets/events' })
    expect(calls[0]!.headers.get('accept')).toBe('text/event-stream')
    expect(calls[0]!.headers.get('authorization')).toBe('JWT token')
  })

  it('rejects opened and the iteration with the SDK error of a refused stream', async () => {
    const { client } = createSDK(() => Response.json({ errors: [{ message: 'You must be logged in.' }] }, { status: 401 }))
    const stream = client.events()
    await expect(stream.opened).rejects.toMatchObject({ status: 401 })
    await expect(stream.next()).rejects.toBeInstanceOf(PayloadSDKError)
  })

  it('ends the iteration without an error when the signal aborts, and closes the stream', async () => {
    let cancelled = false
    const { client } = createSDK(
      () =>
        new Response(
          new ReadableStream({
            cancel: () => {
              cancelled = true
            },
            start: (controller) =>
              controller.enqueue(new TextEncoder().encode('event: generation_progress\ndata: {"id":2,"kind":"image","status":"queued"}\n\n')),
          }),
        ),
    )
    const controller = new AbortController()
    const seen: unknown[] = []
    const loop = (async () => {
      for await (const event of client.events({ signal: controller.signal })) {
        seen.push(event)
        controller.abort()
      }
    })()
    await expect(loop).resolves.toBeUndefined()
    expect(seen).toHaveLength(1)
    expect(cancelled).toBe(true)
  })
})
