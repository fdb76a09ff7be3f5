'use client'
import React, { useEffect, useState } from 'react'

import type { ProvenanceResponse } from '../../endpoints/provenanceEndpoint.js'
import type { GeneratedAssetsT } from '../../translations/types.js'
import type { GalleryAsset } from '../types.js'

import { readError } from '../Gallery/galleryApi.js'
import { useGalleryTranslation } from '../useGalleryTranslation.js'

type State = { error: string } | { provenance: ProvenanceResponse } | null

/** A Digital Source Type in words: the two AI codes translated, any other code as the file spells it. */
const sourceTypeLabel = (value: null | string, t: GeneratedAssetsT): null | string => {
  const code = value?.split('/').pop()
  if (code === 'trainedAlgorithmicMedia') return `${t('generatedAssets:provenanceTypeTrained')} (${code})`
  if (code === 'compositeWithTrainedAlgorithmicMedia') return `${t('generatedAssets:provenanceTypeComposite')} (${code})`
  return value
}

/** The C2PA line: none, valid (and by whom), failing validation (and why), or not validated. */
const c2paLabel = (c2pa: ProvenanceResponse['c2pa'], t: GeneratedAssetsT): string => {
  if (c2pa.status === 'valid') {
    return c2pa.signer ? t('generatedAssets:provenanceC2PAValidBy', { signer: c2pa.signer }) : t('generatedAssets:provenanceC2PAValid')
  }
  if (c2pa.status === 'invalid') return t('generatedAssets:provenanceC2PAInvalid', { detail: c2pa.error ?? '' })
  if (c2pa.status === 'unverified') return t('generatedAssets:provenanceC2PAUnverified')
  return t('generatedAssets:provenanceC2PAAbsent')
}

/**
 * The viewer's "Provenance" section: what the asset's stored file says about how it was made, read
 * from the file itself (`GET {apiURL}/:id/provenance`), not from the asset's record, so the editor
 * sees what a visitor's tools will see: the IPTC Digital Source Type, AI system and creation date
 * of its XMP, its C2PA manifest (and whether it validates), and a malformed-metadata failure. Shown
 * for assets with a stored file; read again when another asset is shown.
 */
export const ViewerProvenance: React.FC<{ apiURL: string; asset: GalleryAsset }> = ({ apiURL, asset }) => {
  const { t } = useGalleryTranslation()
  const [state, setState] = useState<{ id: number | string; value: State }>({ id: asset.id, value: null })
  const hasFile = asset.status === 'ready' && Boolean(asset.imageUrl ?? asset.videoUrl)
  useEffect(() => {
    if (!hasFile) return
    const controller = new AbortController()
    const load = async () => {
      try {
        const response = await fetch(`${apiURL}/${encodeURIComponent(String(asset.id))}/provenance`, {
          credentials: 'include',
          signal: controller.signal,
        })
        const value: State = response.ok
          ? { provenance: (await response.json()) as ProvenanceResponse }
          : { error: await readError({ response, t }) }
        setState({ id: asset.id, value })
      } catch (error) {
        if (!controller.signal.aborted) setState({ id: asset.id, value: { error: (error as Error).message } })
      }
    }
    setState({ id: asset.id, value: null })
    void load()
    return () => controller.abort()
  }, [apiURL, asset.id, hasFile, t])
  if (!hasFile) return null
  const value = state.id === asset.id ? state.value : null
  let body: React.ReactNode
  if (!value) {
    body = <p className="ga-viewer__provenance-note" role="status">{t('generatedAssets:provenanceLoading')}</p>
  } else if ('error' in value) {
    body = (
      <p className="ga-viewer__provenance-error" role="alert">
        {t('generatedAssets:provenanceUnavailable', { detail: value.error })}
      </p>
    )
  } else {
    const { provenance } = value
    const sourceType = provenance.digitalSourceType ?? provenance.c2pa.digitalSourceType
    const aiSystem = provenance.aiSystemUsed ?? provenance.c2pa.softwareAgent
    const rows: [string, string, null | string][] = [
      ['source-type', t('generatedAssets:provenanceSourceType'), sourceTypeLabel(sourceType, t)],
      ['ai-system', t('generatedAssets:provenanceAISystem'), [aiSystem, provenance.aiSystemVersionUsed].filter(Boolean).join(' · ') || null],
      ['created', t('generatedAssets:provenanceCreated'), provenance.createdAt],
      ['c2pa', t('generatedAssets:provenanceC2PA'), c2paLabel(provenance.c2pa, t)],
    ]
    body = (
      <>
        {!sourceType ? <p className="ga-viewer__provenance-note">{t('generatedAssets:provenanceNoDisclosure')}</p> : null}
        {provenance.metadataError ? (
          <p className="ga-viewer__provenance-error" data-provenance="metadata-error" role="alert">
            {t('generatedAssets:provenanceMetadataError', { detail: provenance.metadataError })}
          </p>
        ) : null}
        <dl className="ga-viewer__details">
          {rows
            .filter(([, , text]) => Boolean(text))
            .map(([id, label, text]) => (
              <div className="ga-viewer__detail" data-provenance={id} key={id}>
                <dt>{t('generatedAssets:detailLabel', { label })}</dt>
                <dd>{text}</dd>
              </div>
            ))}
        </dl>
      </>
    )
  }
  return (
    <section aria-labelledby="ga-viewer-provenance-title" className="ga-viewer__provenance">
      <h3 className="ga-viewer__provenance-title" id="ga-viewer-provenance-title">
        {t('generatedAssets:provenance')}
      </h3>
      <p className="ga-viewer__provenance-note">{t('generatedAssets:provenanceFromFile')}</p>
      {body}
    </section>
  )
}
