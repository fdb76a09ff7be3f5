'use client'
import React from 'react'

import { useGalleryTranslation } from '../useGalleryTranslation.js'

/**
 * The generation form's negative prompt: one line, optional, sent as the request's
 * `negativePrompt` when not empty. Enter in it generates (the form's own handling).
 */
export const NegativePromptField: React.FC<{
  id: string
  maxLength: number
  onChange: (value: string) => void
  value: string
}> = ({ id, maxLength, onChange, value }) => {
  const { t } = useGalleryTranslation()
  return (
    <div className="ga-generate__negative">
      <label className="ga-label" htmlFor={id}>
        {t('generatedAssets:detailNegativePrompt')}
      </label>
      <input
        className="ga-input"
        id={id}
        maxLength={maxLength}
        name="negativePrompt"
        onChange={(event) => onChange(event.target.value)}
        placeholder={t('generatedAssets:negativePromptPlaceholder')}
        type="text"
        value={value}
      />
    </div>
  )
}
