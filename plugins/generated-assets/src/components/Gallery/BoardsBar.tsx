'use client'
import { Button, toast } from '@payloadcms/ui'
import React, { useState } from 'react'

import type { GalleryBoards } from './useBoards.js'

import { useGalleryTranslation } from '../useGalleryTranslation.js'

/**
 * The gallery's boards: "All assets" and each board the editor may read with how many of its
 * assets they see, a board view by clicking one (the `board` filter, kept in the URL), a form for a
 * new board, and for the board in view rename, its review link (copied to the clipboard) and
 * delete (asked twice; its assets stay).
 */
export const BoardsBar: React.FC<{
  activeBoard: string
  boards: GalleryBoards
  onSelect: (board: string) => void
}> = ({ activeBoard, boards, onSelect }) => {
  const { count, t } = useGalleryTranslation()
  const [title, setTitle] = useState('')
  const [isConfirmingDelete, setIsConfirmingDelete] = useState(false)
  const [renaming, setRenaming] = useState<null | string>(null)
  const active = boards.boards.find((board) => String(board.id) === activeBoard)
  const fail = (error: unknown) => toast.error((error as Error).message)
  return (
    <nav aria-label={t('generatedAssets:boardsPlural')} className="ga-boards">
      <div className="ga-boards__list" role="list">
        <button aria-pressed={!activeBoard} className="ga-boards__board" onClick={() => onSelect('')} role="listitem" type="button">
          {t('generatedAssets:boardsAll')}
        </button>
        {boards.boards.map((board) => (
          <button
            aria-pressed={String(board.id) === activeBoard}
            className="ga-boards__board"
            key={board.id}
            onClick={() => {
              setIsConfirmingDelete(false)
              onSelect(String(board.id))
            }}
            role="listitem"
            type="button"
          >
            {board.title} <span className="ga-boards__count">{count(board.count)}</span>
          </button>
        ))}
      </div>
      <form
        className="ga-boards__new"
        onSubmit={(event) => {
          event.preventDefault()
          const name = title.trim()
          if (!name) return
          boards.create(name).then((board) => {
            setTitle('')
            toast.success(t('generatedAssets:boardCreated', { title: board.title }))
          }, fail)
        }}
      >
        <input
          aria-label={t('generatedAssets:boardNew')}
          className="ga-input"
          maxLength={120}
          name="board-title"
          onChange={(event) => setTitle(event.target.value)}
          placeholder={t('generatedAssets:boardNew')}
          value={title}
        />
        <Button buttonStyle="secondary" disabled={!title.trim()} margin={false} size="small" type="submit">
          {t('generatedAssets:boardCreate')}
        </Button>
      </form>
      {active && renaming !== null ? (
        <form
          className="ga-boards__new"
          onSubmit={(event) => {
            event.preventDefault()
            const name = renaming.trim()
            if (!name) return
            boards.rename(active.id, name).then(() => setRenaming(null), fail)
          }}
        >
          <input
            aria-label={t('generatedAssets:boardRename')}
            autoFocus
            className="ga-input"
            maxLength={120}
            name="board-rename"
            onChange={(event) => setRenaming(event.target.value)}
            onKeyDown={(event) => {
              if (event.key === 'Escape') setRenaming(null)
            }}
            value={renaming}
          />
          <Button buttonStyle="secondary" disabled={!renaming.trim()} margin={false} size="small" type="submit">
            {t('generatedAssets:boardRenameSave')}
          </Button>
        </form>
      ) : null}
      {active ? (
        <div className="ga-boards__actions">
          <Button buttonStyle="secondary" id="ga-board-rename" margin={false} onClick={() => setRenaming(active.title)} size="small" type="button">
            {t('generatedAssets:boardRename')}
          </Button>
          <Button
            buttonStyle="secondary"
            id="ga-board-share"
            margin={false}
            onClick={() =>
              boards.share(active.id).then(async (shareUrl) => {
                await navigator.clipboard?.writeText(shareUrl).catch(() => undefined)
                toast.success(t('generatedAssets:boardShared', { url: shareUrl }))
              }, fail)
            }
            size="small"
            type="button"
          >
            {t('generatedAssets:boardShare')}
          </Button>
          {active.shareUrl ? (
            <a className="ga-boards__link" href={active.shareUrl} rel="noreferrer" target="_blank">
              {t('generatedAssets:boardOpenReview')}
            </a>
          ) : null}
          <Button
            buttonStyle="secondary"
            className="ga-button--danger"
            id="ga-board-delete"
            margin={false}
            onClick={() => {
              if (!isConfirmingDelete) {
                setIsConfirmingDelete(true)
                return
              }
              setIsConfirmingDelete(false)
              boards.remove(active.id).then(() => {
                onSelect('')
                toast.success(t('generatedAssets:boardDeleted', { title: active.title }))
              }, fail)
            }}
            size="small"
            type="button"
          >
            {isConfirmingDelete ? t('generatedAssets:boardDeleteConfirm', { title: active.title }) : t('generatedAssets:boardDelete')}
          </Button>
        </div>
      ) : null}
    </nav>
  )
}

/**
 * The selection bar's board control: "Add to board…" (a list of the editor's boards), and in a
 * board's view "Remove from board".
 */
export const BoardPicker: React.FC<{
  activeBoard: string
  boards: GalleryBoards
  isBusy: boolean
  onAdd: (board: number | string) => void
  onRemove: (board: number | string) => void
}> = ({ activeBoard, boards, isBusy, onAdd, onRemove }) => {
  const { t } = useGalleryTranslation()
  return (
    <>
      {boards.boards.length ? (
        <select
          aria-label={t('generatedAssets:boardAddTo')}
          className="ga-input ga-selection__board"
          disabled={isBusy}
          id="ga-bulk-add-to-board"
          onChange={(event) => {
            const board = boards.boards.find((entry) => String(entry.id) === event.target.value)
            event.target.value = ''
            if (board) onAdd(board.id)
          }}
          value=""
        >
          <option value="">{t('generatedAssets:boardAddTo')}</option>
          {boards.boards.map((board) => (
            <option key={board.id} value={String(board.id)}>
              {board.title}
            </option>
          ))}
        </select>
      ) : null}
      {activeBoard ? (
        <Button buttonStyle="secondary" disabled={isBusy} id="ga-bulk-remove-from-board" margin={false} onClick={() => onRemove(activeBoard)} size="small" type="button">
          {t('generatedAssets:boardRemoveFrom')}
        </Button>
      ) : null}
    </>
  )
}
