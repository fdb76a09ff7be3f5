'use client'
import { useModal } from '@payloadcms/ui'
import React from 'react'

import type { GalleryAsset } from '../types.js'

import { ConfirmationDialog } from '../ConfirmationDialog/index.js'

/** Slug of the delete confirmation modal. */
export const confirmDeleteModalSlug = 'generated-assets-confirm-delete'

/**
 * Seed 000's confirmation modal: "Delete this item?", the model and a prompt summary, explicit
 * Cancel and Delete buttons, both disabled while the request is in flight. `isPermanent` (in the
 * trash) says the asset and its files are removed for good; otherwise it moves to the trash.
 */
export const ConfirmDeleteModal: React.FC<{
  asset: GalleryAsset | null
  isPermanent?: boolean
  onConfirm: (asset: GalleryAsset) => Promise<void>
  /** Days a trashed asset is kept, for the hint. */
  retentionDays?: number
}> = ({ asset, isPermanent = false, onConfirm, retentionDays }) => {
  const { isModalOpen } = useModal()
  if (!asset || !isModalOpen(confirmDeleteModalSlug)) {
    return null
  }
  const prompt = asset.prompt ?? ''
  const summary = prompt.length > 160 ? `${prompt.slice(0, 157)}…` : prompt
  return (
    <ConfirmationDialog
      cancelId="ga-confirm-cancel"
      confirmId="ga-confirm-delete"
      confirmLabel={isPermanent ? 'Delete permanently' : 'Delete'}
      heading="Delete this item?"
      headingId="ga-confirm-heading"
      onConfirm={() => onConfirm(asset)}
      slug={confirmDeleteModalSlug}
      workingLabel="Deleting…"
    >
      <p className="ga-confirm__summary">
        <strong>{asset.modelName ?? asset.model}</strong>
        <span> · </span>
        <span>{summary}</span>
      </p>
      <p className="ga-confirm__hint">
        {isPermanent
          ? 'It is deleted permanently, with its stored files. This cannot be undone.'
          : `It moves to the trash, where it can be restored${retentionDays ? ` for ${retentionDays} days` : ''}.`}
      </p>
    </ConfirmationDialog>
  )
}
