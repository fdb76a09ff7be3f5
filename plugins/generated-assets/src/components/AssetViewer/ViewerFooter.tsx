'use client'
import { Button } from '@payloadcms/ui'
import React from 'react'

import type { GalleryAsset, GalleryMode } from '../types.js'
import type { AssetViewerProps } from './index.js'

import { StarIcon } from '../Gallery/StarIcon.js'
import { useGalleryTranslation } from '../useGalleryTranslation.js'

/**
 * The viewer's footer: Download, Share, Star, Reuse and Delete; in the trash Download, Restore
 * and Delete permanently. Everything but Download is disabled once the asset is gone.
 */
export const ViewerFooter: React.FC<
  {
    asset: GalleryAsset
    isGone: boolean
    mediaUrl: null | string | undefined
    mode: GalleryMode
  } & Pick<AssetViewerProps, 'onDelete' | 'onRestore' | 'onReuse' | 'onShare' | 'onStar'>
> = ({ asset, isGone, mediaUrl, mode, onDelete, onRestore, onReuse, onShare, onStar }) => {
  const { t } = useGalleryTranslation()
  return (
    <footer className="ga-viewer__footer">
      <Button
        buttonStyle="secondary"
        el="anchor"
        extraButtonProps={{ download: '' }}
        margin={false}
        size="medium"
        url={mediaUrl ?? undefined}
      >
        {t('generatedAssets:download')}
      </Button>
      {mode === 'list' ? (
        <>
          <Button
            buttonStyle="secondary"
            disabled={isGone}
            margin={false}
            onClick={() => onShare(asset)}
            size="medium"
            type="button"
          >
            {t('generatedAssets:share')}
          </Button>
          {onStar ? (
            <Button
              buttonStyle="secondary"
              className={`ga-viewer__star${asset.starred ? ' ga-viewer__star--on' : ''}`}
              disabled={isGone}
              extraButtonProps={{ 'aria-pressed': asset.starred }}
              icon={<StarIcon isFilled={asset.starred} />}
              iconPosition="left"
              margin={false}
              onClick={() => onStar(asset)}
              size="medium"
              type="button"
            >
              {asset.starred ? t('generatedAssets:starred') : t('generatedAssets:star')}
            </Button>
          ) : null}
          {onReuse ? (
            <Button
              buttonStyle="secondary"
              margin={false}
              onClick={() => onReuse(asset)}
              size="medium"
              tooltip={t('generatedAssets:reuseTooltip')}
              type="button"
            >
              {t('generatedAssets:reuse')}
            </Button>
          ) : null}
          <span className="ga-viewer__spacer" />
          <Button
            buttonStyle="secondary"
            className="ga-button--danger"
            disabled={isGone}
            margin={false}
            onClick={() => onDelete(asset)}
            size="medium"
            type="button"
          >
            {t('generatedAssets:delete')}
          </Button>
        </>
      ) : (
        <>
          {onRestore ? (
            <Button
              buttonStyle="secondary"
              disabled={isGone}
              margin={false}
              onClick={() => onRestore(asset)}
              size="medium"
              type="button"
            >
              {t('generatedAssets:restore')}
            </Button>
          ) : null}
          <span className="ga-viewer__spacer" />
          <Button
            buttonStyle="secondary"
            className="ga-button--danger"
            disabled={isGone}
            margin={false}
            onClick={() => onDelete(asset)}
            size="medium"
            type="button"
          >
            {t('generatedAssets:deletePermanently')}
          </Button>
        </>
      )}
    </footer>
  )
}
