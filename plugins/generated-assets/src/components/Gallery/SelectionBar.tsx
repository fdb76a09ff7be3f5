'use client'
import { Button } from '@payloadcms/ui'
import React from 'react'

import type { GalleryMode } from '../types.js'
import type { BulkAction } from './galleryApi.js'

import { useGalleryTranslation } from '../useGalleryTranslation.js'

/**
 * The selection toolbar, shown while something is selected and stuck below the app header:
 * how many are selected, "select all loaded" and "select all N matching this filter", and the
 * bulk actions of the view (gallery: compare, star, unstar, download, move to trash, delete permanently;
 * trash: restore, download, delete permanently).
 */
export const SelectionBar: React.FC<{
  count: number
  /** The board control (Add to board…, Remove from board), in the gallery. */
  boardControl?: React.ReactNode
  isAllMatching: boolean
  isBusy: boolean
  loadedCount: number
  mode: GalleryMode
  onAction: (action: BulkAction) => void
  onClear: () => void
  /** Opens the compare view on the selection; offered while two to four assets are selected. */
  onCompare?: () => void
  onDownload: () => void
  onSelectAllLoaded: () => void
  onSelectAllMatching: () => void
  totalDocs: null | number
}> = ({
  boardControl,
  count,
  isAllMatching,
  isBusy,
  loadedCount,
  mode,
  onAction,
  onClear,
  onCompare,
  onDownload,
  onSelectAllLoaded,
  onSelectAllMatching,
  totalDocs,
}) => {
  const { count: formatCount, plural, t } = useGalleryTranslation()
  const canSelectMore = !isAllMatching && totalDocs !== null && totalDocs > loadedCount
  return (
    <div aria-label={t('generatedAssets:selection')} className="ga-selection" role="toolbar">
      <div className="ga-selection__summary">
        <strong aria-live="polite" className="ga-selection__count">
          {isAllMatching
            ? t('generatedAssets:selectedAllMatching', { count: formatCount(totalDocs ?? count) })
            : plural('generatedAssets:selected', { count })}
        </strong>
        {!isAllMatching && count < loadedCount ? (
          <Button buttonStyle="subtle" margin={false} onClick={onSelectAllLoaded} size="small" type="button">
            {t('generatedAssets:selectAllLoaded', { count: formatCount(loadedCount) })}
          </Button>
        ) : null}
        {canSelectMore ? (
          <Button
            buttonStyle="subtle"
            id="ga-select-all-matching"
            margin={false}
            onClick={onSelectAllMatching}
            size="small"
            type="button"
          >
            {t('generatedAssets:selectAllMatching', { count: formatCount(totalDocs) })}
          </Button>
        ) : null}
        <Button buttonStyle="subtle" margin={false} onClick={onClear} size="small" type="button">
          {t('generatedAssets:clear')}
        </Button>
      </div>
      <div className="ga-selection__actions">
        {mode === 'list' ? boardControl : null}
        {onCompare ? (
          <Button
            buttonStyle="secondary"
            disabled={isAllMatching || count < 2 || count > 4}
            id="ga-bulk-compare"
            margin={false}
            onClick={onCompare}
            size="small"
            tooltip={isAllMatching || count < 2 || count > 4 ? t('generatedAssets:compareNeedsTwoToFour') : undefined}
            type="button"
          >
            {t('generatedAssets:compare')}
          </Button>
        ) : null}
        {mode === 'list' ? (
          <>
            <Button
              buttonStyle="secondary"
              disabled={isBusy}
              margin={false}
              onClick={() => onAction('star')}
              size="small"
              type="button"
            >
              {t('generatedAssets:star')}
            </Button>
            <Button
              buttonStyle="secondary"
              disabled={isBusy}
              margin={false}
              onClick={() => onAction('unstar')}
              size="small"
              type="button"
            >
              {t('generatedAssets:unstar')}
            </Button>
          </>
        ) : (
          <Button
            buttonStyle="secondary"
            disabled={isBusy}
            id="ga-bulk-restore"
            margin={false}
            onClick={() => onAction('restore')}
            size="small"
            type="button"
          >
            {t('generatedAssets:restore')}
          </Button>
        )}
        <Button
          buttonStyle="secondary"
          disabled={isBusy}
          id="ga-bulk-download"
          margin={false}
          onClick={onDownload}
          size="small"
          type="button"
        >
          {t('generatedAssets:downloadZip')}
        </Button>
        {mode === 'list' ? (
          <Button
            buttonStyle="secondary"
            disabled={isBusy}
            id="ga-bulk-trash"
            margin={false}
            onClick={() => onAction('trash')}
            size="small"
            type="button"
          >
            {t('generatedAssets:moveToTrash')}
          </Button>
        ) : null}
        <Button
          buttonStyle="secondary"
          className="ga-button--danger"
          disabled={isBusy}
          id="ga-bulk-delete"
          margin={false}
          onClick={() => onAction('delete')}
          size="small"
          type="button"
        >
          {t('generatedAssets:deletePermanently')}
        </Button>
      </div>
    </div>
  )
}
