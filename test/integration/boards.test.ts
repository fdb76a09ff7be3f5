/**
 * Boards and their client review links, as editors and visitors use them over REST and GraphQL:
 * making a board, adding assets by selection and by "all matching", the `board` and `verdict`
 * filters, the sidebar summary, the access rules (owner, another editor, anonymous), the public
 * review page and JSON, visitors' verdicts and comments, and every way a link or an item stops
 * being reachable (not on the board, trashed, rotated, revoked, another board's token).
 * Real database (Postgres or SQLite), s3rver through storage-s3, sharp.
 */
import sharp from 'sharp'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { type App, getApp } from '../helpers/app'

let app: App
let owner: Awaited<ReturnType<App['createUser']>>
let other: Awaited<ReturnType<App['createUser']>>
let stopWorker: () => Promise<void>
/** Four ready images of the owner's, and one of the other editor's. */
let assets: (number | string)[]
let othersAsset: number | string

const generate = async (token: string, body: Record<string, unknown>) => {
  const response = await app.request('POST', 'generated-assets/generate', { body, token })
  expect(response.status, await response.clone().text()).toBe(202)
  const answer = (await response.json()) as { id: number | string; items?: { id: number | string }[] }
  const ids = answer.items?.map((item) => item.id) ?? [answer.id]
  for (const id of ids) await app.waitForAsset(id, (doc) => doc.status === 'ready' || doc.status === 'failed', 60_000)
  return ids
}

const createBoard = async (token: string, data: Record<string, unknown> = {}) => {
  const response = await app.request('POST', 'generated-asset-boards', { body: { title: 'Spring campaign', ...data }, token })
  expect(response.status, await response.clone().text()).toBe(201)
  return ((await response.json()) as { doc: { id: number | string } }).doc.id
}

const bulk = (token: string, body: Record<string, unknown>) => app.request('POST', 'generated-assets/bulk', { body, token })

const galleryIds = async (token: string, query: string) => {
  const response = await app.request('GET', `generated-assets/gallery?${query}`, { token })
  expect(response.status, await response.clone().text()).toBe(200)
  return ((await response.json()) as { items: { id: number | string }[] }).items.map((item) => item.id)
}

