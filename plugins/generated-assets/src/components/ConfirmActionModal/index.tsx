'use client'
import { useModal } from '@payloadcms/ui'
import React from 'react'

import { ConfirmationDialog } from '../ConfirmationDialog/index.js'
import { useGalleryTranslation } from '../useGalleryTranslation.js'

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
 * while the request is in flight.
 */
export const ConfirmActionModal: React.FC<{
  onConfirm: (request: ConfirmActionRequest) => Promise<void>
  request: ConfirmActionRequest | null
}> = ({ onConfirm, request }) => {
  const { isModalOpen } = useModal()
  const { t } = useGalleryTranslation()
  if (!request || !isModalOpen(confirmActionModalSlug)) {
    return null
  }
  return (
    <ConfirmationDialog
      cancelId="ga-confirm-action-cancel"
      confirmId="ga-confirm-action-confirm"
      confirmLabel={request.confirmLabel}
      heading={request.title}
      headingId="ga-confirm-action-heading"
      headingProps={{ 'data-count': request.count }}
      onConfirm={() => onConfirm(request)}
      slug={confirmActionModalSlug}
      workingLabel={t('generatedAssets:working')}
    >
      <p className="ga-confirm__hint">{request.detail}</p>
    </ConfirmationDialog>
  )
}
