'use client'
import { useEffect, useLayoutEffect, useRef } from 'react'

import type { GridLayout } from './useGridLayout.js'

type Anchor = {
  /** Ids of the tiles of the first rows in view, in order. */
  ids: string[]
  /** Columns when recorded. */
  columns: number
  /** Top of the first of those rows relative to the top of the viewport, in CSS pixels. */
  offset: number
  rowHeight: number
}

/** How many rows of ids the anchor keeps, in case the first ones are the ones removed. */
const ANCHOR_ROWS = 3

/**
 * Keeps what the editor is looking at in place while the list changes under it: assets arriving
 * at the top (live inserts), assets removed above (deleted by someone else), a change of column
 * count. It remembers the first tiles in view and, after each change of `ids` or layout, scrolls
 * so that the first of them still present sits where it was. At the very top of the grid nothing
 * is pinned, so new assets simply appear there.
 */
export const useScrollAnchor = ({ ids, layout }: { ids: string[]; layout: GridLayout }): void => {
  const anchor = useRef<Anchor | null>(null)
  const current = useRef({ ids, layout })
  current.current = { ids, layout }

  const record = () => {
    const { ids: list, layout: grid } = current.current
    const scrolled = window.scrollY - grid.scrollMargin
    if (!grid.isMeasured || scrolled <= 0 || !list.length) {
      anchor.current = null
      return
    }
    const row = Math.floor(scrolled / grid.rowHeight)
    const first = row * grid.columns
    anchor.current = {
      columns: grid.columns,
      ids: list.slice(first, first + grid.columns * ANCHOR_ROWS),
      offset: grid.scrollMargin + row * grid.rowHeight - window.scrollY,
      rowHeight: grid.rowHeight,
    }
  }

  useEffect(() => {
    window.addEventListener('scroll', record, { passive: true })
    return () => window.removeEventListener('scroll', record)
    // `record` reads everything through refs.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [])

  useLayoutEffect(() => {
    const saved = anchor.current
    if (saved && layout.isMeasured) {
      const position = new Map(ids.map((id, index) => [id, index]))
      const found = saved.ids.findIndex((id) => position.has(id))
      if (found !== -1) {
        const index = position.get(saved.ids[found]!)!
        const savedRowOffset = saved.offset + Math.floor(found / saved.columns) * saved.rowHeight
        const top = layout.scrollMargin + Math.floor(index / layout.columns) * layout.rowHeight - savedRowOffset
        if (Math.abs(top - window.scrollY) >= 1) window.scrollTo({ behavior: 'instant', top })
      }
    }
    record()
    // Runs when the list or the layout changes; `record` reads through refs.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [ids, layout.columns, layout.rowHeight, layout.scrollMargin, layout.isMeasured])
}
