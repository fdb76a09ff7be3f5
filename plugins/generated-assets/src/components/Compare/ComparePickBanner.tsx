'use client'
import { Button } from '@payloadcms/ui'
import React, { useEffect } from 'react'

import type { GalleryAsset } from '../types.js'

import { useGalleryTranslation } from '../useGalleryTranslation.js'

/**
 * The notice shown while "Compare with…" waits for the other asset: which asset it compares, a
 * Cancel button; Escape cancels too.
 */
export const ComparePickBanner: React.FC<{ asset: GalleryAsset; onCancel: () => void }> = ({ asset, onCancel }) => {
  const { t } = useGalleryTranslation()
  useEffect(() => {
    const listener = (event: KeyboardEvent) => {
      if (event.key === 'Escape') onCancel()
    }
    document.addEventListener('keydown', listener)
    return () => document.removeEventListener('keydown', listener)
  }, [onCancel])
  const prompt = asset.prompt ?? ''
  return (
    <div className="ga-compare-pick" role="status">
      <span>{t('generatedAssets:comparePick', { prompt: prompt.length > 80 ? `${prompt.slice(0, 77)}…` : prompt })}</span>
      <Button buttonStyle="secondary" id="ga-compare-pick-cancel" margin={false} onClick={onCancel} size="small" type="button">
        {t('generatedAssets:compareCancelPick')}
      </Button>
    </div>
  )
}
