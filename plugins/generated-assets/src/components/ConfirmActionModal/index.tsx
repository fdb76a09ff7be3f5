'use client'
import { Button, Modal, useModal } from '@payloadcms/ui'
import React, { useState } from 'react'

/** Slug of the bulk confirmation modal. */
export const confirmActionModalSlug = 'generated-assets-confirm-action'

/** What the confirmation asks: a heading with the count, a line on what happens, the button's label. */
export type ConfirmActionRequest = {
  /** Number of assets affected, shown in the heading. */
  count: number
  /** Label of the confirming button, e.g. "Move to trash". */
  confirmLabel: string
  /** What happens, e.g. "They can be restored from the trash for 30 days." */
  detail: string
  /** Heading, e.g. "Move 12 assets to the trash?". */
  title: string
}

/**
 * Confirmation for bulk actions that remove assets (move to trash, delete permanently, empty the
 * trash): the heading states the count, Cancel and the action are explicit, and both are disabled
 * while the request is in flight (seed 000's confirmation, for many assets).
 */
export const ConfirmActionModal: React.FC<{
  onConfirm: (request: ConfirmActionRequest) => Promise<void>
  request: ConfirmActionRequest | null
}> = ({ onConfirm, request }) => {
  const { closeModal, isModalOpen } = useModal()
  const [isWorking, setIsWorking] = useState(false)
  if (!request || !isModalOpen(confirmActionModalSlug)) {
    return null
  }
  return (
    <Modal className="confirmation-modal ga-confirm" closeOnBlur={false} slug={confirmActionModalSlug}>
      <div aria-labelledby="ga-confirm-action-heading" className="confirmation-modal__wrapper" role="alertdialog">
        <div className="confirmation-modal__content">
          <h1 data-count={request.count} id="ga-confirm-action-heading">
            {request.title}
          </h1>
          <p className="ga-confirm__hint">{request.detail}</p>
        </div>
        <div className="confirmation-modal__controls">
          <Button
            buttonStyle="secondary"
            disabled={isWorking}
            id="ga-confirm-action-cancel"
            onClick={() => closeModal(confirmActionModalSlug)}
            size="large"
            type="button"
          >
            Cancel
          </Button>
          <Button
            buttonStyle="primary"
            disabled={isWorking}
            id="ga-confirm-action-confirm"
            onClick={async () => {
              setIsWorking(true)
              try {
                await onConfirm(request)
                closeModal(confirmActionModalSlug)
              } finally {
                setIsWorking(false)
              }
            }}
            size="large"
            type="button"
          >
            {isWorking ? 'Working…' : request.confirmLabel}
          </Button>
        </div>
      </div>
    </Modal>
  )
}
