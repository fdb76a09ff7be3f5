'use client'
import { AnimateHeight, Gutter, toast, useConfig, useModal } from '@payloadcms/ui'
import React, { useCallback, useMemo, useRef, useState } from 'react'

import type { GalleryAsset, GalleryCreator, GalleryMode, GalleryModel } from '../types.js'
import type { GalleryPageResponse } from './galleryApi.js'
import type { GalleryFilterState } from './galleryFilters.js'
import type { GalleryGridHandle } from './GalleryGrid.js'
import type { TileClick } from './GalleryTile.js'

import { AssetViewer, assetViewerModalSlug } from '../AssetViewer/index.js'
import { ComparePickBanner } from '../Compare/ComparePickBanner.js'
import { CompareView } from '../Compare/CompareView.js'
import { useCompare } from '../Compare/useCompare.js'
import { SavePresetModal, savePresetModalSlug } from '../Presets/SavePresetModal.js'
import { ConfirmActionModal } from '../ConfirmActionModal/index.js'
import { ConfirmDeleteModal, confirmDeleteModalSlug } from '../ConfirmDeleteModal/index.js'
import { useGalleryTranslation } from '../useGalleryTranslation.js'
import { CreatePanel, useCreateDraft } from './CreatePanel.js'
import { BoardPicker, BoardsBar } from './BoardsBar.js'
import { runBulkAction } from './galleryApi.js'
import { GalleryGrid } from './GalleryGrid.js'
import { GalleryHeader } from './GalleryHeader.js'
import { GalleryMessage, GalleryStatus } from './GalleryStatus.js'
import { GalleryToolbar } from './GalleryToolbar.js'
import { SelectionBar } from './SelectionBar.js'
import { useAssetActions } from './useAssetActions.js'
import { useBoards } from './useBoards.js'
import { useBulkActions } from './useBulkActions.js'
import { useGalleryFeed } from './useGalleryFeed.js'
import { useFilterChange, useGalleryFilters } from './useGalleryFilters.js'
import { useGalleryKeyboard } from './useGalleryKeyboard.js'
import { useGallerySelection, useSelectByClick } from './useGallerySelection.js'
import { useGridFocus } from './useGridFocus.js'
import { useGridTop, useShowNewAtTop } from './useGridTop.js'
import { useLiveUpdates } from './useLiveUpdates.js'
import { useViewerNavigation } from './useViewerNavigation.js'
import '../gallery.css'

/** Props of {@link GalleryClient}, prepared by the server view. */
export type GalleryClientProps = {
  /** Slug of the boards collection (the boards bar, Add to board). */
  boardsCollection?: string
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
  maxVariations: number
  mode: GalleryMode
  models: GalleryModel[]
  /** Slug of the generation presets collection (the Create panel's presets, Save as preset). */
  presetsCollection?: string
  /** Days a trashed asset is kept. */
  retentionDays: number
  /** Slug of the reviews collection (the viewer's Reviews section). */
  reviewsCollection?: string
  /** The collection's plural label, e.g. "Generated Assets". */
  title: string
}

/**
 * The admin gallery that replaces the collection's list view (and its trash view): Create panel,
 * search and filters kept in the URL, a virtualized keyset-paged grid with live status tiles,
 * selection with bulk actions, keyboard navigation, the viewer and the confirmations. Each concern
 * is a hook of its own; this component wires them and lays the view out.
 */
/** Variations the viewer's Vary asks for (at most the plugin's `maxVariations`). */
const VARY_VARIATIONS = 4

