'use client'
import React, { useRef, useState } from 'react'

import type { GalleryAsset } from '../types.js'

import { useGalleryTranslation } from '../useGalleryTranslation.js'

/** Percentage points the divider moves per arrow key (PageUp / PageDown: four times as far). */
const KEY_STEP = 5

const clamp = (value: number) => Math.min(100, Math.max(0, value))

/**
 * Two images of the same size one over the other, the left one (`left`) shown up to a divider
 * the editor drags (pointer events, captured, so the drag follows outside the frame) or moves with
 * the keyboard: the divider is a WAI-ARIA slider (https://www.w3.org/WAI/ARIA/apg/patterns/slider/)
 * from 0 to 100 (% of the width showing `left`): ← and → by 5, Page Up and Page Down by 20, Home
 * and End to the ends. Those keys stay with the divider (they do not swap the sides).
 */
export const CompareSlider: React.FC<{ left: GalleryAsset; right: GalleryAsset }> = ({ left, right }) => {
  const { t } = useGalleryTranslation()
  const [position, setPosition] = useState(50)
  const frame = useRef<HTMLDivElement>(null)
  const isDragging = useRef(false)
  const moveTo = (clientX: number) => {
    const rect = frame.current?.getBoundingClientRect()
    if (rect && rect.width > 0) setPosition(clamp(Math.round(((clientX - rect.left) / rect.width) * 100)))
  }
  const keys: Record<string, (value: number) => number> = {
    ArrowDown: (value) => value - KEY_STEP,
    ArrowLeft: (value) => value - KEY_STEP,
    ArrowRight: (value) => value + KEY_STEP,
    ArrowUp: (value) => value + KEY_STEP,
    End: () => 100,
    Home: () => 0,
    PageDown: (value) => value - KEY_STEP * 4,
    PageUp: (value) => value + KEY_STEP * 4,
  }
  return (
    <div
      className="ga-compare__slider"
      onPointerDown={(event) => {
        isDragging.current = true
        event.currentTarget.setPointerCapture(event.pointerId)
        moveTo(event.clientX)
      }}
      onPointerMove={(event) => {
        if (isDragging.current) moveTo(event.clientX)
      }}
      onPointerUp={() => {
        isDragging.current = false
      }}
      ref={frame}
      style={{ '--ga-ratio': left.height! / left.width!, '--ga-split': `${position}%` } as React.CSSProperties}
    >
      <img alt={right.prompt ?? ''} className="ga-compare__slider-under" draggable={false} src={right.imageUrl ?? undefined} />
      <img alt={left.prompt ?? ''} className="ga-compare__slider-over" draggable={false} src={left.imageUrl ?? undefined} />
      <div
        aria-label={t('generatedAssets:compareSliderHandle', { letter: 'A' })}
        aria-orientation="horizontal"
        aria-valuemax={100}
        aria-valuemin={0}
        aria-valuenow={position}
        aria-valuetext={`${position}%`}
        className="ga-compare__handle"
        onKeyDown={(event) => {
          const next = keys[event.key]
          if (!next) return
          event.preventDefault()
          event.stopPropagation()
          setPosition((value) => clamp(next(value)))
        }}
        role="slider"
        tabIndex={0}
      />
    </div>
  )
}
