'use client'
import { XIcon } from '@payloadcms/ui'
import React from 'react'

import type { GalleryAsset } from '../types.js'

import { useGalleryTranslation } from '../useGalleryTranslation.js'

/**
 * The generation form's source image (the reused asset): its thumbnail, whether it is sent
 * (the chosen model takes source images) or not, and a button that removes it.
 */
export const SourceImage: React.FC<{
  isUsed: boolean
  /** The chosen model's label, named when it takes no source image. */
  modelLabel: string
  onRemove: () => void
  source: GalleryAsset
}> = ({ isUsed, modelLabel, onRemove, source }) => {
  const { t } = useGalleryTranslation()
  return (
    <div className={`ga-generate__source${isUsed ? '' : ' ga-generate__source--unused'}`} data-source-id={source.id}>
      {source.thumbnailURL ? <img alt="" src={source.thumbnailURL} /> : null}
      <span className="ga-generate__source-text">
        <strong>{t('generatedAssets:sourceImage')}</strong>
        <span>{isUsed ? t('generatedAssets:sourceSent') : t('generatedAssets:modelTakesNoSource', { model: modelLabel })}</span>
      </span>
      <button aria-label={t('generatedAssets:removeSource')} className="ga-generate__source-remove" onClick={onRemove} type="button">
        <XIcon />
      </button>
    </div>
  )
}
