'use client'
import { toast, useModal } from '@payloadcms/ui'
import { useCallback, useState } from 'react'

import type { ConfirmActionRequest } from '../ConfirmActionModal/index.js'
import type { GalleryTranslation } from '../useGalleryTranslation.js'
import type { AssetTarget, BulkAction, BulkResult } from './galleryApi.js'
import type { GalleryFeed } from './useGalleryFeed.js'
import type { GallerySelection } from './useGallerySelection.js'

import { confirmActionModalSlug } from '../ConfirmActionModal/index.js'
import { getZipURL, runBulkAction } from './galleryApi.js'

/** A confirmation waiting for the editor, with the action it confirms. */
export type PendingConfirmation = { action: BulkAction; target: AssetTarget } & ConfirmActionRequest

/** The gallery's bulk actions and their confirmations. */
export type BulkActions = {
  /** Runs an action and updates the grid and the selection to match. */
  bulk: (action: BulkAction, target: AssetTarget) => Promise<BulkResult>
  /** Runs the confirmed action (the confirmation modal's button). */
  confirmAction: () => Promise<void>
  confirmRequest: null | PendingConfirmation
  /** Downloads the selection as a ZIP archive. */
  download: () => void
  /** Asks to delete everything in the trash. */
  emptyTrash: () => void
  /** A bulk request is in flight. */
  isBusy: boolean
  /** A button of the selection bar: trash and delete ask first, the others run at once. */
  onBulkAction: (action: BulkAction) => void
  /** How many assets the selection holds ("all matching" counts them all, loaded or not). */
  selectedCount: number
}

const DONE_KEYS = {
  restore: 'generatedAssets:bulkRestored',
  star: 'generatedAssets:bulkStarred',
  unstar: 'generatedAssets:bulkUnstarred',
} as const

/**
 * Bulk star, unstar, restore, trash and delete on the selection (listed ids, or everything the
 * filter matches), the empty-trash action and the ZIP download; trash and delete are confirmed
 * first, with the count in the heading. A listed removal drops the assets from the grid and the
 * selection; a filter-wide one reloads the grid.
 */
export const useBulkActions = ({
  apiURL,
  feed,
  isFiltered,
  params,
  retentionDays,
  selection,
  translation: { plural, t },
}: {
  apiURL: string
  feed: Pick<GalleryFeed, 'items' | 'patch' | 'reload' | 'remove' | 'totalDocs'>
  isFiltered: boolean
  params: Record<string, string>
  retentionDays: number
  selection: GallerySelection
  translation: GalleryTranslation
}): BulkActions => {
  const { openModal } = useModal()
  const [confirmRequest, setConfirmRequest] = useState<null | PendingConfirmation>(null)
  const [isBusy, setIsBusy] = useState(false)
  const { patch, reload, remove, totalDocs } = feed
  const { clear, forget, getTarget } = selection

  const bulk = useCallback(
    async (action: BulkAction, target: AssetTarget) => {
      setIsBusy(true)
      try {
        const result = await runBulkAction({ action, apiURL, t, target })
        const isRemoval = action === 'delete' || action === 'restore' || action === 'trash'
        if ('ids' in target) {
          if (isRemoval) {
            const failed = new Set(result.failed.map((failure) => String(failure.id)))
            const gone = target.ids.map(String).filter((id) => !failed.has(id))
            remove(gone)
            forget(gone)
          } else {
            for (const id of target.ids) patch(id, (asset) => ({ ...asset, starred: action === 'star' }))
          }
        } else {
          reload()
        }
        return result
      } finally {
        setIsBusy(false)
      }
    },
    [apiURL, forget, patch, reload, remove, t],
  )

  const selectedCount = selection.isAllMatching ? (totalDocs ?? feed.items.length) : selection.selectedIds.length
  const onBulkAction = useCallback(
    (action: BulkAction) => {
      const target = getTarget(params)
      const count = selectedCount
      if (action === 'trash' || action === 'delete') {
        const isTrashing = action === 'trash'
        setConfirmRequest({
          action,
          confirmLabel: isTrashing ? t('generatedAssets:moveToTrash') : t('generatedAssets:deletePermanently'),
          count,
          detail: isTrashing
            ? plural('generatedAssets:bulkTrashDetail', { count: retentionDays })
            : t('generatedAssets:bulkDeleteDetail'),
          target,
          title: plural(isTrashing ? 'generatedAssets:bulkTrashTitle' : 'generatedAssets:bulkDeleteTitle', { count }),
        })
        openModal(confirmActionModalSlug)
        return
      }
      bulk(action, target)
        .then((result) => {
          toast.success(plural(DONE_KEYS[action as keyof typeof DONE_KEYS], { count: result.changed }))
          if (action === 'restore') clear()
        })
        .catch((error: Error) => toast.error(error.message))
    },
    [bulk, clear, getTarget, openModal, params, plural, retentionDays, selectedCount, t],
  )

  const confirmAction = useCallback(async () => {
    if (!confirmRequest) return
    try {
      const result = await bulk(confirmRequest.action, confirmRequest.target)
      clear()
      const done = plural(
        confirmRequest.action === 'trash' ? 'generatedAssets:bulkTrashed' : 'generatedAssets:bulkDeleted',
        { count: result.changed },
      )
      const failed = result.failed.length
        ? `, ${plural('generatedAssets:bulkFailed', { count: result.failed.length })}`
        : ''
      toast.success(`${done}${failed}`)
    } catch (error) {
      toast.error((error as Error).message)
    }
  }, [bulk, clear, confirmRequest, plural])

  const emptyTrash = useCallback(() => {
    const count = isFiltered ? null : totalDocs
    setConfirmRequest({
      action: 'delete',
      confirmLabel: t('generatedAssets:emptyTrash'),
      count: count ?? 0,
      detail: t('generatedAssets:emptyTrashDetail'),
      target: { filter: { trash: 'true' } },
      title:
        count === null
          ? t('generatedAssets:emptyTrashTitle')
          : plural('generatedAssets:emptyTrashTitleCount', { count }),
    })
    openModal(confirmActionModalSlug)
  }, [isFiltered, openModal, plural, t, totalDocs])

  const download = useCallback(() => {
    const link = document.createElement('a')
    link.href = getZipURL({ apiURL, target: getTarget(params) })
    link.download = ''
    document.body.append(link)
    link.click()
    link.remove()
  }, [apiURL, getTarget, params])

  return { bulk, confirmAction, confirmRequest, download, emptyTrash, isBusy, onBulkAction, selectedCount }
}
