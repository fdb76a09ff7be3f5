'use client'
import { Gutter, toast, useConfig, useModal } from '@payloadcms/ui'
import React, { useCallback, useEffect, useRef, useState } from 'react'

import type { GalleryAsset, GalleryModel } from '../types.js'

import { AssetViewer, assetViewerModalSlug } from '../AssetViewer/index.js'
import { ConfirmDeleteModal, confirmDeleteModalSlug } from '../ConfirmDeleteModal/index.js'
import { GenerateForm } from '../GenerateForm/index.js'
import { shareAsset } from '../shareAsset.js'
import { type AssetEvent, useAssetEvents } from './useAssetEvents.js'
import '../gallery.css'

const PAGE_SIZE = 60
/** Milliseconds between refreshes while an asset is pending and the event stream is down. */
const PENDING_POLL_INTERVAL = 2000
const PENDING_STATUSES = new Set(['generating', 'ingesting', 'queued'])

const readError = async (response: Response): Promise<string> => {
  try {
    const body = await response.json()
    return body?.errors?.[0]?.message ?? body?.message ?? `Request failed (${response.status})`
  } catch {
    return `Request failed (${response.status})`
  }
}

/**
 * One grid tile: the thumbnail (a video shows its poster and plays muted on hover), prompt,
 * model and status; a failed tile shows the error and a Retry button.
 */
const GalleryTile: React.FC<{
  asset: GalleryAsset
  onOpen: (asset: GalleryAsset) => void
  onRetry: (asset: GalleryAsset) => void
}> = ({ asset, onOpen, onRetry }) => {
  const [isHovered, setIsHovered] = useState(false)
  const isReady = asset.status === 'ready'
  const thumbnail = asset.thumbnailUrl ?? asset.posterUrl
  return (
    <li
      className={`ga-tile ga-tile--${asset.status} ga-tile--${asset.kind}`}
      data-asset-id={asset.id}
      data-status={asset.status}
      onMouseEnter={() => setIsHovered(true)}
      onMouseLeave={() => setIsHovered(false)}
    >
      <button
        aria-label={`Open ${asset.prompt}`}
        className="ga-tile__button"
        disabled={!isReady}
        onClick={() => onOpen(asset)}
        type="button"
      >
        <span className="ga-tile__media">
          {isReady && asset.kind === 'video' && isHovered && asset.videoUrl ? (
            <video autoPlay loop muted playsInline poster={asset.posterUrl ?? undefined} src={asset.videoUrl} />
          ) : isReady && thumbnail ? (
            <img alt="" decoding="async" loading="lazy" src={thumbnail} />
          ) : (
            <span className="ga-tile__status">
              {asset.status === 'failed' ? 'Failed' : `${asset.status[0]!.toUpperCase()}${asset.status.slice(1)}…`}
            </span>
          )}
          {isReady && asset.kind === 'video' && asset.duration ? (
            <span className="ga-tile__duration">{Math.round(asset.duration)} s</span>
          ) : null}
        </span>
        <span className="ga-tile__caption">
          <span className="ga-tile__prompt">{asset.prompt}</span>
          <span className="ga-tile__meta">
            <span>{asset.modelName ?? asset.model}</span>
            <span className={`ga-badge ga-badge--${asset.status}`}>{asset.status}</span>
          </span>
          {asset.status === 'failed' && asset.error ? <span className="ga-tile__error">{asset.error}</span> : null}
        </span>
      </button>
      {asset.status === 'failed' ? (
        <button className="ga-tile__retry" onClick={() => onRetry(asset)} type="button">
          Retry
        </button>
      ) : null}
    </li>
  )
}

export type GalleryClientProps = {
  collectionSlug: string
  defaultModel: string
  maxPromptLength: number
  models: GalleryModel[]
}

/**
 * The admin gallery that replaces the collection's list view: the Generate form, a grid of
 * tiles (thumbnail, prompt, model, status) that refreshes while anything is pending, the
 * viewer modal and the delete confirmation.
 */
