'use client'
import { Button, Modal, useModal, XIcon } from '@payloadcms/ui'
import React from 'react'

import type { GalleryAsset } from '../types.js'

import { formatSeconds } from '../types.js'

/** Slug of the viewer modal. */
export const assetViewerModalSlug = 'generated-assets-viewer'

/**
 * Seed 000's modal viewer: dimmed backdrop, a rounded surface with a header (prompt and close),
 * a scrollable body with the framed media and its details (Prompt, Model, Took, Output), and
 * a footer with Download, Share and Delete. A video's poster is its poster image, never itself.
 */
export const AssetViewer: React.FC<{
  asset: GalleryAsset | null
  onDelete: (asset: GalleryAsset) => void
  onShare: (asset: GalleryAsset) => void
}> = ({ asset, onDelete, onShare }) => {
  const { closeModal, isModalOpen } = useModal()
  if (!asset || !isModalOpen(assetViewerModalSlug)) {
    return null
  }
  const close = () => closeModal(assetViewerModalSlug)
  const mediaUrl = asset.kind === 'video' ? asset.videoUrl : asset.imageUrl
  const details: [string, null | string | undefined][] = [
    ['Prompt', asset.prompt],
    ['Model', asset.modelName ?? asset.model],
    ['Took', formatSeconds(asset.inferenceTime)],
    ['Output', asset.kind === 'video' ? formatSeconds(asset.duration) : null],
    ['Size', asset.width && asset.height ? `${asset.width} × ${asset.height}` : null],
    ['Seed', asset.seed === null || asset.seed === undefined ? null : String(asset.seed)],
    ['Created', new Date(asset.createdAt).toLocaleString()],
  ]
  return (
    <Modal className="ga-viewer" closeOnBlur={false} slug={assetViewerModalSlug}>
      <div className="ga-viewer__backdrop" onClick={close} />
      <div aria-labelledby="ga-viewer-title" className="ga-viewer__surface">
        <header className="ga-viewer__header">
          <h2 className="ga-viewer__title" id="ga-viewer-title" title={asset.prompt}>
            {asset.prompt}
          </h2>
          <button aria-label="Close" className="ga-viewer__close" onClick={close} type="button">
            <XIcon />
          </button>
        </header>
        <div className="ga-viewer__body">
          <div className="ga-viewer__media">
            {asset.kind === 'video' ? (
              <video controls playsInline poster={asset.posterUrl ?? undefined} src={mediaUrl ?? undefined} />
            ) : (
              <img
                alt={asset.prompt}
                height={asset.height ?? undefined}
                src={mediaUrl ?? undefined}
                width={asset.width ?? undefined}
              />
            )}
          </div>
          <dl className="ga-viewer__details">
            {details
              .filter(([, value]) => Boolean(value))
              .map(([label, value]) => (
                <div className="ga-viewer__detail" data-detail={label.toLowerCase()} key={label}>
                  <dt>{label}:</dt>
                  <dd>{value}</dd>
                </div>
              ))}
          </dl>
        </div>
        <footer className="ga-viewer__footer">
          <Button
            buttonStyle="secondary"
            el="anchor"
            extraButtonProps={{ download: '' }}
            margin={false}
            size="medium"
            url={mediaUrl ?? undefined}
          >
            Download
          </Button>
          <Button buttonStyle="secondary" margin={false} onClick={() => onShare(asset)} size="medium" type="button">
            Share
          </Button>
          <span className="ga-viewer__spacer" />
          <Button buttonStyle="error" margin={false} onClick={() => onDelete(asset)} size="medium" type="button">
            Delete
          </Button>
        </footer>
      </div>
    </Modal>
  )
}
