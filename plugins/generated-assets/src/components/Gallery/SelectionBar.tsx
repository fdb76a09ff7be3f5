'use client'
import { Button } from '@payloadcms/ui'
import React from 'react'

import type { GalleryMode } from '../types.js'
import type { BulkAction } from './galleryApi.js'

const formatCount = (count: number) => count.toLocaleString('en')

/**
 * The selection toolbar, shown while something is selected and stuck below the app header:
 * how many are selected, "select all loaded" and "select all N matching this filter", and the
 * bulk actions of the view (gallery: star, unstar, download, move to trash, delete permanently;
 * trash: restore, download, delete permanently).
 */
export const SelectionBar: React.FC<{
  count: number
  isAllMatching: boolean
  isBusy: boolean
  loadedCount: number
  mode: GalleryMode
  onAction: (action: BulkAction) => void
  onClear: () => void
  onDownload: () => void
  onSelectAllLoaded: () => void
  onSelectAllMatching: () => void
  totalDocs: null | number
}> = ({
  count,
  isAllMatching,
  isBusy,
  loadedCount,
  mode,
  onAction,
  onClear,
  onDownload,
  onSelectAllLoaded,
  onSelectAllMatching,
  totalDocs,
}) => {
  const canSelectMore = !isAllMatching && totalDocs !== null && totalDocs > loadedCount
  return (
    <div aria-label="Selection" className="ga-selection" role="toolbar">
      <div className="ga-selection__summary">
        <strong aria-live="polite" className="ga-selection__count">
          {isAllMatching
            ? `All ${formatCount(totalDocs ?? count)} matching selected`
            : `${formatCount(count)} selected`}
        </strong>
        {!isAllMatching && count < loadedCount ? (
          <Button buttonStyle="subtle" margin={false} onClick={onSelectAllLoaded} size="small" type="button">
            Select all {formatCount(loadedCount)} loaded
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
            Select all {formatCount(totalDocs)} matching
          </Button>
        ) : null}
        <Button buttonStyle="subtle" margin={false} onClick={onClear} size="small" type="button">
          Clear
        </Button>
      </div>
      <div className="ga-selection__actions">
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
              Star
            </Button>
            <Button
              buttonStyle="secondary"
              disabled={isBusy}
              margin={false}
              onClick={() => onAction('unstar')}
              size="small"
              type="button"
            >
              Unstar
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
            Restore
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
          Download (zip)
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
            Move to trash
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
          Delete permanently
        </Button>
      </div>
    </div>
  )
}
