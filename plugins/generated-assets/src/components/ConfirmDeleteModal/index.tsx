'use client'
import { Button, Modal, useModal } from '@payloadcms/ui'
import React, { useState } from 'react'

import type { GalleryAsset } from '../types.js'

/** Slug of the delete confirmation modal. */
export const confirmDeleteModalSlug = 'generated-assets-confirm-delete'

/**
 * Seed 000's confirmation modal: "Delete this item?", the model and a prompt summary, explicit
 * Cancel and Delete buttons, both disabled while the request is in flight.
 */
export const ConfirmDeleteModal: React.FC<{
  asset: GalleryAsset | null
  onConfirm: (asset: GalleryAsset) => Promise<void>
}> = ({ asset, onConfirm }) => {
  const { closeModal, isModalOpen } = useModal()
  const [isDeleting, setIsDeleting] = useState(false)
  if (!asset || !isModalOpen(confirmDeleteModalSlug)) {
    return null
  }
  const summary = asset.prompt.length > 160 ? `${asset.prompt.slice(0, 157)}…` : asset.prompt
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
          <p className="ga-confirm__hint">It moves to the trash, where it can be restored.</p>
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
            {isDeleting ? 'Deleting…' : 'Delete'}
          </Button>
        </div>
      </div>
    </Modal>
  )
}
