/** What a key does in the gallery. */
export type GalleryShortcut =
  | 'clearSelection'
  | 'delete'
  | 'down'
  | 'first'
  | 'last'
  | 'left'
  | 'next'
  | 'open'
  | 'previous'
  | 'right'
  | 'select'
  | 'selectAll'
  | 'star'
  | 'up'

/**
 * The gallery's keys. In the grid: arrows move, Home / End jump, Enter opens, Space selects
 * (with Shift, a range), S stars, Delete (or Backspace) asks to trash, Escape clears the
 * selection, Ctrl/⌘+A selects everything loaded. In the viewer: ← and → go to the neighbouring
 * assets, S stars, Delete asks to trash (Escape closes it, as every Payload modal). Answers
 * `null` for any other key.
 */
export const getGalleryShortcut = ({
  isCommand,
  isViewerOpen,
  key,
}: {
  /** Ctrl or ⌘ is held. */
  isCommand: boolean
  isViewerOpen: boolean
  /** `KeyboardEvent.key`. */
  key: string
}): GalleryShortcut | null => {
  if (isCommand) return !isViewerOpen && (key === 'a' || key === 'A') ? 'selectAll' : null
  if (isViewerOpen) {
    const viewerKeys: Record<string, GalleryShortcut> = {
      ArrowLeft: 'previous',
      ArrowRight: 'next',
      Backspace: 'delete',
      Delete: 'delete',
      S: 'star',
      s: 'star',
    }
    return viewerKeys[key] ?? null
  }
  const gridKeys: Record<string, GalleryShortcut> = {
    ' ': 'select',
    ArrowDown: 'down',
    ArrowLeft: 'left',
    ArrowRight: 'right',
    ArrowUp: 'up',
    Backspace: 'delete',
    Delete: 'delete',
    End: 'last',
    Enter: 'open',
    Escape: 'clearSelection',
    Home: 'first',
    S: 'star',
    s: 'star',
  }
  return gridKeys[key] ?? null
}
