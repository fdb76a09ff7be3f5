'use client'
import { toast, useModal } from '@payloadcms/ui'
import { useCallback } from 'react'

import type { GenerateRequest } from '../GenerateForm/index.js'
import type { GalleryAsset } from '../types.js'
import type { GalleryTranslation } from '../useGalleryTranslation.js'
import type { BulkActions } from './useBulkActions.js'
import type { GalleryFeed } from './useGalleryFeed.js'
import type { ViewerNavigation } from './useViewerNavigation.js'

import { assetViewerModalSlug } from '../AssetViewer/index.js'
import { shareAsset } from '../shareAsset.js'
import { readError, runBulkAction } from './galleryApi.js'

/** What an editor can do to one asset from a tile, the viewer or the Create panel. */
export type AssetActions = {
  /** Moves an asset to the trash (with Undo), or in the trash deletes it for good. */
  deleteOne: (asset: GalleryAsset) => Promise<void>
  /** Queues a generation; answers the error message to show, or `null`. */
  generate: (input: GenerateRequest) => Promise<null | string>
  restoreOne: (asset: GalleryAsset) => Promise<void>
  retry: (asset: GalleryAsset) => Promise<void>
  /** Hands the asset's share link to the system share sheet or the clipboard. */
  share: (asset: GalleryAsset) => Promise<void>
  /** Stars or unstars at once in the grid, undone if the server refuses. */
  toggleStar: (asset: GalleryAsset) => Promise<void>
}

/**
 * The single-asset actions, each a request to the collection's API (REST, the generate, retry
 * and share endpoints, the bulk endpoint for restore and permanent delete) with the grid updated
 * to match and a toast in the admin's language. `patchShown` keeps the viewer's copy in step.
 */
export const useAssetActions = ({
  apiURL,
  bulk,
  feed: { patch, refreshHead, remove },
  forget,
  isScrolledPast,
  isTrash,
  patchShown,
  translation: { t },
}: {
  apiURL: string
  bulk: BulkActions['bulk']
  feed: Pick<GalleryFeed, 'patch' | 'refreshHead' | 'remove'>
  /** Drops ids from the selection. */
  forget: (ids: (number | string)[]) => void
  /** The grid's top is out of sight (a new asset appears there unseen). */
  isScrolledPast: () => boolean
  isTrash: boolean
  patchShown: ViewerNavigation['patchShown']
  translation: GalleryTranslation
}): AssetActions => {
  const { closeModal } = useModal()
  const request = useCallback(
    async (path: string, init: RequestInit = {}) => {
      const response = await fetch(`${apiURL}${path}`, {
        credentials: 'include',
        ...init,
        headers: init.body ? { 'Content-Type': 'application/json' } : undefined,
      })
      if (!response.ok) throw new Error(await readError({ response, t }))
      return response
    },
    [apiURL, t],
  )
  const showError = (error: unknown) => toast.error((error as Error).message)

  const generate = useCallback(
    async (input: GenerateRequest) => {
      try {
        await request('/generate', { body: JSON.stringify(input), method: 'POST' })
      } catch (error) {
        return (error as Error).message
      }
      void refreshHead()
      if (isScrolledPast()) toast.success(t('generatedAssets:queued'))
      return null
    },
    [isScrolledPast, refreshHead, request, t],
  )

  const toggleStar = useCallback(
    async (asset: GalleryAsset) => {
      const starred = !asset.starred
      patch(asset.id, (current) => ({ ...current, starred }))
      patchShown(asset.id, (current) => ({ ...current, starred }))
      try {
        await request(`/${asset.id}`, { body: JSON.stringify({ starred }), method: 'PATCH' })
      } catch (error) {
        patch(asset.id, (current) => ({ ...current, starred: !starred }))
        showError(error)
      }
    },
    [patch, patchShown, request],
  )

  const retry = useCallback(
    async (asset: GalleryAsset) => {
      try {
        await request(`/${asset.id}/retry`, { method: 'POST' })
        patch(asset.id, (current) => ({ ...current, error: null, status: 'queued' }))
      } catch (error) {
        showError(error)
      }
    },
    [patch, request],
  )

  const share = useCallback(
    async (asset: GalleryAsset) => {
      try {
        const response = await request(`/${asset.id}/share`, { method: 'POST' })
        const { shareUrl } = (await response.json()) as { shareUrl: string }
        const method = await shareAsset({
          promptLabel: t('generatedAssets:copyShareLink'),
          shareUrl,
          title: asset.prompt ?? undefined,
        })
        if (method === 'clipboard') toast.success(t('generatedAssets:shareCopied'))
      } catch (error) {
        showError(error)
      }
    },
    [request, t],
  )

  const restoreOne = useCallback(
    async (asset: GalleryAsset) => {
      try {
        await bulk('restore', { ids: [asset.id] })
        closeModal(assetViewerModalSlug)
        toast.success(t('generatedAssets:restored'))
      } catch (error) {
        showError(error)
      }
    },
    [bulk, closeModal, t],
  )

  const deleteOne = useCallback(
    async (asset: GalleryAsset) => {
      try {
        if (isTrash) {
          await bulk('delete', { ids: [asset.id] })
          toast.success(t('generatedAssets:deletedPermanently'))
          return
        }
        await request(`/${asset.id}`, {
          body: JSON.stringify({ deletedAt: new Date().toISOString() }),
          method: 'PATCH',
        })
        remove([asset.id])
        forget([asset.id])
        const undo = () =>
          void runBulkAction({ action: 'restore', apiURL, t, target: { ids: [asset.id] } })
            .then(() => refreshHead())
            .catch(showError)
        toast.success(t('generatedAssets:movedToTrash'), { action: { label: t('generatedAssets:undo'), onClick: undo } })
      } catch (error) {
        showError(error)
      }
    },
    [apiURL, bulk, forget, isTrash, refreshHead, remove, request, t],
  )

  return { deleteOne, generate, restoreOne, retry, share, toggleStar }
}
