'use client'
import { useWindowVirtualizer } from '@tanstack/react-virtual'
import React, { useCallback, useEffect, useImperativeHandle, useMemo, useRef, useState } from 'react'

import type { GalleryAsset, GalleryMode } from '../types.js'
import type { TileClick } from './GalleryTile.js'

import { useGalleryTranslation } from '../useGalleryTranslation.js'
import { GalleryTile } from './GalleryTile.js'
import { CAPTION_HEIGHT, MIN_TILE_WIDTH, TILE_GAP, useGridLayout } from './useGridLayout.js'
import { useScrollAnchor } from './useScrollAnchor.js'

/** Tiles the server renders (and the browser shows before the grid is measured). */
export const STATIC_TILES = 24
/** Rows rendered above and below the ones in view. */
const OVERSCAN_ROWS = 2
/** Start loading the next page when this many rows or fewer are left below the last rendered one. */
const LOAD_AHEAD_ROWS = 4
/** Rows whose thumbnails load eagerly, with high priority. */
const EAGER_ROWS = 2

/** Frames {@link GalleryGridHandle.focusTile} waits at most for a tile to be rendered. */
const FOCUS_ATTEMPTS = 10

/** What the gallery asks of its grid: where the columns break, bringing a tile into view, focusing it. */
export type GalleryGridHandle = {
  /** Whether `element` is inside the grid (a tile or one of its buttons). */
  contains: (element: EventTarget | null) => boolean
  /** Focuses the tile's open button, once the virtualizer has rendered it (a few frames at most). */
  focusTile: (index: number) => void
  getColumns: () => number
  scrollToIndex: (index: number) => void
}

/** Props of {@link GalleryGrid}. */
export type GalleryGridProps = {
  activeIndex: number
  handleRef: React.Ref<GalleryGridHandle>
  hasMore: boolean
  isLoadingMore: boolean
  isSelected: (id: number | string) => boolean
  isSelecting: boolean
  items: GalleryAsset[]
  loadMore: () => void
  mode: GalleryMode
  onActivate: (index: number) => void
  onOpen: (click: TileClick) => void
  onRetry: (asset: GalleryAsset) => void
  onSelect: (click: TileClick) => void
  onStar: (asset: GalleryAsset) => void
  retentionDays: number
}

/**
 * The virtualized grid (`@tanstack/react-virtual`, window scrolling): only the rows in view and
 * {@link OVERSCAN_ROWS} either side are in the DOM, however many assets are loaded, and the next
 * keyset page loads as the end comes near. Before the browser has measured it (server render,
 * hydration), the first {@link STATIC_TILES} tiles are laid out by CSS alone, in the same
 * columns, so the first thumbnails start loading with the HTML.
 */
