'use client'
import { AnimateHeight, ChevronIcon, Gutter, toast, useConfig, useModal } from '@payloadcms/ui'
import React, { useCallback, useEffect, useMemo, useRef, useState } from 'react'

import type { ConfirmActionRequest } from '../ConfirmActionModal/index.js'
import type { GenerateDraft, GenerateRequest } from '../GenerateForm/index.js'
import type { GalleryAsset, GalleryCreator, GalleryMode, GalleryModel } from '../types.js'
import type { AssetTarget, BulkAction, GalleryPageResponse } from './galleryApi.js'
import type { GalleryFilterState } from './galleryFilters.js'
import type { GalleryGridHandle } from './GalleryGrid.js'
import type { TileClick } from './GalleryTile.js'

import { AssetViewer, assetViewerModalSlug } from '../AssetViewer/index.js'
import { ConfirmActionModal, confirmActionModalSlug } from '../ConfirmActionModal/index.js'
import { ConfirmDeleteModal, confirmDeleteModalSlug } from '../ConfirmDeleteModal/index.js'
import { GenerateForm } from '../GenerateForm/index.js'
import { shareAsset } from '../shareAsset.js'
import { getZipURL, readError, runBulkAction } from './galleryApi.js'
import { isSameFilters, toFilterParams, writeFilters } from './galleryFilters.js'
import { GalleryGrid } from './GalleryGrid.js'
import { GalleryHeader } from './GalleryHeader.js'
import { getGalleryShortcut } from './galleryShortcuts.js'
import { GalleryToolbar } from './GalleryToolbar.js'
import { SelectionBar } from './SelectionBar.js'
import { useGalleryFeed } from './useGalleryFeed.js'
import { useGalleryKeyboard } from './useGalleryKeyboard.js'
import { useGallerySelection } from './useGallerySelection.js'
import { useLiveUpdates } from './useLiveUpdates.js'
import '../gallery.css'

/** Props of {@link GalleryClient}, prepared by the server view. */
export type GalleryClientProps = {
  collectionSlug: string
  /** Users the creator filter offers. */
  creators: GalleryCreator[]
  defaultModel: string
  /** Filters read from the URL by the server. */
  initialFilters: GalleryFilterState
  /** `JSON.stringify([params, sort])` of the filter `initialPage` was read with. */
  initialKey: string
  /** The first page, read by the server (null when the server left it to the browser). */
  initialPage: GalleryPageResponse | null
  maxPromptLength: number
  mode: GalleryMode
  models: GalleryModel[]
  /** Days a trashed asset is kept. */
  retentionDays: number
  /** The collection's plural label, e.g. "Generated Assets". */
  title: string
}

const plural = (count: number, word: string) => `${count.toLocaleString('en')} ${word}${count === 1 ? '' : 's'}`

/**
 * The admin gallery that replaces the collection's list view (and its trash view): Create panel,
 * search and filters kept in the URL, a virtualized keyset-paged grid with live status tiles,
 * selection with bulk actions, keyboard navigation, the viewer and the confirmations.
 */