/** A path under the API route from an absolute URL the app handed out. */
const apiPath = (url: string) => new URL(url).pathname.replace(/^\/api\//, '') + new URL(url).search

const share = async (token: string, board: number | string, query = '') => {
  const response = await app.request('POST', `generated-asset-boards/${board}/share${query}`, { token })
  expect(response.status, await response.clone().text()).toBe(200)
  return ((await response.json()) as { shareUrl: string }).shareUrl
}

const reviewJSON = (shareUrl: string) => app.request('GET', apiPath(shareUrl), { headers: { Accept: 'application/json' } })

const review = (shareUrl: string, assetId: number | string, body: unknown, headers: Record<string, string> = {}) =>
  app.request('POST', `${apiPath(shareUrl)}/items/${assetId}/review`, { body, headers })

const sorted = (ids: (number | string)[]) => ids.map(String).sort()

beforeAll(async () => {
  app = await getApp()
  owner = await app.createUser()
  other = await app.createUser()
  stopWorker = app.startWorker()
  assets = await generate(owner.token, { n: 4, params: { size: '640x480' }, prompt: 'a lighthouse at dawn' })
  ;[othersAsset] = await generate(other.token, { prompt: 'the other editor’s picture' })
}, 240_000)

afterAll(async () => {
  await stopWorker?.()
  await app?.close()
})

describe('boards', () => {
  it('collects assets by selection and by filter, and the gallery, GraphQL and the summary show them', async () => {
    const board = await createBoard(owner.token)
    const added = await bulk(owner.token, { action: 'addToBoard', board, ids: assets.slice(0, 3) })
    expect(added.status, await added.clone().text()).toBe(200)
    expect(await added.json()).toMatchObject({ action: 'addToBoard', changed: 3, failed: [], matched: 3 })
    // Adding again changes nothing.
    expect(await (await bulk(owner.token, { action: 'addToBoard', board, ids: assets.slice(0, 3) })).json()).toMatchObject({ changed: 0, matched: 3 })

    expect(sorted(await galleryIds(owner.token, `board=${board}`))).toEqual(sorted(assets.slice(0, 3)))
    const graphql = await app.graphql(`{ generatedAssetsGallery(board: "${board}") { items { id boards { id } } } }`, { token: owner.token })
    expect(graphql.errors).toBeUndefined()
    expect(sorted(graphql.data.generatedAssetsGallery.items.map((item: { id: number }) => item.id))).toEqual(sorted(assets.slice(0, 3)))

    const summary = await (await app.request('GET', 'generated-asset-boards/summary', { token: owner.token })).json()
    expect(summary.docs.find((entry: { id: unknown }) => String(entry.id) === String(board))).toMatchObject({ count: 3, shareUrl: null, title: 'Spring campaign' })

    // "All matching": remove every asset of the board that matches a prompt search.
    const removed = await bulk(owner.token, { action: 'removeFromBoard', board, filter: { board: String(board), q: 'lighthouse' } })
    expect(await removed.json()).toMatchObject({ changed: 3, matched: 3 })
    expect(await galleryIds(owner.token, `board=${board}`)).toEqual([])
  })

  it("keeps other editors out: they neither see a board nor put assets on it, and deleting a board keeps its assets", async () => {
    const board = await createBoard(owner.token, { title: 'Private board' })
    await bulk(owner.token, { action: 'addToBoard', board, ids: [assets[0]] })

    expect((await app.request('GET', `generated-asset-boards/${board}`, { token: other.token })).status).toBe(404)
    expect((await app.request('GET', `generated-asset-boards/${board}`)).status).toBe(403)
    const summary = await (await app.request('GET', 'generated-asset-boards/summary', { token: other.token })).json()
    expect(summary.docs.map((entry: { id: unknown }) => String(entry.id))).not.toContain(String(board))
    expect((await app.request('GET', 'generated-asset-boards/summary')).status).toBe(401)

    const refused = await bulk(other.token, { action: 'addToBoard', board, ids: [othersAsset] })
    expect(refused.status).toBe(404)
    expect((await refused.json()).errors[0].message).toMatch(/board/i)
    const patched = await app.request('PATCH', `generated-assets/${othersAsset}`, { body: { boards: [board] }, token: other.token })
    expect(patched.status).toBe(400)
    expect(await galleryIds(owner.token, `board=${board}`)).toEqual([assets[0]])
    // The other editor's gallery filtered by the board shows nothing of the owner's.
    expect(await galleryIds(other.token, `board=${board}`)).toEqual([])

    for (const body of [{ action: 'addToBoard', ids: [assets[0]] }, { action: 'addToBoard', board: { id: 1 }, ids: [assets[0]] }]) {
      const response = await bulk(owner.token, body)
      expect(response.status).toBe(400)
      expect((await response.json()).errors[0].message).toMatch(/board/)
    }
    expect((await app.request('GET', 'generated-assets/gallery?board=../x', { token: owner.token })).status).toBe(400)
    expect((await app.request('GET', 'generated-assets/gallery?verdict=maybe', { token: owner.token })).status).toBe(400)

    expect((await app.request('DELETE', `generated-asset-boards/${board}`, { token: owner.token })).status).toBe(200)
    const asset = await (await app.request('GET', `generated-assets/${assets[0]}?depth=0`, { token: owner.token })).json()
    expect(asset.status).toBe('ready')
    expect(asset.boards.map(String)).not.toContain(String(board))
  })
})

describe('review links', () => {
  it('show the board to anyone with the link, prompts hidden unless the owner shows them, with working renditions', async () => {
    const board = await createBoard(owner.token, { description: 'Pick the <b>best</b> one' })
    await bulk(owner.token, { action: 'addToBoard', board, ids: assets.slice(0, 3) })
    expect((await app.request('POST', `generated-asset-boards/${board}/share`, { token: other.token })).status).toBe(404)
    expect((await app.request('POST', `generated-asset-boards/${board}/share`)).status).toBe(401)
    const shareUrl = await share(owner.token, board)
    expect(new URL(shareUrl).pathname).toMatch(/^\/api\/generated-asset-boards\/share\/[\w-]{32}$/)

    const json = await (await reviewJSON(shareUrl)).json()
    expect(json.title).toBe('Spring campaign')
    expect(json.description).toBe('Pick the <b>best</b> one')
    expect(sorted(json.items.map((item: { id: unknown }) => item.id))).toEqual(sorted(assets.slice(0, 3)))
    expect(JSON.stringify(json)).not.toContain('lighthouse')
    for (const item of json.items) {
      expect(item).toMatchObject({ comments: [], height: 480, kind: 'image', verdict: null, width: 640 })
      expect(item.sizes.map((size: { name: string }) => size.name)).toEqual(['thumbnail', 'original'])
      for (const size of item.sizes) {
        let response = await app.request('GET', apiPath(size.url))
        if (response.status === 302) response = await fetch(response.headers.get('location')!)
        expect([size.name, response.status]).toEqual([size.name, 200])
        expect((await sharp(Buffer.from(await response.arrayBuffer())).metadata()).width).toBe(size.width)
      }
    }
    const page = await app.request('GET', apiPath(shareUrl), { headers: { Accept: 'text/html' } })
    expect(page.status).toBe(200)
    const html = await page.text()
    expect(html).toContain('Pick the &#60;b&#62;best&#60;/b&#62; one')
    expect(html.match(/<article /g)).toHaveLength(3)
    expect(html).not.toContain('lighthouse')

    await app.request('PATCH', `generated-asset-boards/${board}`, { body: { showPrompts: true }, token: owner.token })
    const withPrompts = await (await reviewJSON(shareUrl)).json()
    expect(withPrompts.items[0]).toMatchObject({ model: 'local/image', prompt: 'a lighthouse at dawn' })
  })

  it('take verdicts and comments from visitors, stored on the asset and shown to its owner only', async () => {
    const board = await createBoard(owner.token)
    await bulk(owner.token, { action: 'addToBoard', board, ids: assets.slice(0, 2) })
    const shareUrl = await share(owner.token, board)

    const approved = await review(shareUrl, assets[0]!, { name: 'Client', verdict: 'approved' })
    expect(approved.status, await approved.clone().text()).toBe(200)
    expect(await approved.json()).toEqual({ comments: [], verdict: 'approved' })
    const comment = '<script>alert(1)</script> warmer light, please'
    const commented = await review(shareUrl, assets[1]!, { comment, name: 'Client' })
    expect((await commented.json()).comments).toMatchObject([{ comment, name: 'Client', verdict: null }])

    expect(await galleryIds(owner.token, `board=${board}&verdict=approved`)).toEqual([assets[0]])
    expect(await galleryIds(owner.token, `board=${board}&verdict=none`)).toEqual([assets[1]])
    const html = await (await app.request('GET', apiPath(shareUrl), { headers: { Accept: 'text/html' } })).text()
    expect(html).not.toContain('<script>alert(1)</script>')
    expect(html).toContain('&#60;script&#62;alert(1)&#60;/script&#62; warmer light, please')

    const reviews = await app.request('GET', `generated-asset-reviews?where[asset][equals]=${assets[1]}`, { token: owner.token })
    expect((await reviews.json()).docs).toMatchObject([{ comment, name: 'Client' }])
    expect((await (await app.request('GET', `generated-asset-reviews?where[asset][equals]=${assets[1]}`, { token: other.token })).json()).docs).toEqual([])
    expect((await app.request('GET', 'generated-asset-reviews')).status).toBe(403)

    // Clearing the verdict.
    expect(await (await review(shareUrl, assets[0]!, { verdict: null })).json()).toMatchObject({ verdict: null })
    expect(await galleryIds(owner.token, `board=${board}&verdict=approved`)).toEqual([])
  })

  it('refuse bad reviews with a 400 and change nothing', async () => {
    const board = await createBoard(owner.token)
    await bulk(owner.token, { action: 'addToBoard', board, ids: [assets[2]] })
    const shareUrl = await share(owner.token, board)
    const count = async () =>
      (await app.payload.count({ collection: 'generated-asset-reviews', where: { asset: { equals: assets[2] } } })).totalDocs
    const before = await count()
    for (const body of [
      { verdict: 'maybe' },
      { comment: 'x'.repeat(2001) },
      {},
      { comment: '   ' },
      { name: 'x'.repeat(101), verdict: 'approved' },
      { extra: true, verdict: 'approved' },
      'not json',
      [],
    ]) {
      const response = await review(shareUrl, assets[2]!, body)
      expect([JSON.stringify(body).slice(0, 40), response.status]).toEqual([JSON.stringify(body).slice(0, 40), 400])
      expect((await response.json()).errors[0].message).toBeTruthy()
    }
    expect(await count()).toBe(before)
    expect((await app.payload.findByID({ collection: 'generated-assets', id: assets[2]! })).verdict ?? null).toBeNull()
  })

  it('reach nothing outside the board, and stop at once when rotated, revoked, or the asset is trashed', async () => {
    const board = await createBoard(owner.token)
    const otherBoard = await createBoard(owner.token, { title: 'Other' })
    await bulk(owner.token, { action: 'addToBoard', board, ids: [assets[0], assets[1]] })
    await bulk(owner.token, { action: 'addToBoard', board: otherBoard, ids: [assets[3]] })
    const shareUrl = await share(owner.token, board)
    const otherUrl = await share(owner.token, otherBoard)
    const item = (url: string, id: number | string, part = 'file') => app.request('GET', `${apiPath(url)}/items/${id}/${part}`)

    expect((await item(shareUrl, assets[0]!)).status).not.toBe(404)
    // Not on this board (on another one, or nobody's board), and ids that cannot exist.
    for (const id of [assets[3]!, othersAsset, 'abc', '99999999']) {
      expect([id, (await item(shareUrl, id)).status]).toEqual([id, 404])
      expect([id, (await review(shareUrl, id, { verdict: 'approved' })).status]).toEqual([id, 404])
    }
    expect((await item(otherUrl, assets[0]!)).status).toBe(404)
    expect((await item(shareUrl, assets[0]!, 'sizes/nonexistent')).status).toBe(404)

    // Trashed: gone from the page and from every route; restored: back.
    await app.request('PATCH', `generated-assets/${assets[1]}`, { body: { deletedAt: new Date().toISOString() }, token: owner.token })
    expect((await (await reviewJSON(shareUrl)).json()).items.map((entry: { id: unknown }) => entry.id)).toEqual([assets[0]])
    expect((await item(shareUrl, assets[1]!)).status).toBe(404)
    expect((await review(shareUrl, assets[1]!, { verdict: 'approved' })).status).toBe(404)
    await bulk(owner.token, { action: 'restore', ids: [assets[1]] })
    expect((await item(shareUrl, assets[1]!)).status).not.toBe(404)

    // Removed from the board: unreachable through it.
    await bulk(owner.token, { action: 'removeFromBoard', board, ids: [assets[1]] })
    expect((await item(shareUrl, assets[1]!)).status).toBe(404)

    const rotated = await share(owner.token, board, '?rotate=1')
    expect(rotated).not.toBe(shareUrl)
    expect((await reviewJSON(shareUrl)).status).toBe(404)
    expect((await item(shareUrl, assets[0]!)).status).toBe(404)
    expect((await reviewJSON(rotated)).status).toBe(200)
    expect((await app.request('DELETE', `generated-asset-boards/${board}/share`, { token: other.token })).status).toBe(404)
    expect((await app.request('DELETE', `generated-asset-boards/${board}/share`, { token: owner.token })).status).toBe(200)
    expect((await reviewJSON(rotated)).status).toBe(404)
    expect((await review(rotated, assets[0]!, { verdict: 'approved' })).status).toBe(404)
    expect((await app.request('GET', 'generated-asset-boards/share/not-a-token!')).status).toBe(404)
  })

  it('limit how many reviews one visitor sends through a link', async () => {
    const board = await createBoard(owner.token)
    await bulk(owner.token, { action: 'addToBoard', board, ids: [assets[3]] })
    const shareUrl = await share(owner.token, board)
    const headers = { 'X-Forwarded-For': '203.0.113.7' }
    const statuses: number[] = []
    for (let index = 0; index < 31; index++) statuses.push((await review(shareUrl, assets[3]!, { comment: `note ${index}` }, headers)).status)
    expect(statuses.slice(0, 30).every((status) => status === 200)).toBe(true)
    const limited = await review(shareUrl, assets[3]!, { comment: 'one more' }, headers)
    expect(limited.status).toBe(429)
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0)
    // Another visitor is not held back by the first.
    expect((await review(shareUrl, assets[3]!, { comment: 'from elsewhere' }, { 'X-Forwarded-For': '198.51.100.4' })).status).toBe(200)
  })

  it('lets an asset with reviews be deleted permanently, reviews and all', async () => {
    const [id] = await generate(owner.token, { prompt: 'to be deleted' })
    const board = await createBoard(owner.token)
    await bulk(owner.token, { action: 'addToBoard', board, ids: [id] })
    const shareUrl = await share(owner.token, board)
    expect((await review(shareUrl, id!, { comment: 'fine', verdict: 'approved' })).status).toBe(200)
    const deleted = await bulk(owner.token, { action: 'delete', ids: [id] })
    expect(await deleted.json()).toMatchObject({ changed: 1, failed: [] })
    expect((await app.payload.count({ collection: 'generated-asset-reviews', where: { asset: { equals: id } } })).totalDocs).toBe(0)
  })

  it("the Postgres fast path and the public path (the adapter's find) list the same items", async () => {
    const [video] = await generate(owner.token, { model: 'local/video', params: { duration: 1 }, prompt: 'a short clip for the board' })
    const board = await createBoard(owner.token, { showPrompts: true })
    await bulk(owner.token, { action: 'addToBoard', board, ids: [...assets, video] })
    const shareUrl = await share(owner.token, board)
    expect((await review(shareUrl, assets[1]!, { comment: 'the second', verdict: 'rejected' })).status).toBe(200)
    const read = async () => (await reviewJSON(shareUrl)).json()
    const fast = await read()
    expect(fast.items.map((item: { id: unknown }) => item.id)).toEqual([video, ...[...assets].reverse()])
    expect(fast.items[0]).toMatchObject({ kind: 'video', posterUrl: expect.stringMatching(/\/poster$/) })
    expect(fast.items[0].sizes.length).toBeGreaterThan(0)
    // The public path: the plugin sees no `pg` pool (getDatabaseKind answers `other`); drizzle keeps its own.
    const db = app.payload.db as unknown as { find: (...args: unknown[]) => unknown; pool: unknown }
    const { find, pool } = db
    let findCalls = 0
    db.find = function (this: unknown, ...args: unknown[]) {
      findCalls++
      return find.apply(this, args)
    }
    db.pool = undefined
    try {
      expect(await read()).toEqual(fast)
      expect(findCalls).toBeGreaterThan(0)
    } finally {
      db.pool = pool
      db.find = find
    }
  })
})
