'use client'
import { useCallback, useEffect, useState } from 'react'

import type { GeneratedAssetsT } from '../../translations/types.js'

import { readError } from './galleryApi.js'

/** One board as the gallery lists it (the boards collection's `GET /summary`). */
export type GalleryBoard = { count: number; id: number | string; shareUrl: null | string; showPrompts: boolean; title: string }

/** The boards the editor may read, and what the gallery does with them. */
export type GalleryBoards = {
  boards: GalleryBoard[]
  /** Makes a board; answers it. @throws with the server's message */
  create: (title: string) => Promise<GalleryBoard>
  /** Deletes a board (its assets stay). @throws with the server's message */
  remove: (id: number | string) => Promise<void>
  /** Reads the boards and their counts again (after a bulk action or a live change). */
  reload: () => void
  /** Renames a board. @throws with the server's message */
  rename: (id: number | string, title: string) => Promise<void>
  /** The board's review link, made on first use. @throws with the server's message */
  share: (id: number | string) => Promise<string>
}

/**
 * The editor's boards for the gallery's boards bar and "Add to board", through the boards
 * collection's REST routes (`GET /summary`, Payload's create and delete, `POST /:id/share`) with
 * the editor's session: what Payload's access allows is what the gallery shows.
 */
export const useBoards = ({ boardsURL, t }: { boardsURL: string | undefined; t: GeneratedAssetsT }): GalleryBoards => {
  const [boards, setBoards] = useState<GalleryBoard[]>([])
  const [version, setVersion] = useState(0)
  useEffect(() => {
    if (!boardsURL) return
    const controller = new AbortController()
    fetch(`${boardsURL}/summary`, { credentials: 'include', signal: controller.signal })
      .then(async (response) => (response.ok ? ((await response.json()) as { docs: GalleryBoard[] }).docs : []))
      .then(setBoards, () => undefined)
    return () => controller.abort()
  }, [boardsURL, version])
  const reload = useCallback(() => setVersion((current) => current + 1), [])
  const send = useCallback(
    async (method: string, path: string, body?: unknown) => {
      const response = await fetch(`${boardsURL}${path}`, {
        body: body === undefined ? undefined : JSON.stringify(body),
        credentials: 'include',
        headers: body === undefined ? undefined : { 'Content-Type': 'application/json' },
        method,
      })
      if (!response.ok) throw new Error(await readError({ response, t }))
      return response.json()
    },
    [boardsURL, t],
  )
  const create = useCallback(
    async (title: string) => {
      const { doc } = (await send('POST', '', { title })) as { doc: { id: number | string; title: string } }
      reload()
      return { count: 0, id: doc.id, shareUrl: null, showPrompts: false, title: doc.title }
    },
    [reload, send],
  )
  const remove = useCallback(
    async (id: number | string) => {
      await send('DELETE', `/${encodeURIComponent(String(id))}`)
      reload()
    },
    [reload, send],
  )
  const rename = useCallback(
    async (id: number | string, title: string) => {
      await send('PATCH', `/${encodeURIComponent(String(id))}`, { title })
      reload()
    },
    [reload, send],
  )
  const share = useCallback(
    async (id: number | string) => {
      const { shareUrl } = (await send('POST', `/${encodeURIComponent(String(id))}/share`)) as { shareUrl: string }
      reload()
      return shareUrl
    },
    [reload, send],
  )
  return { boards, create, reload, remove, rename, share }
}
