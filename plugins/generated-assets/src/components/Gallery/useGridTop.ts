'use client'
import { useCallback, useEffect, useRef } from 'react'

/** Where the grid's top is, relative to the viewport, and how to bring it into view. */
export type GridTop = {
  /** The top of the grid is in view: new assets may appear there without moving anything in view. */
  isAtTop: () => boolean
  /** The editor has scrolled past the grid's top (what arrives there is out of sight). */
  isScrolledPast: () => boolean
  /** The element around the grid. */
  ref: React.RefObject<HTMLDivElement | null>
  /** Scrolls up to just above the grid's top. */
  scrollToTop: () => void
}

/** Distance kept above the grid when scrolling up to it, in CSS pixels (clears the app header). */
const ABOVE_GRID = 120

const topOf = (ref: React.RefObject<HTMLElement | null>): number => ref.current?.getBoundingClientRect().top ?? 0

/** The grid's top edge, through a ref on the element around the grid. */
export const useGridTop = (): GridTop => {
  const ref = useRef<HTMLDivElement | null>(null)
  const isAtTop = useCallback(() => topOf(ref) >= -1, [])
  const isScrolledPast = useCallback(() => window.scrollY > 0 && topOf(ref) < 0, [])
  const scrollToTop = useCallback(() => window.scrollBy({ behavior: 'instant', top: topOf(ref) - ABOVE_GRID }), [])
  return { isAtTop, isScrolledPast, ref, scrollToTop }
}

/**
 * Shows the feed's held-back new assets once the editor is at the grid's top (now, or on
 * scrolling there), so they never push what is in view down.
 */
export const useShowNewAtTop = ({
  isAtTop,
  newCount,
  showNew,
}: {
  isAtTop: () => boolean
  newCount: number
  showNew: () => void
}): void => {
  useEffect(() => {
    if (!newCount) return
    const onScroll = () => {
      if (isAtTop()) showNew()
    }
    onScroll()
    window.addEventListener('scroll', onScroll, { passive: true })
    return () => window.removeEventListener('scroll', onScroll)
  }, [newCount, isAtTop, showNew])
}
