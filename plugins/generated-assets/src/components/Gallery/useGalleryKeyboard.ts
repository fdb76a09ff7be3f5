'use client'
import { useModal } from '@payloadcms/ui'
import { useEffect, useRef } from 'react'

import type { GalleryAsset } from '../types.js'
import type { GalleryGridHandle } from './GalleryGrid.js'
import type { GalleryShortcut } from './galleryShortcuts.js'
import type { TileClick } from './GalleryTile.js'
import type { BulkAction } from './galleryApi.js'
import type { GallerySelection } from './useGallerySelection.js'
import type { GridFocus } from './useGridFocus.js'
import type { ViewerNavigation } from './useViewerNavigation.js'

import { compareModalSlug } from '../Compare/CompareView.js'
import { confirmActionModalSlug } from '../ConfirmActionModal/index.js'
import { confirmDeleteModalSlug } from '../ConfirmDeleteModal/index.js'
import { savePresetModalSlug } from '../Presets/SavePresetModal.js'
import { getGalleryShortcut } from './galleryShortcuts.js'

/** What a shortcut does; answers whether it applied (else the key keeps its default). */
type ShortcutHandlers = Partial<Record<GalleryShortcut, (event: KeyboardEvent) => boolean>>

/** Whether a key press belongs to a text field, a select or an editor, which keep their keys. */
const isTyping = (target: EventTarget | null): boolean => {
  if (!(target instanceof HTMLElement)) return false
  if (target.isContentEditable) return true
  const tag = target.tagName
  return tag === 'INPUT' || tag === 'TEXTAREA' || tag === 'SELECT' || Boolean(target.closest('.rs__control'))
}

/**
 * Calls `onKey` for key presses on the page that are not typing (inputs, textareas, selects,
 * editors keep their keys; `.rs__control` is Payload's react-select, whose input no ref of ours
 * reaches) and carry no Alt modifier. `onKey` answers whether it handled the key, in which case
 * the browser's default (scrolling, say) is prevented. Always calls the latest `onKey`.
 */
export const useDocumentKeys = (onKey: (event: KeyboardEvent) => boolean): void => {
  const latest = useRef(onKey)
  latest.current = onKey
  useEffect(() => {
    const listener = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.altKey || isTyping(event.target)) return
      if (latest.current(event)) event.preventDefault()
    }
    document.addEventListener('keydown', listener)
    return () => document.removeEventListener('keydown', listener)
  }, [])
}

/**
 * The gallery's keyboard (see `getGalleryShortcut`): in the grid, arrows, Home and End move the
 * active tile, Enter opens it, Space selects it (Shift: a range), S stars it, Delete asks to trash
 * it or the selection, Escape clears the selection, Ctrl/⌘+A selects everything loaded; in the
 * viewer, ← → go to the neighbours, S stars and Delete asks to trash the asset shown. Silent while
 * a confirmation, the compare view or Save as preset is open. Enter and Space on the page's other buttons keep their own meaning.
 */
export const useGalleryKeyboard = ({
  askDelete,
  focus: { activeIndex, moveTo },
  grid,
  isTrash,
  items,
  liveIds,
  onBulkAction,
  selectByClick,
  selection,
  toggleStar,
  viewer,
}: {
  askDelete: (asset: GalleryAsset) => void
  focus: Pick<GridFocus, 'activeIndex' | 'moveTo'>
  grid: React.RefObject<GalleryGridHandle | null>
  isTrash: boolean
  items: GalleryAsset[]
  /** Ids of the loaded assets not removed elsewhere. */
  liveIds: (number | string)[]
  onBulkAction: (action: BulkAction) => void
  selectByClick: (click: TileClick) => void
  selection: GallerySelection
  toggleStar: (asset: GalleryAsset) => Promise<void>
  viewer: ViewerNavigation
}): void => {
  const { isModalOpen } = useModal()
  useDocumentKeys((event) => {
    // The compare view and Save as preset have keys of their own.
    const silencing = [confirmDeleteModalSlug, confirmActionModalSlug, compareModalSlug, savePresetModalSlug]
    if (silencing.some((slug) => isModalOpen(slug))) return false
    const shortcut = getGalleryShortcut({
      isCommand: event.metaKey || event.ctrlKey,
      isViewerOpen: viewer.isOpen,
      key: event.key,
    })
    if (!shortcut) return false
    const shown = viewer.isShown ? viewer.asset : null
    const viewerKeys: ShortcutHandlers = {
      delete: () => Boolean(shown) && (askDelete(shown!), true),
      next: () => (viewer.goTo(viewer.nextIndex), true),
      previous: () => (viewer.goTo(viewer.previousIndex), true),
      star: () => Boolean(shown) && !isTrash && (void toggleStar(shown!), true),
    }
    const active = items[activeIndex]
    const isOpenable = active?.status === 'ready' && !active.isRemoved
    // A button outside the grid (Enter, Space) does what it does itself.
    const isOtherButton = event.target instanceof HTMLButtonElement && !grid.current?.contains(event.target)
    const step = (delta: number) => () => (moveTo(activeIndex < 0 ? 0 : activeIndex + delta), true)
    const columns = grid.current?.getColumns() ?? 1
    const gridKeys: ShortcutHandlers = {
      clearSelection: () => selection.hasSelection && (selection.clear(), true),
      delete: () => {
        if (selection.hasSelection) return (onBulkAction(isTrash ? 'delete' : 'trash'), true)
        return Boolean(active && !active.isRemoved) && (askDelete(active!), true)
      },
      down: step(columns),
      first: () => (moveTo(0), true),
      last: () => (moveTo(items.length - 1), true),
      left: step(-1),
      open: () => !isOtherButton && isOpenable && (viewer.open(active!, activeIndex), true),
      right: step(1),
      select: () =>
        !isOtherButton &&
        Boolean(active) &&
        (selectByClick({ asset: active!, index: activeIndex, isRange: event.shiftKey, isToggle: false }), true),
      selectAll: () => (selection.selectAllLoaded(liveIds), true),
      star: () => isOpenable && !isTrash && (void toggleStar(active!), true),
      up: step(-columns),
    }
    return (viewer.isOpen ? viewerKeys : gridKeys)[shortcut]?.(event) ?? false
  })
}
