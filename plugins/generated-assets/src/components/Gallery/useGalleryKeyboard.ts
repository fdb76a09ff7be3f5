'use client'
import { useEffect, useRef } from 'react'

/** Whether a key press belongs to a text field, a select or an editor, which keep their keys. */
const isTyping = (target: EventTarget | null): boolean => {
  if (!(target instanceof HTMLElement)) return false
  if (target.isContentEditable) return true
  const tag = target.tagName
  return tag === 'INPUT' || tag === 'TEXTAREA' || tag === 'SELECT' || Boolean(target.closest('.rs__control'))
}

/**
 * Calls `onKey` for key presses on the page that are not typing (inputs, textareas, selects,
 * editors keep their keys) and carry no Alt modifier. `onKey` answers whether it handled the key,
 * in which case the browser's default (scrolling, say) is prevented. Always calls the latest
 * `onKey`.
 */
export const useGalleryKeyboard = (onKey: (event: KeyboardEvent) => boolean): void => {
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
