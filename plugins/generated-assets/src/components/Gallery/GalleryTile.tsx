'use client'
import { Button, CheckIcon } from '@payloadcms/ui'
import React, { memo, useState } from 'react'

import type { GalleryAsset, GalleryMode } from '../types.js'

import { modelLabel, PENDING_STATUSES } from '../types.js'
import { describeFailure } from '../../translations/failureMessages.js'
import { useGalleryTranslation } from '../useGalleryTranslation.js'
import { StarIcon } from './StarIcon.js'
import { STATUS_KEYS } from '../../translations/statusKeys.js'
import { statusLabel, trashNote } from './tileLabels.js'

/** What a tile reports: which asset, and whether shift / ctrl / cmd were held. */
export type TileClick = { asset: GalleryAsset; index: number; isRange: boolean; isToggle: boolean }

/** Props of {@link GalleryTile}. */
export type GalleryTileProps = {
  asset: GalleryAsset
  /** Position in the loaded list. */
  index: number
  /** The keyboard's current tile: focusable (roving tabindex) and ringed. */
  isActive: boolean
  /** Load the thumbnail at once, with high priority (the first rows). */
  isEager: boolean
  isSelected: boolean
  /** Something is selected: a plain click selects instead of opening. */
  isSelecting: boolean
  mode: GalleryMode
  onActivate: (index: number) => void
  onOpen: (click: TileClick) => void
  onRetry: (asset: GalleryAsset) => void
  onSelect: (click: TileClick) => void
  onStar: (asset: GalleryAsset) => void
  /** Hands the grid the tile's open button (`isMounted` false when it goes), so the keyboard can focus it. */
  registerOpenButton: (index: number, button: HTMLButtonElement, isMounted: boolean) => void
  /** Days a trashed asset is kept (trash view). */
  retentionDays: number
}

/**
 * One grid tile: the thumbnail over its blurred placeholder (blur-up), a video's poster that
 * plays the video muted on hover, or the live status of an asset still being made; a failed
 * tile shows the error and Retry. Caption: prompt, model and status (or, in the trash, when it
 * was deleted and how long it is kept). Corner buttons select and star.
 */
