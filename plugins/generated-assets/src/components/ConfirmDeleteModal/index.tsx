'use client'
import { useModal } from '@payloadcms/ui'
import React from 'react'

import type { GalleryAsset } from '../types.js'

import { ConfirmationDialog } from '../ConfirmationDialog/index.js'
import { modelLabel } from '../types.js'
import { useGalleryTranslation } from '../useGalleryTranslation.js'

/** Slug of the delete confirmation modal. */
export const confirmDeleteModalSlug = 'generated-assets-confirm-delete'

/**
 * The confirmation before one asset is deleted: "Delete this item?", the model and a prompt
 * summary, explicit Cancel and Delete buttons, both disabled while the request is in flight.
 * `isPermanent` (in the trash) says the asset and its files are removed for good; otherwise it
 * moves to the trash.
 */
export const ConfirmDeleteModal: React.FC<{
  asset: GalleryAsset | null
  isPermanent?: boolean
  onConfirm: (asset: GalleryAsset) => Promise<void>
  /** Days a trashed asset is kept, for the hint. */
  retentionDays?: number
}> = ({ asset, isPermanent = false, onConfirm, retentionDays }) => {
  const { isModalOpen } = useModal()
  const { plural, t } = useGalleryTranslation()
  if (!asset || !isModalOpen(confirmDeleteModalSlug)) {
    return null
  }
  const prompt = asset.prompt ?? ''
  const summary = prompt.length > 160 ? `${prompt.slice(0, 157)}…` : prompt
  return (
    <ConfirmationDialog
      cancelId="ga-confirm-cancel"
      confirmId="ga-confirm-delete"
      confirmLabel={isPermanent ? t('generatedAssets:deletePermanently') : t('generatedAssets:delete')}
      heading={t('generatedAssets:deleteItemTitle')}
      headingId="ga-confirm-heading"
      onConfirm={() => onConfirm(asset)}
      slug={confirmDeleteModalSlug}
      workingLabel={t('generatedAssets:deleting')}
    >
      <p className="ga-confirm__summary">
        <strong>{modelLabel({ asset, unknown: t('generatedAssets:unknownModel') })}</strong>
        <span> · </span>
        <span>{summary}</span>
      </p>
      <p className="ga-confirm__hint">
        {isPermanent
          ? t('generatedAssets:deleteHintPermanent')
          : retentionDays
            ? plural('generatedAssets:deleteHintTrashDays', { count: retentionDays })
            : t('generatedAssets:deleteHintTrash')}
      </p>
    </ConfirmationDialog>
  )
}
