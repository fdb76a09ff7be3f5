'use client'
import { ChevronIcon, Modal, useModal, XIcon } from '@payloadcms/ui'
import React, { useState } from 'react'

import type { GalleryAsset, GalleryMode } from '../types.js'

import { modelLabel } from '../types.js'
import { useGalleryTranslation } from '../useGalleryTranslation.js'
import { ViewerFooter } from './ViewerFooter.js'
import { ViewerProvenance } from './ViewerProvenance.js'
import { ViewerReviews } from './ViewerReviews.js'

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
  /** The assets collection's REST URL (`{serverURL}{api}/{slug}`): the Provenance section reads the stored file through it. */
  apiURL?: string
  /** REST URL of the reviews collection: the viewer then shows the asset's reviews. */
  reviewsURL?: string
  asset: GalleryAsset | null
  /** The asset was deleted or moved to the trash elsewhere while open. */
  isGone?: boolean
  mode?: GalleryMode
  onDelete: (asset: GalleryAsset) => void
  onNext?: () => void
  onPrevious?: () => void
  onRestore?: (asset: GalleryAsset) => void
  onReuse?: (asset: GalleryAsset) => void
  /**
   * Vary: the same prompt, model and params with new seeds, as new variations; `fromImage` sends
   * the asset as the source image too (for a model that takes one).
   */
  onVary?: (asset: GalleryAsset, options: { fromImage: boolean }) => void
  /** Whether the asset's model takes source images (offers Vary from this image). */
  acceptsSourceImages?: (asset: GalleryAsset) => boolean
  onShare: (asset: GalleryAsset) => void
  onStar?: (asset: GalleryAsset) => void
  /** "3 of 120": the asset's place in the gallery as loaded, and how many match. */
  position?: { index: number; total: null | number }
  /** Compare with…: the gallery then asks for the other asset (a click on its tile). */
  onCompareWith?: (asset: GalleryAsset) => void
  /** Save as preset: a preset named by the editor, from the asset's model, params, prompt and negative prompt. */
  onSaveAsPreset?: (asset: GalleryAsset) => void
}

/**
 * The modal viewer: dimmed backdrop, a rounded surface with a header (prompt, previous /
 * next, close), a scrollable body with the framed media (a video with controls and its poster
 * image, never itself) and its details (prompt, model, took, output duration, size, seed, params,
 * created, creator, file), the provenance its stored file states ({@link ViewerProvenance}, with
 * `apiURL`), and a footer with Download, Share, Star, Reuse, Vary and Delete (in the trash:
 * Download, Restore, Delete permanently). ← and → go to the neighbouring assets.
 */
export const AssetViewer: React.FC<AssetViewerProps> = ({
  acceptsSourceImages,
  apiURL,
  reviewsURL,
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
  onVary,
  onCompareWith,
  onSaveAsPreset,
  position,
}) => {
  const { closeModal, isModalOpen } = useModal()
  const { bytes, count, date, seconds, t } = useGalleryTranslation()
  const [loadedId, setLoadedId] = useState<null | number | string>(null)
  if (!asset || !isModalOpen(assetViewerModalSlug)) {
    return null
  }
  const close = () => closeModal(assetViewerModalSlug)
  const mediaUrl = asset.kind === 'video' ? asset.videoUrl : asset.imageUrl
  const prompt = asset.prompt ?? ''
  // [id (the `data-detail` attribute, stable across languages), label, value]
  const details: [string, string, null | string | undefined][] = [
    ['prompt', t('generatedAssets:detailPrompt'), prompt],
    ['negative-prompt', t('generatedAssets:detailNegativePrompt'), asset.negativePrompt],
    ['alt', t('generatedAssets:detailAlt'), asset.alt],
    ['model', t('generatedAssets:detailModel'), modelLabel({ asset, unknown: t('generatedAssets:unknownModel') })],
    ['took', t('generatedAssets:detailTook'), seconds(asset.inferenceTime)],
    ['output', t('generatedAssets:detailOutput'), asset.kind === 'video' ? seconds(asset.duration) : null],
    ['size', t('generatedAssets:detailSize'), asset.width && asset.height ? `${asset.width} × ${asset.height}` : null],
    ['seed', t('generatedAssets:detailSeed'), asset.seed === null || asset.seed === undefined ? null : String(asset.seed)],
    ['params', t('generatedAssets:detailParams'), formatParams(asset.params)],
    ['created', t('generatedAssets:detailCreated'), asset.createdAt ? date(asset.createdAt) : null],
    ['creator', t('generatedAssets:detailCreator'), asset.createdBy?.label],
    ['file', t('generatedAssets:detailFile'), [asset.mimeType, bytes(asset.filesize)].filter(Boolean).join(' · ') || null],
    ['deleted', t('generatedAssets:detailDeleted'), asset.deletedAt ? date(asset.deletedAt) : null],
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
              {position.total
                ? t('generatedAssets:position', { index: count(position.index + 1), total: count(position.total) })
                : count(position.index + 1)}
            </span>
          ) : null}
          <button
            aria-label={t('generatedAssets:previousAsset')}
            className="ga-viewer__icon-button ga-viewer__previous"
            disabled={!onPrevious}
            onClick={onPrevious}
            type="button"
          >
            <ChevronIcon direction="left" />
          </button>
          <button
            aria-label={t('generatedAssets:nextAsset')}
            className="ga-viewer__icon-button ga-viewer__next"
            disabled={!onNext}
            onClick={onNext}
            type="button"
          >
            <ChevronIcon direction="right" />
          </button>
          <button aria-label={t('generatedAssets:close')} className="ga-viewer__icon-button ga-viewer__close" onClick={close} type="button">
            <XIcon />
          </button>
        </header>
        <div className="ga-viewer__body">
          {isGone ? (
            <p className="ga-viewer__gone" role="status">
              {t('generatedAssets:goneNotice')}
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
              .filter(([, , value]) => Boolean(value))
              .map(([id, label, value]) => (
                <div className="ga-viewer__detail" data-detail={id} key={id}>
                  <dt>{t('generatedAssets:detailLabel', { label })}</dt>
                  <dd>{value}</dd>
                </div>
              ))}
            {asset.batch && asset.batchSize > 1 ? (
              <div className="ga-viewer__detail" data-detail="batch">
                <dt>{t('generatedAssets:detailLabel', { label: t('generatedAssets:variations') })}</dt>
                <dd>
                  <a className="ga-viewer__batch" href={`?batch=${encodeURIComponent(asset.batch)}`}>
                    {t('generatedAssets:showBatch', { count: count(asset.batchSize) })}
                  </a>
                </dd>
              </div>
            ) : null}
          </dl>
          {reviewsURL ? <ViewerReviews asset={asset} reviewsURL={reviewsURL} /> : null}
          {apiURL ? <ViewerProvenance apiURL={apiURL} asset={asset} /> : null}
        </div>
        <ViewerFooter
          acceptsSourceImages={acceptsSourceImages?.(asset) ?? false}
          asset={asset}
          isGone={isGone}
          mediaUrl={mediaUrl}
          mode={mode}
          onDelete={onDelete}
          onRestore={onRestore}
          onReuse={onReuse}
          onShare={onShare}
          onStar={onStar}
          onVary={onVary}
          onCompareWith={onCompareWith}
          onSaveAsPreset={onSaveAsPreset}
        />
      </div>
    </Modal>
  )
}