export const GalleryClient: React.FC<GalleryClientProps> = ({
  boardsCollection,
  collectionSlug,
  creators,
  defaultModel,
  initialFilters,
  initialKey,
  initialPage,
  maxPromptLength,
  maxVariations,
  mode,
  models,
  presetsCollection,
  retentionDays,
  reviewsCollection,
  title,
}) => {
  const { config } = useConfig()
  const { closeModal, openModal } = useModal()
  const translation = useGalleryTranslation()
  const apiURL = `${config.serverURL ?? ''}${config.routes.api}/${collectionSlug}`
  const adminURL = `${config.routes.admin}/collections/${collectionSlug}`
  const isTrash = mode === 'trash'
  const grid = useRef<GalleryGridHandle>(null)
  const toolbar = useRef<HTMLDivElement>(null)
  const gridTop = useGridTop()

  const { changeFilters, filterKey, filters, isFiltered, params } = useGalleryFilters({ initialFilters, isTrash })
  const feed = useGalleryFeed({
    apiURL,
    initialKey,
    initialPage,
    isAtTop: gridTop.isAtTop,
    params,
    sort: filters.order,
    t: translation.t,
  })
  const { items } = feed
  useShowNewAtTop({ isAtTop: gridTop.isAtTop, newCount: feed.newCount, showNew: feed.showNew })
  const selection = useGallerySelection()
  const liveIds = useMemo(() => items.filter((asset) => !asset.isRemoved).map((asset) => asset.id), [items])
  const { isOffline } = useLiveUpdates({ apiURL, feed, forget: selection.forget, isTrash })

  const focus = useGridFocus({ grid, itemCount: items.length })
  const viewer = useViewerNavigation({ feed, grid, onActivate: focus.setActiveIndex })
  const bulk = useBulkActions({ apiURL, feed, isFiltered, params, retentionDays, selection, translation })
  const actions = useAssetActions({
    apiURL,
    bulk: bulk.bulk,
    feed,
    forget: selection.forget,
    isScrolledPast: gridTop.isScrolledPast,
    isTrash,
    patchShown: viewer.patchShown,
    translation,
  })

  const { setActiveIndex } = focus
  // A new filter starts at the top of the toolbar, with nothing selected.
  useFilterChange({
    filterKey,
    onChange: () => {
      selection.clear()
      setActiveIndex(-1)
      const top = toolbar.current?.getBoundingClientRect().top
      if (top !== undefined && top < 0) window.scrollBy({ behavior: 'instant', top })
    },
  })

  const [pendingDelete, setPendingDelete] = useState<GalleryAsset | null>(null)
  const askDelete = useCallback(
    (asset: GalleryAsset) => {
      setPendingDelete(asset)
      openModal(confirmDeleteModalSlug)
    },
    [openModal],
  )
  const { draft, reuse } = useCreateDraft()
  /** Vary: new variations of an asset (its prompt, model and params, new seeds), as many as the Create panel's default. */
  const vary = async ({ asset, fromImage }: { asset: GalleryAsset; fromImage: boolean }) => {
    const { seed: _seed, ...params } = (asset.params as Record<string, unknown> | null) ?? {}
    const message = await actions.generate({
      model: asset.model ?? defaultModel,
      n: Math.min(VARY_VARIATIONS, maxVariations),
      params,
      prompt: asset.prompt ?? '',
      ...(fromImage ? { sources: [asset.id] } : {}),
    })
    if (message) toast.error(message)
    else toast.success(translation.t('generatedAssets:queued'))
  }
  const selectByClick = useSelectByClick({ items, onActivate: setActiveIndex, toggle: selection.toggle })
  const { open: openViewer } = viewer
  const compare = useCompare()
  const { pick, pickFor } = compare
  const openByClick = useCallback(
    ({ asset, index }: TileClick) => (pickFor ? pick(asset) : openViewer(asset, index)),
    [openViewer, pick, pickFor],
  )
  const boards = useBoards({
    boardsURL: boardsCollection ? `${config.serverURL ?? ''}${config.routes.api}/${boardsCollection}` : undefined,
    t: translation.t,
  })
  const [isBoardBusy, setIsBoardBusy] = useState(false)
  /** Puts the selection on a board or takes it off (by ids, or "all matching" by the filter). */
  const changeBoard = (action: 'addToBoard' | 'removeFromBoard', board: number | string) => {
    setIsBoardBusy(true)
    runBulkAction({ action, apiURL, board, t: translation.t, target: selection.getTarget(params) })
      .then((result) => {
        const title = boards.boards.find((entry) => String(entry.id) === String(board))?.title ?? ''
        toast.success(
          translation.plural(action === 'addToBoard' ? 'generatedAssets:boardAdded' : 'generatedAssets:boardRemoved', {
            count: result.changed,
            title,
          }),
        )
        boards.reload()
        if (action === 'removeFromBoard' || filters.board) feed.reload()
        else selection.clear()
      }, (error: Error) => toast.error(error.message))
      .finally(() => setIsBoardBusy(false))
  }
  const presetsURL = presetsCollection ? `${config.serverURL ?? ''}${config.routes.api}/${presetsCollection}` : undefined
  const [presetsVersion, setPresetsVersion] = useState(0)
  const [presetAsset, setPresetAsset] = useState<GalleryAsset | null>(null)

  useGalleryKeyboard({
    askDelete,
    focus,
    grid,
    isTrash,
    items,
    liveIds,
    onBulkAction: bulk.onBulkAction,
    selectByClick,
    selection,
    toggleStar: actions.toggleStar,
    // While "Compare with…" waits, Enter on a tile picks it instead of opening the viewer.
    viewer: pickFor ? { ...viewer, open: (asset) => pick(asset) } : viewer,
  })

  return (
    <Gutter className={`ga-gallery ga-gallery--${mode}`}>
      <GalleryHeader
        adminURL={adminURL}
        canEmptyTrash={(feed.totalDocs ?? items.length) > 0}
        mode={mode}
        onEmptyTrash={bulk.emptyTrash}
        retentionDays={retentionDays}
        title={title}
      />
      {isTrash ? null : (
        <CreatePanel
          defaultModel={defaultModel}
          draft={draft}
          maxPromptLength={maxPromptLength}
          maxVariations={maxVariations}
          models={models}
          onGenerate={actions.generate}
          presets={
            presetsURL
              ? { configuredModels: models.map((model) => model.key), url: presetsURL, version: presetsVersion }
              : undefined
          }
        />
      )}
      <GalleryToolbar
        creators={creators}
        filters={filters}
        mode={mode}
        models={models}
        onChange={changeFilters}
        ref={toolbar}
      />
      {isTrash || !boardsCollection ? null : (
        <BoardsBar activeBoard={filters.board} boards={boards} onSelect={(board) => changeFilters({ ...filters, board })} />
      )}
      <GalleryStatus feed={feed} isFiltered={isFiltered} isOffline={isOffline} isTrash={isTrash} />
      <AnimateHeight height={selection.hasSelection ? 'auto' : 0}>
        {selection.hasSelection ? (
          <SelectionBar
            boardControl={
              boardsCollection ? (
                <BoardPicker
                  activeBoard={filters.board}
                  boards={boards}
                  isBusy={bulk.isBusy || isBoardBusy}
                  onAdd={(board) => changeBoard('addToBoard', board)}
                  onRemove={(board) => changeBoard('removeFromBoard', board)}
                />
              ) : undefined
            }
            count={bulk.selectedCount}
            isAllMatching={selection.isAllMatching}
            isBusy={bulk.isBusy}
            loadedCount={liveIds.length}
            mode={mode}
            onAction={bulk.onBulkAction}
            onClear={selection.clear}
            onCompare={() =>
              compare.compare(
                selection.selectedIds
                  .map((id) => items.find((asset) => String(asset.id) === id))
                  .filter((asset): asset is GalleryAsset => Boolean(asset)),
              )
            }
            onDownload={bulk.download}
            onSelectAllLoaded={() => selection.selectAllLoaded(liveIds)}
            onSelectAllMatching={() => selection.selectAllMatching(liveIds)}
            totalDocs={feed.totalDocs}
          />
        ) : null}
      </AnimateHeight>
      {pickFor ? <ComparePickBanner asset={pickFor} onCancel={compare.cancelPick} /> : null}
      <GalleryMessage feed={feed} isFiltered={isFiltered} isTrash={isTrash} />
      <div className={`ga-gallery__grid${feed.isLoading ? ' ga-gallery__grid--loading' : ''}`} ref={gridTop.ref}>
        <GalleryGrid
          activeIndex={focus.activeIndex}
          handleRef={grid}
          hasMore={feed.hasMore}
          isLoadingMore={feed.isLoadingMore}
          isSelected={selection.isSelected}
          isSelecting={selection.hasSelection}
          items={items}
          loadMore={feed.loadMore}
          mode={mode}
          onActivate={setActiveIndex}
          onOpen={openByClick}
          onRetry={actions.retry}
          onSelect={selectByClick}
          onStar={actions.toggleStar}
          retentionDays={retentionDays}
        />
      </div>
      {feed.isLoadingMore ? <p className="ga-gallery__more">{translation.t('generatedAssets:loadingMore')}</p> : null}
      {feed.newCount ? (
        // Scrolling up to the grid's top shows them (useShowNewAtTop), so nothing jumps back.
        <button className="ga-new-assets" onClick={gridTop.scrollToTop} type="button">
          ↑ {translation.plural('generatedAssets:newAssets', { count: feed.newCount })}
        </button>
      ) : null}
      <AssetViewer
        acceptsSourceImages={(asset) => models.some((model) => model.key === asset.model && model.acceptsSourceImages)}
        apiURL={apiURL}
        asset={viewer.asset}
        isGone={viewer.isGone}
        mode={mode}
        onDelete={askDelete}
        onNext={viewer.nextIndex !== -1 ? () => viewer.goTo(viewer.nextIndex) : undefined}
        onPrevious={viewer.previousIndex !== -1 ? () => viewer.goTo(viewer.previousIndex) : undefined}
        onRestore={actions.restoreOne}
        onReuse={isTrash ? undefined : reuse}
        onShare={(asset) => void actions.share(asset)}
        onStar={isTrash ? undefined : (asset) => void actions.toggleStar(asset)}
        onVary={isTrash ? undefined : (asset, { fromImage }) => void vary({ asset, fromImage })}
        onCompareWith={(asset) => {
          selection.clear()
          compare.startPick(asset)
        }}
        onSaveAsPreset={
          isTrash || !presetsURL
            ? undefined
            : (asset) => {
                setPresetAsset(asset)
                openModal(savePresetModalSlug)
              }
        }
        reviewsURL={reviewsCollection ? `${config.serverURL ?? ''}${config.routes.api}/${reviewsCollection}` : undefined}
        position={viewer.openIndex !== -1 ? { index: viewer.openIndex, total: feed.totalDocs } : undefined}
      />
      <ConfirmDeleteModal
        asset={pendingDelete}
        isPermanent={isTrash}
        onConfirm={async (asset) => {
          await actions.deleteOne(asset)
          if (viewer.asset && String(asset.id) === String(viewer.asset.id)) closeModal(assetViewerModalSlug)
        }}
        retentionDays={retentionDays}
      />
      <ConfirmActionModal onConfirm={bulk.confirmAction} request={bulk.confirmRequest} />
      <CompareView assets={compare.assets} key={compare.key} />
      {presetsURL ? (
        <SavePresetModal asset={presetAsset} onSaved={() => setPresetsVersion((current) => current + 1)} presetsURL={presetsURL} />
      ) : null}
    </Gutter>
  )
}
