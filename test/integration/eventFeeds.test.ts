/**
 * Live events across processes come from one of two change feeds: Postgres `LISTEN/NOTIFY` (the
 * collection's hooks notify on every status change), or, on every other database, a poll of the
 * assets whose `updatedAt` moved (`pollAssetChanges`). On Postgres both run side by side here
 * and must agree on what a gallery needs: the same terminal event (ready or failed) of each
 * asset, exactly once, and every trash and restore. The poll coalesces states that pass within
 * one look (queued → generating → ingesting), so intermediate states are not compared. On SQLite
 * only the poll runs, and is held to the same expectations.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { listenForNotifications } from '../../plugins/generated-assets/dist/adapters/postgres/listenForNotifications.js'
import { pollAssetChanges } from '../../plugins/generated-assets/dist/events/pollAssetChanges.js'
import { type App, getApp } from '../helpers/app'
import { isSQLite } from '../helpers/database'

type Seen = { deleted?: boolean; id: number | string; status: string }

let app: App
let token: string
let stopWorker: () => Promise<void>
const feeds: Record<string, Seen[]> = { notify: [], poll: [] }
const closers: { close: () => void }[] = []

beforeAll(async () => {
  app = await getApp()
  token = (await app.createUser()).token
  closers.push(
    pollAssetChanges({
      collectionSlug: 'generated-assets',
      onEvent: (event) => feeds.poll!.push(event),
      payload: app.payload,
    }),
  )
  if (!isSQLite) {
    closers.push(
      listenForNotifications({
        channel: 'generated_assets_events',
        onPayload: (message) => feeds.notify!.push(JSON.parse(message)),
        payload: app.payload,
      }),
    )
  }
  // Let the LISTEN connection settle before anything changes.
  await new Promise((resolve) => setTimeout(resolve, 500))
  stopWorker = app.startWorker()
})
afterAll(async () => {
  for (const feed of closers) feed.close()
  await stopWorker?.()
  await app?.close()
})

const waitFor = async (check: () => boolean, message: string, timeout = 20_000) => {
  const deadline = Date.now() + timeout
  while (!check()) {
    if (Date.now() > deadline) throw new Error(message)
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
}

/** What a gallery acts on, per asset: terminal states and removals, in order. */
const terminalOf = (events: Seen[], id: number | string) =>
  events
    .filter((event) => String(event.id) === String(id))
    .filter((event) => event.deleted || event.status === 'ready' || event.status === 'failed')
    .map((event) => (event.deleted ? 'removed' : event.status))

describe('the change feeds', () => {
  it('deliver each generation\'s ready event once, and every trash and restore, from the worker and the app', async () => {
    const ids: (number | string)[] = []
    for (const prompt of ['a red kite', 'a blue kite', 'a green kite']) {
      const response = await app.request('POST', 'generated-assets/generate', {
        body: { params: { size: '64x64' }, prompt },
        token,
      })
      expect(response.status).toBe(202)
      ids.push(((await response.json()) as { id: number | string }).id)
    }
    const active = isSQLite ? ['poll'] : ['notify', 'poll']
    await waitFor(
      () => active.every((feed) => ids.every((id) => terminalOf(feeds[feed]!, id).includes('ready'))),
      `not every feed saw every asset ready: ${JSON.stringify(feeds)}`,
    )
    // Trash the first asset, then restore it (both are updates: deletedAt set, then cleared).
    const trashed = await app.request('POST', 'generated-assets/bulk', { body: { action: 'trash', ids: [ids[0]] }, token })
    expect(trashed.status).toBe(200)
    await waitFor(
      () => active.every((feed) => terminalOf(feeds[feed]!, ids[0]!).includes('removed')),
      'a feed missed the trash',
    )
    await app.payload.update({
      collection: 'generated-assets',
      data: { deletedAt: null },
      id: ids[0]!,
      overrideAccess: true,
      trash: true,
    })
    await waitFor(
      () => active.every((feed) => terminalOf(feeds[feed]!, ids[0]!).filter((state) => state === 'ready').length === 2),
      'a feed missed the restore',
    )
    // Nothing more arrives late: the poll's look-back window delivers nothing twice.
    await new Promise((resolve) => setTimeout(resolve, 6000))
    for (const feed of active) {
      expect(terminalOf(feeds[feed]!, ids[0]!)).toEqual(['ready', 'removed', 'ready'])
      expect(terminalOf(feeds[feed]!, ids[1]!)).toEqual(['ready'])
      expect(terminalOf(feeds[feed]!, ids[2]!)).toEqual(['ready'])
    }
  })
})