export const GalleryClient: React.FC<GalleryClientProps> = ({
  collectionSlug,
  creators,
  defaultModel,
  initialFilters,
  initialKey,
  initialPage,
  maxPromptLength,
  mode,
  models,
  retentionDays,
  title,
}) => {
  const { config } = useConfig()
  const { closeModal, isModalOpen, openModal } = useModal()
  const apiURL = `${config.serverURL ?? ''}${config.routes.api}/${collectionSlug}`
  const adminURL = `${config.routes.admin}/collections/${collectionSlug}`
  const isTrash = mode === 'trash'

  // Filters, mirrored into the URL (replaceState: no server round trip, Next's router stays in sync).
  const [filters, setFilters] = useState(initialFilters)
  const changeFilters = useCallback((next: GalleryFilterState) => {
    setFilters((current) => (isSameFilters(current, next) ? current : next))
  }, [])
  useEffect(() => {
    const search = writeFilters(new URLSearchParams(window.location.search), filters).toString()
    if (search !== window.location.search.replace(/^\?/, '')) {
      window.history.replaceState(window.history.state, '', `${window.location.pathname}${search ? `?${search}` : ''}`)
    }
  }, [filters])
  const params = useMemo(() => toFilterParams(filters, { isTrash }), [filters, isTrash])
  // The top of the grid is in view: new assets may appear there without moving anything in view.
  const isAtTop = useCallback(
    () => (document.querySelector('.ga-gallery__grid')?.getBoundingClientRect().top ?? 0) >= -1,
    [],
  )
  const feed = useGalleryFeed({ apiURL, initialKey, initialPage, isAtTop, params, sort: filters.order })
  const { items, loadMore, patch, refreshHead, reload, remove, showNew } = feed
  useEffect(() => {
    if (!feed.newCount) return
    const onScroll = () => {
      if (isAtTop()) showNew()
    }
    onScroll()
    window.addEventListener('scroll', onScroll, { passive: true })
    return () => window.removeEventListener('scroll', onScroll)
  }, [feed.newCount, isAtTop, showNew])
  const selection = useGallerySelection()
  const { forget } = selection
  const grid = useRef<GalleryGridHandle>(null)
  const liveIds = useMemo(() => items.filter((asset) => !asset.isRemoved).map((asset) => asset.id), [items])
  const [activeIndex, setActiveIndex] = useState(-1)

  // A new filter starts at the top, with nothing selected.
  const filterKey = JSON.stringify([params, filters.order])
  const previousFilterKey = useRef(filterKey)
  useEffect(() => {
    if (previousFilterKey.current === filterKey) return
    previousFilterKey.current = filterKey
    selection.clear()
    setActiveIndex(-1)
    const top = document.querySelector('.ga-toolbar')?.getBoundingClientRect().top
    if (top !== undefined && top < 0) window.scrollBy({ behavior: 'instant', top })
  }, [filterKey, selection])

  // Viewer: which asset, and what it looked like when last seen (it may be deleted meanwhile).
  const [openId, setOpenId] = useState<null | string>(null)
  const [viewerSnapshot, setViewerSnapshot] = useState<GalleryAsset | null>(null)
  const lastOpenIndex = useRef(-1)
  const openIndex = openId === null ? -1 : items.findIndex((asset) => String(asset.id) === openId)
  if (openIndex !== -1) lastOpenIndex.current = openIndex
  const viewerAsset = openIndex !== -1 ? items[openIndex]! : viewerSnapshot
  const isViewerOpen = isModalOpen(assetViewerModalSlug)
  useEffect(() => {
    if (openIndex !== -1 && items[openIndex] !== viewerSnapshot) setViewerSnapshot(items[openIndex]!)
  }, [items, openIndex, viewerSnapshot])

  const [pendingDelete, setPendingDelete] = useState<GalleryAsset | null>(null)
  const [confirmRequest, setConfirmRequest] = useState<
    (ConfirmActionRequest & { action: BulkAction; target: AssetTarget }) | null
  >(null)
  const [isBusy, setIsBusy] = useState(false)
  const [draft, setDraft] = useState<{ value: GenerateDraft | null; version: number }>({ value: null, version: 0 })
  const [isCreateOpen, setIsCreateOpen] = useState<boolean | null>(null)

  const { isOffline } = useLiveUpdates({ apiURL, feed, forget, isTrash })
  const itemsRef = useRef(items)
  itemsRef.current = items

  // Single-asset actions.
  const request = useCallback(
    async (path: string, init: RequestInit = {}) => {
      const response = await fetch(`${apiURL}${path}`, {
        credentials: 'include',
        ...init,
        headers: init.body ? { 'Content-Type': 'application/json' } : undefined,
      })
      if (!response.ok) throw new Error(await readError(response))
      return response
    },
    [apiURL],
  )

  const generate = useCallback(
    async (input: GenerateRequest) => {
      try {
        await request('/generate', { body: JSON.stringify(input), method: 'POST' })
      } catch (error) {
        return (error as Error).message
      }
      void refreshHead()
      if (window.scrollY > 0 && (document.querySelector('.ga-grid')?.getBoundingClientRect().top ?? 0) < 0) {
        toast.success('Queued: it appears at the top of the gallery')
      }
      return null
    },
    [refreshHead, request],
  )

  const toggleStar = useCallback(
    async (asset: GalleryAsset) => {
      const starred = !asset.starred
      patch(asset.id, (current) => ({ ...current, starred }))
      setViewerSnapshot((current) => (current && current.id === asset.id ? { ...current, starred } : current))
      try {
        await request(`/${asset.id}`, { body: JSON.stringify({ starred }), method: 'PATCH' })
      } catch (error) {
        patch(asset.id, (current) => ({ ...current, starred: !starred }))
        toast.error((error as Error).message)
      }
    },
    [patch, request],
  )

  const retry = useCallback(
    async (asset: GalleryAsset) => {
      try {
        await request(`/${asset.id}/retry`, { method: 'POST' })
        patch(asset.id, (current) => ({ ...current, error: null, status: 'queued' }))
      } catch (error) {
        toast.error((error as Error).message)
      }
    },
    [patch, request],
  )

  const share = useCallback(
    async (asset: GalleryAsset) => {
      try {
        const response = await request(`/${asset.id}/share`, { method: 'POST' })
        const { shareUrl } = (await response.json()) as { shareUrl: string }
        const method = await shareAsset({ shareUrl, title: asset.prompt ?? undefined })
        if (method === 'clipboard') toast.success('Share link copied to the clipboard')
      } catch (error) {
        toast.error((error as Error).message)
      }
    },
    [request],
  )

  const bulk = useCallback(
    async (action: BulkAction, target: AssetTarget) => {
      setIsBusy(true)
      try {
        const result = await runBulkAction({ action, apiURL, target })
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
    [apiURL, forget, patch, reload, remove],
  )

  const restoreOne = useCallback(
    async (asset: GalleryAsset) => {
      try {
        await bulk('restore', { ids: [asset.id] })
        closeModal(assetViewerModalSlug)
        toast.success('Restored')
      } catch (error) {
        toast.error((error as Error).message)
      }
    },
    [bulk, closeModal],
  )

  const deleteOne = useCallback(
    async (asset: GalleryAsset) => {
      try {
        if (isTrash) {
          await bulk('delete', { ids: [asset.id] })
          toast.success('Deleted permanently')
          return
        }
        await request(`/${asset.id}`, {
          body: JSON.stringify({ deletedAt: new Date().toISOString() }),
          method: 'PATCH',
        })
        remove([asset.id])
        forget([asset.id])
        const undo = () =>
          void runBulkAction({ action: 'restore', apiURL, target: { ids: [asset.id] } })
            .then(() => refreshHead())
            .catch((error: Error) => toast.error(error.message))
        toast.success('Moved to the trash', { action: { label: 'Undo', onClick: undo } })
      } catch (error) {
        toast.error((error as Error).message)
      }
    },
    [apiURL, bulk, forget, isTrash, refreshHead, remove, request],
  )

  const askDelete = useCallback(
    (asset: GalleryAsset) => {
      setPendingDelete(asset)
      openModal(confirmDeleteModalSlug)
    },
    [openModal],
  )

  // Selection and bulk actions.
  const selectedCount = selection.isAllMatching ? (feed.totalDocs ?? items.length) : selection.selectedIds.length
  const selectionTarget = useCallback(
    (): AssetTarget => (selection.isAllMatching ? { filter: params } : { ids: selection.selectedIds }),
    [params, selection.isAllMatching, selection.selectedIds],
  )
  const onBulkAction = useCallback(
    (action: BulkAction) => {
      const target = selectionTarget()
      const count = selectedCount
      if (action === 'trash' || action === 'delete') {
        setConfirmRequest({
          action,
          confirmLabel: action === 'trash' ? 'Move to trash' : 'Delete permanently',
          count,
          detail:
            action === 'trash'
              ? `They can be restored from the trash for ${retentionDays} days.`
              : 'They are deleted with their stored files. This cannot be undone.',
          target,
          title:
            action === 'trash'
              ? `Move ${plural(count, 'asset')} to the trash?`
              : `Delete ${plural(count, 'asset')} permanently?`,
        })
        openModal(confirmActionModalSlug)
        return
      }
      bulk(action, target)
        .then((result) => {
          const verb = { restore: 'Restored', star: 'Starred', unstar: 'Unstarred' }[action as 'restore']
          toast.success(`${verb} ${plural(result.changed, 'asset')}`)
          if (action === 'restore') selection.clear()
        })
        .catch((error: Error) => toast.error(error.message))
    },
    [bulk, openModal, retentionDays, selectedCount, selection, selectionTarget],
  )
  const confirmAction = useCallback(
    async (confirmed: ConfirmActionRequest) => {
      if (!confirmRequest) return
      try {
        const result = await bulk(confirmRequest.action, confirmRequest.target)
        selection.clear()
        const done = confirmRequest.action === 'trash' ? 'Moved to the trash' : 'Deleted permanently'
        toast.success(
          `${done}: ${plural(result.changed, 'asset')}${result.failed.length ? `, ${result.failed.length} failed` : ''}`,
        )
      } catch (error) {
        toast.error((error as Error).message)
      }
      void confirmed
    },
    [bulk, confirmRequest, selection],
  )
  const emptyTrash = useCallback(() => {
    const count = filters.q || Object.keys(params).length > 1 ? null : feed.totalDocs
    setConfirmRequest({
      action: 'delete',
      confirmLabel: 'Empty trash',
      count: count ?? 0,
      detail: 'Every asset in the trash is deleted with its stored files. This cannot be undone.',
      target: { filter: { trash: 'true' } },
      title: count === null ? 'Empty the trash?' : `Empty the trash: delete ${plural(count, 'asset')} permanently?`,
    })
    openModal(confirmActionModalSlug)
  }, [feed.totalDocs, filters.q, openModal, params])
  const download = useCallback(() => {
    const link = document.createElement('a')
    link.href = getZipURL({ apiURL, target: selectionTarget() })
    link.download = ''
    document.body.append(link)
    link.click()
    link.remove()
  }, [apiURL, selectionTarget])

  // Opening, neighbours, reuse.
  const openViewer = useCallback(
    (asset: GalleryAsset, index: number) => {
      setOpenId(String(asset.id))
      setViewerSnapshot(asset)
      setActiveIndex(index)
      openModal(assetViewerModalSlug)
    },
    [openModal],
  )
  const neighbour = (direction: -1 | 1): number => {
    const from = openIndex !== -1 ? openIndex : lastOpenIndex.current - (direction === 1 ? 1 : 0)
    for (let index = from + direction; index >= 0 && index < items.length; index += direction) {
      if (items[index]!.status === 'ready' && !items[index]!.isRemoved) return index
    }
    return -1
  }
  const previousIndex = isViewerOpen ? neighbour(-1) : -1
  const nextIndex = isViewerOpen ? neighbour(1) : -1
  const goTo = (index: number) => {
    if (index < 0) return
    const asset = items[index]!
    setOpenId(String(asset.id))
    setViewerSnapshot(asset)
    setActiveIndex(index)
    grid.current?.scrollToIndex(index)
    if (feed.hasMore && index >= items.length - 6) loadMore()
  }
  const reuse = useCallback(
    (asset: GalleryAsset) => {
      setDraft((current) => ({
        value: {
          model: asset.model ?? undefined,
          params: (asset.params as Record<string, unknown>) ?? {},
          prompt: asset.prompt ?? '',
          source: asset.kind === 'image' && asset.status === 'ready' ? asset : null,
        },
        version: current.version + 1,
      }))
      setIsCreateOpen(true)
      closeModal(assetViewerModalSlug)
      window.scrollTo({ behavior: 'instant', top: 0 })
      requestAnimationFrame(() => document.getElementById('ga-generate-prompt')?.focus({ preventScroll: true }))
    },
    [closeModal],
  )

  // Keyboard focus follows the active tile; closing the viewer returns to it.
  const focusTile = useCallback((index: number, attempt = 0) => {
    const button = document.querySelector<HTMLButtonElement>(`.ga-tile[data-index="${index}"] .ga-tile__open`)
    if (button) button.focus({ preventScroll: true })
    else if (attempt < 10) requestAnimationFrame(() => focusTile(index, attempt + 1))
  }, [])
  const moveTo = useCallback(
    (index: number) => {
      const clamped = Math.max(0, Math.min(index, itemsRef.current.length - 1))
      setActiveIndex(clamped)
      grid.current?.scrollToIndex(clamped)
      focusTile(clamped)
    },
    [focusTile],
  )
  const wasViewerOpen = useRef(false)
  useEffect(() => {
    if (wasViewerOpen.current && !isViewerOpen && activeIndex >= 0 && !isModalOpen(confirmDeleteModalSlug)) {
      grid.current?.scrollToIndex(activeIndex)
      focusTile(activeIndex)
    }
    wasViewerOpen.current = isViewerOpen
  }, [activeIndex, focusTile, isModalOpen, isViewerOpen])

  const selectByClick = useCallback(
    ({ asset, index, isRange }: TileClick) => {
      setActiveIndex(index)
      if (asset.isRemoved) return
      const orderedIds = itemsRef.current.filter((item) => !item.isRemoved).map((item) => item.id)
      selection.toggle(asset.id, { isRange, orderedIds })
    },
    [selection],
  )
  const openByClick = useCallback(({ asset, index }: TileClick) => openViewer(asset, index), [openViewer])

  useGalleryKeyboard((event) => {
    if (isModalOpen(confirmDeleteModalSlug) || isModalOpen(confirmActionModalSlug)) return false
    const shortcut = getGalleryShortcut({
      isCommand: event.metaKey || event.ctrlKey,
      isViewerOpen,
      key: event.key,
    })
    if (!shortcut) return false
    // Enter and Space on the page's other buttons keep their own meaning.
    const isOtherButton = event.target instanceof HTMLButtonElement && !event.target.closest('.ga-tile')
    if (isViewerOpen) {
      const isShown = Boolean(viewerAsset) && openIndex !== -1 && !items[openIndex]?.isRemoved
      switch (shortcut) {
        case 'previous':
          goTo(previousIndex)
          return true
        case 'next':
          goTo(nextIndex)
          return true
        case 'star':
          if (!isShown || isTrash) return false
          void toggleStar(viewerAsset!)
          return true
        case 'delete':
          if (!isShown) return false
          askDelete(viewerAsset!)
          return true
        default:
          return false
      }
    }
    const active = items[activeIndex]
    const from = activeIndex < 0 ? 0 : activeIndex
    const columns = grid.current?.getColumns() ?? 1
    const hasSelection = selection.selectedIds.length > 0 || selection.isAllMatching
    switch (shortcut) {
      case 'left':
        moveTo(activeIndex < 0 ? 0 : from - 1)
        return true
      case 'right':
        moveTo(activeIndex < 0 ? 0 : from + 1)
        return true
      case 'up':
        moveTo(activeIndex < 0 ? 0 : from - columns)
        return true
      case 'down':
        moveTo(activeIndex < 0 ? 0 : from + columns)
        return true
      case 'first':
        moveTo(0)
        return true
      case 'last':
        moveTo(items.length - 1)
        return true
      case 'open':
        if (isOtherButton || active?.status !== 'ready' || active.isRemoved) return false
        openViewer(active, activeIndex)
        return true
      case 'select':
        if (isOtherButton || !active) return false
        selectByClick({ asset: active, index: activeIndex, isRange: event.shiftKey, isToggle: false })
        return true
      case 'star':
        if (!active || isTrash || active.status !== 'ready' || active.isRemoved) return false
        void toggleStar(active)
        return true
      case 'delete':
        if (hasSelection) {
          onBulkAction(isTrash ? 'delete' : 'trash')
          return true
        }
        if (!active || active.isRemoved) return false
        askDelete(active)
        return true
      case 'clearSelection':
        if (!hasSelection) return false
        selection.clear()
        return true
      case 'selectAll':
        selection.selectAllLoaded(liveIds)
        return true
      default:
        return false
    }
  })

  const isSelecting = selection.isAllMatching || selection.selectedIds.length > 0
  const liveCount = liveIds.length
  const createClass = isCreateOpen === null ? 'ga-create--auto' : isCreateOpen ? 'ga-create--open' : 'ga-create--closed'
  const summary =
    feed.totalDocs === null
      ? null
      : filters.q || Object.keys(params).filter((key) => key !== 'trash').length
        ? `${plural(feed.totalDocs, 'asset')} match`
        : isTrash
          ? `${plural(feed.totalDocs, 'asset')} in the trash`
          : plural(feed.totalDocs, 'asset')

  return (
    <Gutter className={`ga-gallery ga-gallery--${mode}`}>
      <GalleryHeader
        adminURL={adminURL}
        canEmptyTrash={(feed.totalDocs ?? items.length) > 0}
        mode={mode}
        onEmptyTrash={emptyTrash}
        retentionDays={retentionDays}
        title={title}
      />
      {isTrash ? null : (
        <section aria-label="Create" className={`ga-create ${createClass}`}>
          <button
            aria-controls="ga-create-body"
            aria-expanded={isCreateOpen ?? undefined}
            className="ga-create__toggle"
            id="ga-create-toggle"
            onClick={() => {
              const isShown = (document.getElementById('ga-create-body')?.offsetHeight ?? 0) > 0
              setIsCreateOpen(!isShown)
            }}
            type="button"
          >
            <span className="ga-create__title">Create</span>
            <span aria-hidden className="ga-create__chevron">
              <ChevronIcon />
            </span>
          </button>
          <div className="ga-create__body" id="ga-create-body">
            <GenerateForm
              defaultModel={defaultModel}
              draft={draft.value}
              key={draft.version}
              maxPromptLength={maxPromptLength}
              models={models}
              onGenerate={generate}
            />
          </div>
        </section>
      )}
      <GalleryToolbar creators={creators} filters={filters} mode={mode} models={models} onChange={changeFilters} />
      <div className="ga-gallery__status">
        {summary ? <span className="ga-gallery__summary">{summary}</span> : null}
        {isOffline ? (
          <span className="ga-gallery__offline">
            Live updates paused; refreshing every 2 s while anything is pending
          </span>
        ) : null}
      </div>
      <AnimateHeight height={isSelecting ? 'auto' : 0}>
        {isSelecting ? (
          <SelectionBar
            count={selectedCount}
            isAllMatching={selection.isAllMatching}
            isBusy={isBusy}
            loadedCount={liveCount}
            mode={mode}
            onAction={onBulkAction}
            onClear={selection.clear}
            onDownload={download}
            onSelectAllLoaded={() => selection.selectAllLoaded(liveIds)}
            onSelectAllMatching={() => selection.selectAllMatching(liveIds)}
            totalDocs={feed.totalDocs}
          />
        ) : null}
      </AnimateHeight>
      {feed.error ? (
        <p className="ga-gallery__error" role="alert">
          {feed.error}
        </p>
      ) : null}
      {!feed.isLoading && !feed.error && items.length === 0 ? (
        <p className="ga-gallery__empty">
          {isTrash
            ? 'The trash is empty.'
            : filters.q || Object.keys(params).length
              ? 'Nothing matches these filters.'
              : 'Nothing generated yet. Type a prompt above and press Generate.'}
        </p>
      ) : null}
      <div className={`ga-gallery__grid${feed.isLoading ? ' ga-gallery__grid--loading' : ''}`}>
        <GalleryGrid
          activeIndex={activeIndex}
          handleRef={grid}
          hasMore={feed.hasMore}
          isLoadingMore={feed.isLoadingMore}
          isSelected={selection.isSelected}
          isSelecting={isSelecting}
          items={items}
          loadMore={loadMore}
          mode={mode}
          onActivate={setActiveIndex}
          onOpen={openByClick}
          onRetry={retry}
          onSelect={selectByClick}
          onStar={toggleStar}
          retentionDays={retentionDays}
        />
      </div>
      {feed.isLoadingMore ? <p className="ga-gallery__more">Loading more…</p> : null}
      {feed.newCount ? (
        <button
          className="ga-new-assets"
          onClick={() => {
            // Scrolling up to the grid's top shows them (the scroll listener above), once the
            // position has been taken into account, so nothing jumps back.
            const top = document.querySelector('.ga-gallery__grid')?.getBoundingClientRect().top ?? 0
            window.scrollBy({ behavior: 'instant', top: top - 120 })
          }}
          type="button"
        >
          ↑ {plural(feed.newCount, 'new asset')}
        </button>
      ) : null}
      <AssetViewer
        asset={viewerAsset}
        isGone={openId !== null && (openIndex === -1 || Boolean(items[openIndex]?.isRemoved))}
        mode={mode}
        onDelete={askDelete}
        onNext={nextIndex !== -1 ? () => goTo(nextIndex) : undefined}
        onPrevious={previousIndex !== -1 ? () => goTo(previousIndex) : undefined}
        onRestore={restoreOne}
        onReuse={isTrash ? undefined : reuse}
        onShare={(asset) => void share(asset)}
        onStar={isTrash ? undefined : (asset) => void toggleStar(asset)}
        position={openIndex !== -1 ? { index: openIndex, total: feed.totalDocs } : undefined}
      />
      <ConfirmDeleteModal
        asset={pendingDelete}
        isPermanent={isTrash}
        onConfirm={async (asset) => {
          await deleteOne(asset)
          if (String(asset.id) === openId) closeModal(assetViewerModalSlug)
        }}
        retentionDays={retentionDays}
      />
      <ConfirmActionModal onConfirm={confirmAction} request={confirmRequest} />
    </Gutter>
  )
}
