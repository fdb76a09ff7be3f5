'use client'
import { Button, ChevronIcon, Modal, useModal, XIcon } from '@payloadcms/ui'
import React, { useState } from 'react'

import type { GalleryAsset, GalleryMode } from '../types.js'

import { StarIcon } from '../Gallery/StarIcon.js'
import { formatBytes, formatSeconds, modelLabel } from '../types.js'

/** Slug of the viewer modal. */
export const assetViewerModalSlug = 'generated-assets-viewer'

/** Params as one line: `size 768x768 · seed 42 · duration 4`. */
const formatParams = (params: GalleryAsset['params']): null | string => {
  if (!params) return null
  const parts = Object.entries(params)
    .filter(([, value]) => value !== undefined && value !== null)
    .map(([key, value]) => `${key} ${typeof value === 'object' ? JSON.stringify(value) : String(value)}`)
  return parts.length ? parts.join(' · ') : null
}

/** Props of {@link AssetViewer}. */
export type AssetViewerProps = {
  asset: GalleryAsset | null
  /** The asset was deleted or moved to the trash elsewhere while open. */
  isGone?: boolean
  mode?: GalleryMode
  onDelete: (asset: GalleryAsset) => void
  onNext?: () => void
  onPrevious?: () => void
  onRestore?: (asset: GalleryAsset) => void
  onReuse?: (asset: GalleryAsset) => void
  onShare: (asset: GalleryAsset) => void
  onStar?: (asset: GalleryAsset) => void
  /** "3 of 120": the asset's place in the gallery as loaded, and how many match. */
  position?: { index: number; total: null | number }
}

/**
 * Seed 000's modal viewer: dimmed backdrop, a rounded surface with a header (prompt, previous /
 * next, close), a scrollable body with the framed media (a video with controls and its poster
 * image, never itself) and its details (prompt, model, took, output duration, size, seed, params,
 * created, creator, file), and a footer with Download, Share, Star, Reuse and Delete (in the
 * trash: Download, Restore, Delete permanently). ← and → go to the neighbouring assets.
 */