export const GalleryClient: React.FC<GalleryClientProps> = ({
  collectionSlug,
  defaultModel,
  maxPromptLength,
  models,
}) => {
  const { config } = useConfig()
  const { openModal } = useModal()
  const apiURL = `${config.serverURL ?? ''}${config.routes.api}/${collectionSlug}`
  const [assets, setAssets] = useState<GalleryAsset[]>([])
  const [isLoading, setIsLoading] = useState(true)
  const [loadError, setLoadError] = useState<null | string>(null)
  const [selected, setSelected] = useState<GalleryAsset | null>(null)
  const [pendingDelete, setPendingDelete] = useState<GalleryAsset | null>(null)
  const isMounted = useRef(true)
  const assetsRef = useRef<GalleryAsset[]>([])
  assetsRef.current = assets

  const load = useCallback(async () => {
    try {
      const response = await fetch(`${apiURL}?depth=1&limit=${PAGE_SIZE}&sort=-createdAt`, { credentials: 'include' })
      if (!response.ok) {
        throw new Error(await readError(response))
      }
      const body = (await response.json()) as { docs: GalleryAsset[] }
      if (isMounted.current) {
        setAssets(body.docs)
        setLoadError(null)
      }
    } catch (error) {
      if (isMounted.current) {
        setLoadError((error as Error).message)
      }
    } finally {
      if (isMounted.current) {
        setIsLoading(false)
      }
    }
  }, [apiURL])

  useEffect(() => {
    isMounted.current = true
    void load()
    return () => {
      isMounted.current = false
    }
  }, [load])

  const onEvent = useCallback(
    (event: AssetEvent) => {
      if (event.name === 'asset_removed') {
        setAssets((current) => current.filter((asset) => asset.id !== event.id))
        return
      }
      if (!assetsRef.current.some((asset) => asset.id === event.id)) {
        // An asset created elsewhere (another tab, the API): fetch the page to place it.
        void load()
        return
      }
      setAssets((current) =>
        current.map((asset) =>
          asset.id === event.id ? (event.asset ?? { ...asset, error: event.error ?? null, status: event.status }) : asset,
        ),
      )
    },
    [load],
  )
  const isLive = useAssetEvents({ apiURL, onEvent })

  const hasPending = assets.some((asset) => PENDING_STATUSES.has(asset.status))
  useEffect(() => {
    if (!hasPending || isLive) {
      return
    }
    const timer = setInterval(() => void load(), PENDING_POLL_INTERVAL)
    return () => clearInterval(timer)
  }, [hasPending, isLive, load])

  const generate = useCallback(
    async (input: { model: string; params: Record<string, unknown>; prompt: string }) => {
      const response = await fetch(`${apiURL}/generate`, {
        body: JSON.stringify(input),
        credentials: 'include',
        headers: { 'Content-Type': 'application/json' },
        method: 'POST',
      })
      if (response.status !== 202) {
        return readError(response)
      }
      await load()
      return null
    },
    [apiURL, load],
  )

  const share = useCallback(
    async (asset: GalleryAsset) => {
      const response = await fetch(`${apiURL}/${asset.id}/share`, { credentials: 'include', method: 'POST' })
      if (!response.ok) {
        toast.error(await readError(response))
        return
      }
      const { shareUrl } = (await response.json()) as { shareUrl: string }
      const method = await shareAsset({ shareUrl, title: asset.prompt })
      if (method === 'clipboard') {
        toast.success('Share link copied to the clipboard')
      }
    },
    [apiURL],
  )

  const retry = useCallback(
    async (asset: GalleryAsset) => {
      const response = await fetch(`${apiURL}/${asset.id}/retry`, { credentials: 'include', method: 'POST' })
      if (response.status !== 202) {
        toast.error(await readError(response))
        return
      }
      setAssets((current) => current.map((item) => (item.id === asset.id ? { ...item, error: null, status: 'queued' } : item)))
    },
    [apiURL],
  )

  const moveToTrash = useCallback(
    async (asset: GalleryAsset) => {
      const response = await fetch(`${apiURL}/${asset.id}`, {
        body: JSON.stringify({ deletedAt: new Date().toISOString() }),
        credentials: 'include',
        headers: { 'Content-Type': 'application/json' },
        method: 'PATCH',
      })
      if (!response.ok) {
        toast.error(await readError(response))
        return
      }
      setAssets((current) => current.filter((item) => item.id !== asset.id))
      setSelected(null)
      toast.success('Moved to the trash')
    },
    [apiURL],
  )

  const openViewer = (asset: GalleryAsset) => {
    setSelected(asset)
    openModal(assetViewerModalSlug)
  }

  return (
    <Gutter className="ga-gallery">
      <header className="ga-gallery__header">
        <h1>Generated Assets</h1>
      </header>
      <GenerateForm
        defaultModel={defaultModel}
        maxPromptLength={maxPromptLength}
        models={models}
        onGenerate={generate}
      />
      {loadError ? (
        <p className="ga-gallery__error" role="alert">
          {loadError}
        </p>
      ) : null}
      {!isLoading && assets.length === 0 && !loadError ? (
        <p className="ga-gallery__empty">Nothing generated yet. Type a prompt above and press Generate.</p>
      ) : null}
      <ul aria-label="Generated assets" className="ga-grid">
        {assets.map((asset) => {
          const isReady = asset.status === 'ready'
          return (
            <li
              className={`ga-tile ga-tile--${asset.status}`}
              data-asset-id={asset.id}
              data-status={asset.status}
              key={asset.id}
            >
              <button
                aria-label={`Open ${asset.prompt}`}
                className="ga-tile__button"
                disabled={!isReady}
                onClick={() => openViewer(asset)}
                type="button"
              >
                <span className="ga-tile__media">
                  {isReady && (asset.thumbnailUrl || asset.posterUrl) ? (
                    <img alt="" decoding="async" loading="lazy" src={(asset.thumbnailUrl ?? asset.posterUrl)!} />
                  ) : (
                    <span className="ga-tile__status">
                      {asset.status === 'failed'
                        ? 'Failed'
                        : `${asset.status[0]!.toUpperCase()}${asset.status.slice(1)}…`}
                    </span>
                  )}
                </span>
                <span className="ga-tile__caption">
                  <span className="ga-tile__prompt">{asset.prompt}</span>
                  <span className="ga-tile__meta">
                    <span>{asset.modelName ?? asset.model}</span>
                    <span className={`ga-badge ga-badge--${asset.status}`}>{asset.status}</span>
                  </span>
                  {asset.status === 'failed' && asset.error ? (
                    <span className="ga-tile__error">{asset.error}</span>
                  ) : null}
                </span>
              </button>
            </li>
          )
        })}
      </ul>
      <AssetViewer
        asset={selected}
        onDelete={(asset) => {
          setPendingDelete(asset)
          openModal(confirmDeleteModalSlug)
        }}
        onShare={(asset) => void share(asset)}
      />
      <ConfirmDeleteModal asset={pendingDelete} onConfirm={moveToTrash} />
    </Gutter>
  )
}