export const GalleryGrid: React.FC<GalleryGridProps> = ({
  activeIndex,
  handleRef,
  hasMore,
  isLoadingMore,
  isSelected,
  isSelecting,
  items,
  loadMore,
  mode,
  onActivate,
  onOpen,
  onRetry,
  onSelect,
  onStar,
  retentionDays,
}) => {
  const { t } = useGalleryTranslation()
  const [element, setElement] = useState<HTMLDivElement | null>(null)
  const layout = useGridLayout(element)
  const elementRef = useRef<HTMLDivElement | null>(null)
  elementRef.current = element
  // Each rendered tile's open button, by index, for the keyboard's focus.
  const openButtons = useRef(new Map<number, HTMLButtonElement>())
  const registerOpenButton = useCallback((index: number, button: HTMLButtonElement, isMounted: boolean) => {
    if (isMounted) openButtons.current.set(index, button)
    else if (openButtons.current.get(index) === button) openButtons.current.delete(index)
  }, [])
  const ids = useMemo(() => items.map((asset) => String(asset.id)), [items])
  useScrollAnchor({ ids, layout })
  const rowCount = Math.ceil(items.length / layout.columns)
  const virtualizer = useWindowVirtualizer({
    count: layout.isMeasured ? rowCount : 0,
    estimateSize: () => layout.rowHeight,
    overscan: OVERSCAN_ROWS,
    scrollMargin: layout.scrollMargin,
  })
  useEffect(() => {
    virtualizer.measure()
  }, [layout.rowHeight, virtualizer])
  const rows = virtualizer.getVirtualItems()
  const lastRow = rows[rows.length - 1]?.index ?? -1

  useEffect(() => {
    if (layout.isMeasured && hasMore && !isLoadingMore && lastRow >= rowCount - 1 - LOAD_AHEAD_ROWS) loadMore()
  }, [hasMore, isLoadingMore, lastRow, layout.isMeasured, loadMore, rowCount])

  useImperativeHandle(
    handleRef,
    () => ({
      contains: (target) => target instanceof Node && Boolean(elementRef.current?.contains(target)),
      focusTile: (index) => {
        const attempt = (remaining: number) => {
          const button = openButtons.current.get(index)
          if (button?.isConnected) button.focus({ preventScroll: true })
          else if (remaining > 0) requestAnimationFrame(() => attempt(remaining - 1))
        }
        attempt(FOCUS_ATTEMPTS)
      },
      getColumns: () => layout.columns,
      scrollToIndex: (index: number) => {
        const row = Math.floor(index / layout.columns)
        const top = layout.scrollMargin + row * layout.rowHeight
        const bottom = top + layout.rowHeight - TILE_GAP
        // Keep clear of Payload's sticky app header (Payload's element: no ref of ours reaches it).
        const header = document.querySelector('.app-header')?.getBoundingClientRect().height ?? 0
        if (top < window.scrollY + header) window.scrollTo({ behavior: 'instant', top: top - header - TILE_GAP })
        else if (bottom > window.scrollY + window.innerHeight) {
          window.scrollTo({ behavior: 'instant', top: bottom - window.innerHeight + TILE_GAP })
        }
      },
    }),
    [layout.columns, layout.rowHeight, layout.scrollMargin],
  )

  const renderTile = (asset: GalleryAsset, index: number) => (
    <GalleryTile
      asset={asset}
      index={index}
      isActive={index === activeIndex}
      isEager={index < layout.columns * EAGER_ROWS || (!layout.isMeasured && index < STATIC_TILES / 2)}
      isSelected={isSelected(asset.id)}
      isSelecting={isSelecting}
      key={asset.id}
      mode={mode}
      onActivate={onActivate}
      onOpen={onOpen}
      onRetry={onRetry}
      onSelect={onSelect}
      onStar={onStar}
      registerOpenButton={registerOpenButton}
      retentionDays={retentionDays}
    />
  )

  const style = {
    '--ga-caption-height': `${CAPTION_HEIGHT}px`,
    '--ga-gap': `${TILE_GAP}px`,
    '--ga-min-tile': `${MIN_TILE_WIDTH}px`,
  } as React.CSSProperties

  if (!layout.isMeasured) {
    return (
      <div aria-label={t('generatedAssets:generatedAssets')} className="ga-grid ga-grid--static" ref={setElement} role="grid" style={style}>
        <div className="ga-grid__static-row" role="row">
          {items.slice(0, STATIC_TILES).map(renderTile)}
        </div>
      </div>
    )
  }
  return (
    <div
      aria-busy={isLoadingMore}
      aria-label={t('generatedAssets:generatedAssets')}
      aria-rowcount={rowCount}
      className="ga-grid"
      data-loaded={items.length}
      ref={setElement}
      role="grid"
      style={{ ...style, height: virtualizer.getTotalSize() }}
    >
      {rows.map((row) => (
        <div
          aria-rowindex={row.index + 1}
          className="ga-grid__row"
          key={row.key}
          role="row"
          style={{
            gridTemplateColumns: `repeat(${layout.columns}, minmax(0, 1fr))`,
            height: layout.rowHeight - TILE_GAP,
            transform: `translateY(${row.start - layout.scrollMargin}px)`,
          }}
        >
          {items
            .slice(row.index * layout.columns, (row.index + 1) * layout.columns)
            .map((asset, column) => renderTile(asset, row.index * layout.columns + column))}
        </div>
      ))}
    </div>
  )
}