export const AssetViewer: React.FC<AssetViewerProps> = ({
  asset,
  isGone = false,
  mode = 'list',
  onDelete,
  onNext,
  onPrevious,
  onRestore,
  onReuse,
  onShare,
  onStar,
  position,
}) => {
  const { closeModal, isModalOpen } = useModal()
  const [loadedId, setLoadedId] = useState<null | number | string>(null)
  if (!asset || !isModalOpen(assetViewerModalSlug)) {
    return null
  }
  const close = () => closeModal(assetViewerModalSlug)
  const mediaUrl = asset.kind === 'video' ? asset.videoUrl : asset.imageUrl
  const prompt = asset.prompt ?? ''
  const details: [string, null | string | undefined][] = [
    ['Prompt', prompt],
    ['Negative prompt', asset.negativePrompt],
    ['Model', modelLabel(asset)],
    ['Took', formatSeconds(asset.inferenceTime)],
    ['Output', asset.kind === 'video' ? formatSeconds(asset.duration) : null],
    ['Size', asset.width && asset.height ? `${asset.width} × ${asset.height}` : null],
    ['Seed', asset.seed === null || asset.seed === undefined ? null : String(asset.seed)],
    ['Params', formatParams(asset.params)],
    ['Created', asset.createdAt ? new Date(asset.createdAt).toLocaleString() : null],
    ['Creator', asset.createdBy?.label],
    ['File', [asset.mimeType, formatBytes(asset.filesize)].filter(Boolean).join(' · ') || null],
    ['Deleted', asset.deletedAt ? new Date(asset.deletedAt).toLocaleString() : null],
  ]
  return (
    <Modal
      className="ga-viewer"
      closeOnBlur={false}
      // The gallery puts focus back on the tile of the asset last shown (← → move it).
      focusTrapOptions={{ returnFocusOnDeactivate: false }}
      slug={assetViewerModalSlug}
    >
      <div className="ga-viewer__backdrop" onClick={close} />
      <div aria-labelledby="ga-viewer-title" aria-modal className="ga-viewer__surface" role="dialog">
        <header className="ga-viewer__header">
          <h2 className="ga-viewer__title" id="ga-viewer-title" title={prompt}>
            {prompt}
          </h2>
          {position ? (
            <span className="ga-viewer__position">
              {position.index + 1}
              {position.total ? ` of ${position.total.toLocaleString('en')}` : ''}
            </span>
          ) : null}
          <button
            aria-label="Previous asset"
            className="ga-viewer__icon-button ga-viewer__previous"
            disabled={!onPrevious}
            onClick={onPrevious}
            type="button"
          >
            <ChevronIcon direction="left" />
          </button>
          <button
            aria-label="Next asset"
            className="ga-viewer__icon-button ga-viewer__next"
            disabled={!onNext}
            onClick={onNext}
            type="button"
          >
            <ChevronIcon direction="right" />
          </button>
          <button aria-label="Close" className="ga-viewer__icon-button ga-viewer__close" onClick={close} type="button">
            <XIcon />
          </button>
        </header>
        <div className="ga-viewer__body">
          {isGone ? (
            <p className="ga-viewer__gone" role="status">
              This asset was deleted or moved to the trash elsewhere. You are seeing what was loaded.
            </p>
          ) : null}
          <div
            className="ga-viewer__media"
            // The frame takes the media's proportions before it loads (height / width), so nothing jumps.
            style={
              { '--ga-ratio': asset.width && asset.height ? asset.height / asset.width : 1 } as React.CSSProperties
            }
          >
            {asset.placeholder && loadedId !== asset.id ? (
              <img alt="" aria-hidden className="ga-viewer__placeholder" src={asset.placeholder} />
            ) : null}
            {asset.kind === 'video' ? (
              <video
                controls
                key={asset.id}
                playsInline
                poster={asset.posterUrl ?? undefined}
                preload="metadata"
                src={mediaUrl ?? undefined}
              />
            ) : (
              <img
                alt={prompt}
                className="ga-viewer__image"
                height={asset.height ?? undefined}
                key={asset.id}
                onLoad={() => setLoadedId(asset.id)}
                src={mediaUrl ?? undefined}
                width={asset.width ?? undefined}
              />
            )}
          </div>
          <dl className="ga-viewer__details">
            {details
              .filter(([, value]) => Boolean(value))
              .map(([label, value]) => (
                <div className="ga-viewer__detail" data-detail={label.toLowerCase().replace(/\s+/g, '-')} key={label}>
                  <dt>{label}:</dt>
                  <dd>{value}</dd>
                </div>
              ))}
          </dl>
        </div>
        <footer className="ga-viewer__footer">
          <Button
            buttonStyle="secondary"
            el="anchor"
            extraButtonProps={{ download: '' }}
            margin={false}
            size="medium"
            url={mediaUrl ?? undefined}
          >
            Download
          </Button>
          {mode === 'list' ? (
            <>
              <Button
                buttonStyle="secondary"
                disabled={isGone}
                margin={false}
                onClick={() => onShare(asset)}
                size="medium"
                type="button"
              >
                Share
              </Button>
              {onStar ? (
                <Button
                  buttonStyle="secondary"
                  className={`ga-viewer__star${asset.starred ? ' ga-viewer__star--on' : ''}`}
                  disabled={isGone}
                  extraButtonProps={{ 'aria-pressed': asset.starred }}
                  icon={<StarIcon isFilled={asset.starred} />}
                  iconPosition="left"
                  margin={false}
                  onClick={() => onStar(asset)}
                  size="medium"
                  type="button"
                >
                  {asset.starred ? 'Starred' : 'Star'}
                </Button>
              ) : null}
              {onReuse ? (
                <Button
                  buttonStyle="secondary"
                  margin={false}
                  onClick={() => onReuse(asset)}
                  size="medium"
                  tooltip="Open the Create panel with this prompt, model and params"
                  type="button"
                >
                  Reuse
                </Button>
              ) : null}
              <span className="ga-viewer__spacer" />
              <Button
                buttonStyle="secondary"
                className="ga-button--danger"
                disabled={isGone}
                margin={false}
                onClick={() => onDelete(asset)}
                size="medium"
                type="button"
              >
                Delete
              </Button>
            </>
          ) : (
            <>
              {onRestore ? (
                <Button
                  buttonStyle="secondary"
                  disabled={isGone}
                  margin={false}
                  onClick={() => onRestore(asset)}
                  size="medium"
                  type="button"
                >
                  Restore
                </Button>
              ) : null}
              <span className="ga-viewer__spacer" />
              <Button
                buttonStyle="secondary"
                className="ga-button--danger"
                disabled={isGone}
                margin={false}
                onClick={() => onDelete(asset)}
                size="medium"
                type="button"
              >
                Delete permanently
              </Button>
            </>
          )}
        </footer>
      </div>
    </Modal>
  )
}
