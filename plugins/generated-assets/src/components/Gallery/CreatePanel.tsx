'use client'
import { ChevronIcon, useModal } from '@payloadcms/ui'
import React, { useCallback, useEffect, useRef, useState } from 'react'

import type { GenerateDraft, GenerateRequest } from '../GenerateForm/index.js'
import type { PresetSource } from '../Presets/PresetPicker.js'
import type { GalleryAsset, GalleryModel } from '../types.js'

import { assetViewerModalSlug } from '../AssetViewer/index.js'
import { GenerateForm } from '../GenerateForm/index.js'
import { useGalleryTranslation } from '../useGalleryTranslation.js'

/** A draft for the Create panel; each new `version` starts the form afresh from `value`. */
export type CreateDraft = { value: GenerateDraft | null; version: number }

/**
 * The Create panel's draft and the viewer's Reuse: a new draft from the asset's prompt, negative
 * prompt, model and params (a ready image attached as the source), and the viewer closed.
 */
export const useCreateDraft = (): { draft: CreateDraft; reuse: (asset: GalleryAsset) => void } => {
  const { closeModal } = useModal()
  const [draft, setDraft] = useState<CreateDraft>({ value: null, version: 0 })
  const reuse = useCallback(
    (asset: GalleryAsset) => {
      setDraft((current) => ({
        value: {
          model: asset.model ?? undefined,
          negativePrompt: asset.negativePrompt,
          params: (asset.params as Record<string, unknown>) ?? {},
          prompt: asset.prompt ?? '',
          source: asset.kind === 'image' && asset.status === 'ready' ? asset : null,
        },
        version: current.version + 1,
      }))
      closeModal(assetViewerModalSlug)
    },
    [closeModal],
  )
  return { draft, reuse }
}

/**
 * The collapsible Create panel above the grid. Until the editor toggles it, CSS decides whether it
 * starts open (wide screens) or closed (narrow ones). A new draft (the viewer's Reuse) opens it,
 * scrolls to it and puts the cursor in the prompt.
 */
export const CreatePanel: React.FC<{
  defaultModel: string
  draft: CreateDraft
  maxPromptLength: number
  maxVariations: number
  models: GalleryModel[]
  onGenerate: (request: GenerateRequest) => Promise<null | string>
  /** Where the form's preset choice reads presets. */
  presets?: PresetSource
}> = ({ defaultModel, draft, maxPromptLength, maxVariations, models, onGenerate, presets }) => {
  const { t } = useGalleryTranslation()
  const [isOpen, setIsOpen] = useState<boolean | null>(null)
  const body = useRef<HTMLDivElement>(null)
  const prompt = useRef<HTMLTextAreaElement>(null)
  useEffect(() => {
    if (!draft.version) return
    setIsOpen(true)
    window.scrollTo({ behavior: 'instant', top: 0 })
    requestAnimationFrame(() => prompt.current?.focus({ preventScroll: true }))
  }, [draft.version])
  const stateClass = isOpen === null ? 'ga-create--auto' : isOpen ? 'ga-create--open' : 'ga-create--closed'
  return (
    <section aria-label={t('generatedAssets:create')} className={`ga-create ${stateClass}`}>
      <button
        aria-controls="ga-create-body"
        aria-expanded={isOpen ?? undefined}
        className="ga-create__toggle"
        id="ga-create-toggle"
        // Whether it shows now (CSS may have decided), not the last state set.
        onClick={() => setIsOpen(!((body.current?.offsetHeight ?? 0) > 0))}
        type="button"
      >
        <span className="ga-create__title">{t('generatedAssets:create')}</span>
        <span aria-hidden className="ga-create__chevron">
          <ChevronIcon />
        </span>
      </button>
      <div className="ga-create__body" id="ga-create-body" ref={body}>
        <GenerateForm
          defaultModel={defaultModel}
          draft={draft.value}
          key={draft.version}
          maxPromptLength={maxPromptLength}
          maxVariations={maxVariations}
          models={models}
          onGenerate={onGenerate}
          presets={presets}
          promptRef={prompt}
        />
      </div>
    </section>
  )
}
