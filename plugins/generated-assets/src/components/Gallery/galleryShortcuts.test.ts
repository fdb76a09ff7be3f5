import { describe, expect, it } from 'vitest'

import { getGalleryShortcut } from './galleryShortcuts.js'

describe('getGalleryShortcut', () => {
  it.each([
    ['ArrowDown', false, false, 'down'],
    ['Enter', false, false, 'open'],
    [' ', false, false, 'select'],
    ['s', false, false, 'star'],
    ['Delete', false, false, 'delete'],
    ['Backspace', false, false, 'delete'],
    ['Escape', false, false, 'clearSelection'],
    ['a', true, false, 'selectAll'],
    ['ArrowLeft', false, true, 'previous'],
    ['ArrowRight', false, true, 'next'],
    ['S', false, true, 'star'],
    ['Delete', false, true, 'delete'],
    ['Escape', false, true, null],
    ['ArrowDown', false, true, null],
    ['a', true, true, null],
    ['x', false, false, null],
  ])('%s (command %s, viewer %s) → %s', (key, isCommand, isViewerOpen, shortcut) => {
    expect(getGalleryShortcut({ isCommand, isViewerOpen, key })).toBe(shortcut)
  })
})
