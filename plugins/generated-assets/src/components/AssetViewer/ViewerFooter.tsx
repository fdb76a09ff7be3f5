'use client'
import { Button } from '@payloadcms/ui'
import React from 'react'

import type { GalleryAsset, GalleryMode } from '../types.js'
import type { AssetViewerProps } from './index.js'

import { StarIcon } from '../Gallery/StarIcon.js'
import { useGalleryTranslation } from '../useGalleryTranslation.js'

/** A secondary button of the footer, of type `button` (it submits nothing). */
const FooterButton: React.FC<{
  className?: string
  isDisabled?: boolean
  label: string
  onClick: () => void
  tooltip?: string
}> = ({ className, isDisabled, label, onClick, tooltip }) => (
  <Button
    buttonStyle="secondary"
    className={className}
    disabled={isDisabled}
    margin={false}
    onClick={onClick}
    size="medium"
    tooltip={tooltip}
    type="button"
  >
    {label}
  </Button>
)

/**
 * The viewer's footer: Download, Share, Star, Reuse, Vary (and Vary from this image, for an image
 * whose model takes source images), Save as preset, Compare with… and Delete; in the trash Download, Restore and Delete
 * permanently. Everything but Download is disabled once the asset is gone.
 */
export const ViewerFooter: React.FC<
  {
    asset: GalleryAsset
    /** The asset's model takes source images (Vary from this image). */
    acceptsSourceImages?: boolean
    isGone: boolean
    mediaUrl: null | string | undefined
    mode: GalleryMode
  } & Pick<
    AssetViewerProps,
    'onCompareWith' | 'onDelete' | 'onRestore' | 'onReuse' | 'onSaveAsPreset' | 'onShare' | 'onStar' | 'onVary'
  >
> = ({
  acceptsSourceImages,
  asset,
  isGone,
  mediaUrl,
  mode,
  onCompareWith,
  onDelete,
  onRestore,
  onReuse,
  onSaveAsPreset,
  onShare,
  onStar,
  onVary,
}) => {
  const { t } = useGalleryTranslation()
  const deleteButton = (label: string) => (
    <FooterButton className="ga-button--danger" isDisabled={isGone} label={label} onClick={() => onDelete(asset)} />
  )
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
          <FooterButton isDisabled={isGone} label={t('generatedAssets:share')} onClick={() => onShare(asset)} />
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
            <FooterButton label={t('generatedAssets:reuse')} onClick={() => onReuse(asset)} tooltip={t('generatedAssets:reuseTooltip')} />
          ) : null}
          {onVary && asset.prompt ? (
            <FooterButton
              className="ga-viewer__vary"
              label={t('generatedAssets:vary')}
              onClick={() => onVary(asset, { fromImage: false })}
              tooltip={t('generatedAssets:varyTooltip')}
            />
          ) : null}
          {onVary && acceptsSourceImages && asset.kind === 'image' && asset.status === 'ready' ? (
            <FooterButton
              className="ga-viewer__vary-image"
              isDisabled={isGone}
              label={t('generatedAssets:varyFromImage')}
              onClick={() => onVary(asset, { fromImage: true })}
            />
          ) : null}
          {onSaveAsPreset && asset.model ? (
            <FooterButton
              className="ga-viewer__save-preset"
              label={t('generatedAssets:saveAsPreset')}
              onClick={() => onSaveAsPreset(asset)}
            />
          ) : null}
          {onCompareWith ? (
            <FooterButton
              className="ga-viewer__compare-with"
              isDisabled={isGone}
              label={t('generatedAssets:compareWith')}
              onClick={() => onCompareWith(asset)}
            />
          ) : null}
          <span className="ga-viewer__spacer" />
          {deleteButton(t('generatedAssets:delete'))}
        </>
      ) : (
        <>
          {onRestore ? (
            <FooterButton isDisabled={isGone} label={t('generatedAssets:restore')} onClick={() => onRestore(asset)} />
          ) : null}
          <span className="ga-viewer__spacer" />
          {deleteButton(t('generatedAssets:deletePermanently'))}
        </>
      )}
    </footer>
  )
}
