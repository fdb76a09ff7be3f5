'use client'
import { useLayoutEffect, useState } from 'react'

/** Narrowest a tile may get, in CSS pixels; the grid fits as many columns as this allows. */
export const MIN_TILE_WIDTH = 160
/** Space between tiles, in CSS pixels (rows and columns). */
export const TILE_GAP = 12
/** Height of a tile's caption (prompt on two lines, then model and status), in CSS pixels. */
export const CAPTION_HEIGHT = 64

/** The grid's geometry, in CSS pixels. `isMeasured` is `false` until the browser has laid it out. */
export type GridLayout = {
  columns: number
  isMeasured: boolean
  /** Height of one row of tiles plus the gap below it. */
  rowHeight: number
  /** Distance from the top of the document to the top of the grid (the virtualizer's scroll margin). */
  scrollMargin: number
  tileWidth: number
}

/** Columns and row height for a grid `width` pixels wide: as many columns as fit at {@link MIN_TILE_WIDTH}. */
export const computeGridLayout = (width: number): Pick<GridLayout, 'columns' | 'rowHeight' | 'tileWidth'> => {
  const columns = Math.max(1, Math.floor((width + TILE_GAP) / (MIN_TILE_WIDTH + TILE_GAP)))
  const tileWidth = (width - TILE_GAP * (columns - 1)) / columns
  return { columns, rowHeight: Math.round(tileWidth + CAPTION_HEIGHT + TILE_GAP), tileWidth }
}

/**
 * Measures the grid element and keeps its layout current as the window or anything above the
 * grid (the Create panel, the filters) changes size. Until measured (server render, hydration)
 * `isMeasured` is `false` and the grid lays itself out with CSS alone, the same way.
 */
export const useGridLayout = (element: HTMLElement | null): GridLayout => {
  const [layout, setLayout] = useState<GridLayout>({
    columns: 1,
    isMeasured: false,
    rowHeight: MIN_TILE_WIDTH + CAPTION_HEIGHT + TILE_GAP,
    scrollMargin: 0,
    tileWidth: MIN_TILE_WIDTH,
  })
  useLayoutEffect(() => {
    if (!element) return
    const measure = () => {
      const rect = element.getBoundingClientRect()
      const next = {
        ...computeGridLayout(rect.width),
        isMeasured: true,
        scrollMargin: Math.round(rect.top + window.scrollY),
      }
      setLayout((current) =>
        current.isMeasured &&
        current.columns === next.columns &&
        current.rowHeight === next.rowHeight &&
        current.scrollMargin === next.scrollMargin &&
        Math.abs(current.tileWidth - next.tileWidth) < 0.5
          ? current
          : next,
      )
    }
    measure()
    const observer = new ResizeObserver(measure)
    observer.observe(element)
    // Whatever is above the grid moves it down or up without changing its size.
    if (element.parentElement) observer.observe(element.parentElement)
    window.addEventListener('resize', measure)
    return () => {
      observer.disconnect()
      window.removeEventListener('resize', measure)
    }
  }, [element])
  return layout
}
