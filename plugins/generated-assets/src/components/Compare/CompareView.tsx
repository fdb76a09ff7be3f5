'use client'
import { Button, Modal, useModal, XIcon } from '@payloadcms/ui'
import React, { useState } from 'react'

import type { GalleryAsset } from '../types.js'

import { useGalleryTranslation } from '../useGalleryTranslation.js'
import { canSlide, rotateAssets } from './compareAssets.js'
import { CompareSlider } from './CompareSlider.js'
import { COMPARE_LETTERS, CompareTable } from './CompareTable.js'
import './compare.css'

/** Slug of the compare modal. */
export const compareModalSlug = 'generated-assets-compare'

const Media: React.FC<{ asset: GalleryAsset; letter: string }> = ({ asset, letter }) => (
  <figure className="ga-compare__media" data-asset-id={asset.id}>
    <div className="ga-compare__frame" style={{ '--ga-ratio': asset.width && asset.height ? asset.height / asset.width : 1 } as React.CSSProperties}>
      {asset.kind === 'video' ? (
        <video controls playsInline poster={asset.posterUrl ?? undefined} preload="metadata" src={asset.videoUrl ?? undefined} />
      ) : asset.imageUrl ? (
        <img alt={asset.prompt ?? ''} src={asset.imageUrl} />
      ) : asset.placeholder ? (
        <img alt="" aria-hidden src={asset.placeholder} />
      ) : null}
    </div>
    <figcaption>
      <strong>{letter}</strong> {asset.prompt}
    </figcaption>
  </figure>
)

/**
 * The compare view (a modal): two to four assets side by side, or, for exactly two images of the
 * same width and height, a slider over them; below, the table of their differences
 * ({@link CompareTable}, each against the leftmost). ← and → swap the sides (with more than two,
 * move every asset one place round); Escape closes it (as every Payload modal) and focus goes
 * back where it was. Render it with a `key` per comparison, so each starts afresh.
 */
export const CompareView: React.FC<{ assets: GalleryAsset[] }> = ({ assets }) => {
  const { closeModal, isModalOpen } = useModal()
  const { plural, t } = useGalleryTranslation()
  const [order, setOrder] = useState(assets)
  const slides = canSlide(order)
  const [isSlider, setIsSlider] = useState(slides)
  if (!isModalOpen(compareModalSlug) || order.length < 2) return null
  const showSlider = isSlider && slides
  const swap = (direction: -1 | 1) => setOrder((current) => rotateAssets(current, direction))
  return (
    <Modal className="ga-viewer ga-compare" closeOnBlur={false} slug={compareModalSlug}>
      <div className="ga-viewer__backdrop" onClick={() => closeModal(compareModalSlug)} />
      <div
        aria-labelledby="ga-compare-title"
        aria-modal
        className="ga-viewer__surface ga-compare__surface"
        data-order={order.map((asset) => asset.id).join(',')}
        onKeyDown={(event) => {
          const target = event.target as HTMLElement
          if (event.altKey || event.metaKey || event.ctrlKey || target.closest('input, textarea, select, video')) return
          if (event.key === 'ArrowLeft' || event.key === 'ArrowRight') {
            event.preventDefault()
            swap(event.key === 'ArrowLeft' ? -1 : 1)
          }
        }}
        role="dialog"
      >
        <header className="ga-viewer__header">
          <h2 className="ga-viewer__title" id="ga-compare-title">
            {plural('generatedAssets:compareTitle', { count: order.length })}
          </h2>
          <div aria-label={t('generatedAssets:compare')} className="ga-compare__modes" role="group">
            <Button
              buttonStyle={showSlider ? 'secondary' : 'primary'}
              extraButtonProps={{ 'aria-pressed': !showSlider }}
              id="ga-compare-side-by-side"
              margin={false}
              onClick={() => setIsSlider(false)}
              size="small"
              type="button"
            >
              {t('generatedAssets:compareSideBySide')}
            </Button>
            <Button
              buttonStyle={showSlider ? 'primary' : 'secondary'}
              disabled={!slides}
              extraButtonProps={{ 'aria-pressed': showSlider }}
              id="ga-compare-slider"
              margin={false}
              onClick={() => setIsSlider(true)}
              size="small"
              tooltip={slides ? undefined : t('generatedAssets:compareSliderUnavailable')}
              type="button"
            >
              {t('generatedAssets:compareSlider')}
            </Button>
          </div>
          <Button buttonStyle="secondary" id="ga-compare-swap" margin={false} onClick={() => swap(1)} size="small" type="button">
            {t('generatedAssets:compareSwap')}
          </Button>
          <button
            aria-label={t('generatedAssets:close')}
            className="ga-viewer__icon-button ga-viewer__close"
            onClick={() => closeModal(compareModalSlug)}
            type="button"
          >
            <XIcon />
          </button>
        </header>
        <div className="ga-viewer__body">
          {showSlider ? (
            <CompareSlider left={order[0]!} right={order[1]!} />
          ) : (
            <div className="ga-compare__side-by-side" style={{ '--ga-columns': order.length } as React.CSSProperties}>
              {order.map((asset, index) => (
                <Media asset={asset} key={asset.id} letter={COMPARE_LETTERS[index]!} />
              ))}
            </div>
          )}
          <p className="ga-compare__legend">
            <ins>{t('generatedAssets:compareAdded')}</ins> <del>{t('generatedAssets:compareRemoved')}</del>
            <span className="ga-compare__keys">{t('generatedAssets:compareKeyboardHint')}</span>
          </p>
          <div className="ga-compare__table-wrap">
            <CompareTable assets={order} />
          </div>
        </div>
      </div>
    </Modal>
  )
}