export const GalleryTile: React.FC<GalleryTileProps> = memo(function GalleryTile({
  asset,
  index,
  isActive,
  isEager,
  isSelected,
  isSelecting,
  mode,
  onActivate,
  onOpen,
  onRetry,
  onSelect,
  onStar,
  registerOpenButton,
  retentionDays,
}) {
  const translation = useGalleryTranslation()
  const { count, plural, t } = translation
  const [isHovered, setIsHovered] = useState(false)
  const [isLoaded, setIsLoaded] = useState(false)
  const isRemoved = Boolean(asset.isRemoved)
  const isReady = asset.status === 'ready' && !isRemoved
  const isPending = PENDING_STATUSES.has(String(asset.status))
  const thumbnail = asset.thumbnailURL ?? asset.posterUrl
  const prompt = asset.prompt ?? ''
  const click = (event: React.MouseEvent, isSelect: boolean) => {
    const details = {
      asset,
      index,
      isRange: event.shiftKey,
      isToggle: event.metaKey || event.ctrlKey,
    }
    if (isRemoved) return
    if (isSelect || details.isRange || details.isToggle || isSelecting) onSelect(details)
    else if (isReady) onOpen(details)
  }
  const className = [
    'ga-tile',
    `ga-tile--${asset.status}`,
    `ga-tile--${asset.kind}`,
    isSelected && 'ga-tile--selected',
    isActive && 'ga-tile--active',
    isRemoved && 'ga-tile--removed',
  ]
    .filter(Boolean)
    .join(' ')
  return (
    <div
      aria-selected={isSelected}
      className={className}
      data-asset-id={asset.id}
      data-index={index}
      data-status={asset.status}
      onMouseEnter={() => setIsHovered(true)}
      onMouseLeave={() => setIsHovered(false)}
      role="gridcell"
    >
      <button
        aria-label={
          isSelecting ? t('generatedAssets:selectAsset', { prompt }) : t('generatedAssets:openAsset', { prompt })
        }
        className="ga-tile__open"
        // Not `disabled`: a pending tile must stay focusable for the keyboard.
        aria-disabled={isRemoved || (!isReady && !isSelecting)}
        onClick={(event) => click(event, false)}
        onFocus={() => onActivate(index)}
        ref={(button) => {
          if (!button) return
          registerOpenButton(index, button, true)
          return () => registerOpenButton(index, button, false)
        }}
        tabIndex={isActive ? 0 : -1}
        type="button"
      >
        <span className="ga-tile__media">
          {asset.placeholder && !isLoaded ? (
            <img alt="" aria-hidden className="ga-tile__placeholder" src={asset.placeholder} />
          ) : null}
          {(isReady || isRemoved) && thumbnail ? (
            <img
              alt=""
              className="ga-tile__thumb"
              decoding="async"
              // The first rows are fetched at once and first; the rest as they scroll in.
              fetchPriority={isEager ? 'high' : 'auto'}
              loading={isEager ? 'eager' : 'lazy'}
              onLoad={() => setIsLoaded(true)}
              ref={(image) => {
                // A cached image may have loaded before React attached onLoad (server-rendered tiles).
                if (image?.complete && image.naturalWidth > 0 && !isLoaded) setIsLoaded(true)
              }}
              src={thumbnail}
            />
          ) : null}
          {isReady && asset.kind === 'video' && isHovered && asset.videoUrl ? (
            <video
              autoPlay
              className="ga-tile__video"
              loop
              muted
              playsInline
              poster={asset.posterUrl ?? undefined}
              src={asset.videoUrl}
            />
          ) : null}
          {isRemoved ? (
            <span className="ga-tile__status ga-tile__status--removed" role="status">
              {t('generatedAssets:deletedElsewhere')}
            </span>
          ) : !isReady ? (
            <span className="ga-tile__status" role="status">
              {isPending ? <span aria-hidden className="ga-tile__spinner" /> : null}
              <span>{statusLabel({ status: asset.status, t })}</span>
              {asset.status === 'failed' && asset.error ? (
                <span className="ga-tile__error">
                  {describeFailure({ error: asset.error, errorCode: asset.errorCode, plural, t })}
                </span>
              ) : null}
            </span>
          ) : null}
          {isReady && asset.kind === 'video' && asset.duration ? (
            <span className="ga-tile__duration">
              {t('generatedAssets:seconds', { value: count(Math.round(asset.duration)) })}
            </span>
          ) : null}
        </span>
        <span className="ga-tile__caption">
          <span className="ga-tile__prompt" title={prompt}>
            {prompt}
          </span>
          <span className="ga-tile__meta">
            {mode === 'trash' && asset.deletedAt ? (
              <span className="ga-tile__trash-note">
                {trashNote({ deletedAt: asset.deletedAt, retentionDays, translation })}
              </span>
            ) : (
              <>
                <span className="ga-tile__model">{modelLabel({ asset, unknown: t('generatedAssets:unknownModel') })}</span>
                {asset.batchSize > 1 ? (
                  <span className="ga-badge ga-badge--batch" title={t('generatedAssets:batchBadge', { count: count(asset.batchSize) })}>
                    ×{count(asset.batchSize)}
                  </span>
                ) : null}
                {asset.verdict ? (
                  <span className={`ga-badge ga-badge--verdict ga-badge--${asset.verdict}`} data-verdict={asset.verdict}>
                    {asset.verdict === 'approved' ? `✓ ${t('generatedAssets:verdictApproved')}` : `✕ ${t('generatedAssets:verdictRejected')}`}
                  </span>
                ) : null}
                <span className={`ga-badge ga-badge--${asset.status}`}>
                  {asset.status ? t(STATUS_KEYS[asset.status]) : null}
                </span>
              </>
            )}
          </span>
        </span>
      </button>
      {isRemoved ? null : (
        <button
          aria-label={
            isSelected ? t('generatedAssets:deselectAsset', { prompt }) : t('generatedAssets:selectAsset', { prompt })
          }
          aria-pressed={isSelected}
          className="ga-tile__check"
          onClick={(event) => click(event, true)}
          tabIndex={-1}
          type="button"
        >
          {isSelected ? <CheckIcon /> : null}
        </button>
      )}
      {mode === 'list' && isReady ? (
        <button
          aria-label={asset.starred ? t('generatedAssets:unstar') : t('generatedAssets:star')}
          aria-pressed={asset.starred}
          className={`ga-tile__star${asset.starred ? ' ga-tile__star--on' : ''}`}
          onClick={() => onStar(asset)}
          tabIndex={-1}
          type="button"
        >
          <StarIcon isFilled={asset.starred} />
        </button>
      ) : null}
      {asset.status === 'failed' && mode === 'list' && !isRemoved ? (
        <Button
          buttonStyle="secondary"
          className="ga-tile__retry"
          margin={false}
          onClick={() => onRetry(asset)}
          size="small"
          type="button"
        >
          {t('generatedAssets:retry')}
        </Button>
      ) : null}
    </div>
  )
})
