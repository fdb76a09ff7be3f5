'use client'
import { Button, Modal, useModal } from '@payloadcms/ui'
import React, { useState } from 'react'

import type { GalleryAsset } from '../types.js'

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
  const { closeModal, isModalOpen } = useModal()
  const [isDeleting, setIsDeleting] = useState(false)
  if (!asset || !isModalOpen(confirmDeleteModalSlug)) {
    return null
  }
  const prompt = asset.prompt ?? ''
  const summary = prompt.length > 160 ? `${prompt.slice(0, 157)}…` : prompt
  return (
    <Modal className="confirmation-modal ga-confirm" closeOnBlur={false} slug={confirmDeleteModalSlug}>
      <div className="confirmation-modal__wrapper" role="alertdialog" aria-labelledby="ga-confirm-heading">
        <div className="confirmation-modal__content">
          <h1 id="ga-confirm-heading">Delete this item?</h1>
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
        </div>
        <div className="confirmation-modal__controls">
          <Button
            buttonStyle="secondary"
            disabled={isDeleting}
            id="ga-confirm-cancel"
            onClick={() => closeModal(confirmDeleteModalSlug)}
            size="large"
            type="button"
          >
            Cancel
          </Button>
          <Button
            buttonStyle="primary"
            disabled={isDeleting}
            id="ga-confirm-delete"
            onClick={async () => {
              setIsDeleting(true)
              try {
                await onConfirm(asset)
                closeModal(confirmDeleteModalSlug)
              } finally {
                setIsDeleting(false)
              }
            }}
            size="large"
            type="button"
          >
            {isDeleting ? 'Deleting…' : isPermanent ? 'Delete permanently' : 'Delete'}
          </Button>
        </div>
      </div>
    </Modal>
  )
}
