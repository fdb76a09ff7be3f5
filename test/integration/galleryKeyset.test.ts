import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { type App, getApp } from '../helpers/app'

let app: App
let editor: Awaited<ReturnType<App['createUser']>>

type Pool = { query: (text: string, values?: unknown[]) => Promise<{ rows: any[] }> }
const pool = () => (app.payload.db as unknown as { pool: Pool }).pool

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
    const { rows } = await pool().query(
      `insert into generated_assets (prompt, model, model_name, kind, status, created_by_id, created_at, updated_at)
       select 'keyset ties ' || n, 'local/image', 'Local (offline)', 'image', 'ready', $1,
              timestamptz '2026-01-01T00:00:00Z' + ((n / 5) || ' minutes')::interval, now()
       from generate_series(0, 59) as n returning id, created_at`,
      [editor.id],
    )
    const oldestFirst = [...rows]
      .sort((a, b) => a.created_at.getTime() - b.created_at.getTime() || a.id - b.id)
      .map((row) => row.id as number)

    expect(await readAll('q=keyset%20ties&limit=7&sort=oldest')).toEqual(oldestFirst)
    expect(await readAll('q=keyset%20ties&limit=7')).toEqual([...oldestFirst].reverse())
  })
})
