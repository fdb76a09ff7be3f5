'use client'
import { Button, Modal, useModal } from '@payloadcms/ui'
import React, { useState } from 'react'

import { useGalleryTranslation } from '../useGalleryTranslation.js'

/**
 * The confirmation surface both confirmations share: Payload's confirmation-modal
 * layout as an `alertdialog`, a heading and a body, explicit Cancel and confirm buttons, both
 * disabled while `onConfirm` runs; the modal closes once it resolves.
 */
export const ConfirmationDialog: React.FC<{
  cancelId: string
  children: React.ReactNode
  confirmId: string
  confirmLabel: string
  heading: React.ReactNode
  headingId: string
  /** Extra attributes on the heading, e.g. `data-count`. */
  headingProps?: React.HTMLAttributes<HTMLHeadingElement> & Record<`data-${string}`, unknown>
  onConfirm: () => Promise<void>
  slug: string
  /** The confirm button's label while `onConfirm` runs, e.g. "Deleting…". */
  workingLabel: string
}> = ({
  cancelId,
  children,
  confirmId,
  confirmLabel,
  heading,
  headingId,
  headingProps,
  onConfirm,
  slug,
  workingLabel,
}) => {
  const { closeModal } = useModal()
  const { t } = useGalleryTranslation()
  const [isWorking, setIsWorking] = useState(false)
  return (
    <Modal className="confirmation-modal ga-confirm" closeOnBlur={false} slug={slug}>
      <div aria-labelledby={headingId} className="confirmation-modal__wrapper" role="alertdialog">
        <div className="confirmation-modal__content">
          <h1 {...headingProps} id={headingId}>
            {heading}
          </h1>
          {children}
        </div>
        <div className="confirmation-modal__controls">
          <Button
            buttonStyle="secondary"
            disabled={isWorking}
            id={cancelId}
            onClick={() => closeModal(slug)}
            size="large"
            type="button"
          >
            {t('generatedAssets:cancel')}
          </Button>
          <Button
            buttonStyle="primary"
            disabled={isWorking}
            id={confirmId}
            onClick={async () => {
              setIsWorking(true)
              try {
                await onConfirm()
                closeModal(slug)
              } finally {
                setIsWorking(false)
              }
            }}
            size="large"
            type="button"
          >
            {isWorking ? workingLabel : confirmLabel}
          </Button>
        </div>
      </div>
    </Modal>
  )
}
