import { createParser, type EventSourceMessage } from 'eventsource-parser'

import type { App } from './app'

/** One parsed Server-Sent Event: its name and its JSON data. */
export type ReceivedEvent = { data: any; event: string }

/**
 * Opens `GET /api/generated-assets/events` as a user through the app's real route handler and
 * parses the stream with `eventsource-parser` (the WHATWG event-stream format).
 * `ready` resolves once the stream is open; `waitFor` resolves with the first event (seen or
 * future) that matches, or rejects after `timeout` ms.
 */
export const readEvents = ({ app, token }: { app: App; token: string }) => {
  const events: ReceivedEvent[] = []
  const waiters: { predicate: (event: ReceivedEvent) => boolean; resolve: (event: ReceivedEvent) => void }[] = []
  const controller = new AbortController()
  const parser = createParser({
    onEvent: (message: EventSourceMessage) => {
      const event = { data: JSON.parse(message.data), event: message.event ?? 'message' }
      events.push(event)
      for (const waiter of [...waiters]) {
        if (waiter.predicate(event)) {
          waiters.splice(waiters.indexOf(waiter), 1)
          waiter.resolve(event)
        }
      }
    },
  })
  const ready = (async () => {
    const response = await app.request('GET', 'generated-assets/events', { headers: { accept: 'text/event-stream' }, signal: controller.signal, token })
    if (response.status !== 200) throw new Error(`events answered ${response.status}`)
    const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader()
    void (async () => {
      try {
        for (;;) {
          const { done, value } = await reader.read()
          if (done) break
          parser.feed(value)
        }
      } catch {
        // closed
      }
    })()
  })()
  return {
    close: () => controller.abort(),
    events,
    ready,
    waitFor: (predicate: (event: ReceivedEvent) => boolean, timeout = 30_000) =>
      new Promise<ReceivedEvent>((resolve, reject) => {
        const seen = events.find(predicate)
        if (seen) return resolve(seen)
        const timer = setTimeout(() => reject(new Error('no matching event arrived')), timeout)
        waiters.push({ predicate, resolve: (event) => (clearTimeout(timer), resolve(event)) })
      }),
  }
}
