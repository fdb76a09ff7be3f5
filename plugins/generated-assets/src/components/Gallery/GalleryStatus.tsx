'use client'
import React from 'react'

import type { GalleryFeed } from './useGalleryFeed.js'

import { useGalleryTranslation } from '../useGalleryTranslation.js'
import { PENDING_POLL_INTERVAL } from './useLiveUpdates.js'

/**
 * The line above the grid: how many assets match (or are in the trash), and whether live updates
 * are paused (the events stream is down, so pending assets are polled instead).
 */
export const GalleryStatus: React.FC<{
  feed: Pick<GalleryFeed, 'totalDocs'>
  isFiltered: boolean
  isOffline: boolean
  isTrash: boolean
}> = ({ feed: { totalDocs }, isFiltered, isOffline, isTrash }) => {
  const { count, plural, t } = useGalleryTranslation()
  const summary =
    totalDocs === null
      ? null
      : plural(
          isFiltered
            ? 'generatedAssets:assetsMatch'
            : isTrash
              ? 'generatedAssets:assetsInTrash'
              : 'generatedAssets:assetCount',
          { count: totalDocs },
        )
  return (
    <div className="ga-gallery__status">
      {summary ? <span className="ga-gallery__summary">{summary}</span> : null}
      {isOffline ? (
        <span className="ga-gallery__offline">
          {t('generatedAssets:liveUpdatesPaused', {
            interval: t('generatedAssets:seconds', { value: count(PENDING_POLL_INTERVAL / 1000) }),
          })}
        </span>
      ) : null}
    </div>
  )
}

/** The feed's error, or why the grid is empty (an empty trash, nothing matching, nothing yet). */
export const GalleryMessage: React.FC<{
  feed: Pick<GalleryFeed, 'error' | 'isLoading' | 'items'>
  isFiltered: boolean
  isTrash: boolean
}> = ({ feed: { error, isLoading, items }, isFiltered, isTrash }) => {
  const { t } = useGalleryTranslation()
  if (error) {
    return (
      <p className="ga-gallery__error" role="alert">
        {error}
      </p>
    )
  }
  if (isLoading || items.length) return null
  return (
    <p className="ga-gallery__empty">
      {isTrash
        ? t('generatedAssets:trashEmpty')
        : isFiltered
          ? t('generatedAssets:nothingMatches')
          : t('generatedAssets:nothingGenerated')}
    </p>
  )
}
