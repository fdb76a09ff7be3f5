import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { type App, getApp } from '../helpers/app'
import { insertRows } from '../helpers/database'

let app: App
let editor: Awaited<ReturnType<App['createUser']>>

beforeAll(async () => {
  app = await getApp()
  editor = await app.createUser()
})

afterAll(async () => {
  await app?.close()
})

/** Follows `nextCursor` from the first page to the last; answers the ids in the order received. */
const readAll = async (query: string) => {
  const ids: number[] = []
  let cursor: null | string = null
  for (let page = 0; page < 100; page++) {
    const response = await app.request(
      'GET',
      `generated-assets/gallery?${query}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
      { token: editor.token },
    )
    expect(response.status).toBe(200)
    const body = (await response.json()) as { items: { id: number }[]; nextCursor: null | string }
    ids.push(...body.items.map((item) => item.id))
    cursor = body.nextCursor
    if (!cursor) break
  }
  return ids
}

describe('gallery keyset pages', () => {
  it('yields assets that share a createdAt exactly once, in order, newest and oldest first', async () => {
    // 60 assets, five to each instant: a page boundary falls inside a group of equal createdAt.
    const rows = await insertRows({
      payload: app.payload,
      rows: Array.from({ length: 60 }, (_, n) => ({
        createdAt: new Date(Date.parse('2026-01-01T00:00:00Z') + Math.floor(n / 5) * 60_000).toISOString(),
        createdBy: editor.id,
        kind: 'image',
        model: 'local/image',
        modelName: 'Local (offline)',
        prompt: `keyset ties ${n}`,
        status: 'ready',
        updatedAt: new Date().toISOString(),
      })),
      table: 'generated_assets',
    })
    const oldestFirst = [...rows]
      .sort((a, b) => Date.parse(a.createdAt) - Date.parse(b.createdAt) || a.id - b.id)
      .map((row) => row.id as number)

    expect(await readAll('q=keyset%20ties&limit=7&sort=oldest')).toEqual(oldestFirst)
    expect(await readAll('q=keyset%20ties&limit=7')).toEqual([...oldestFirst].reverse())
  })
})
