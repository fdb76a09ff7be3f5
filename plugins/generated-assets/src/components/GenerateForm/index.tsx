'use client'
import { Button, ReactSelect } from '@payloadcms/ui'
import React, { useState } from 'react'

import type { GenerationPreset } from '../../presets/types.js'
import type { PresetSource } from '../Presets/PresetPicker.js'
import type { GalleryAsset, GalleryModel } from '../types.js'

import { applyPresetToForm, FORM_PARAM_KEYS } from '../../presets/applyPresetToForm.js'
import { PresetPicker } from '../Presets/PresetPicker.js'
import { useGalleryTranslation } from '../useGalleryTranslation.js'
import { NegativePromptField } from './NegativePromptField.js'
import { SourceImage } from './SourceImage.js'

const IMAGE_SIZES = ['512x512', '768x768', '1024x1024', '1024x768', '768x1024', '1536x1024']
const VIDEO_SIZES = ['640x360', '960x540', '1280x720', '720x1280', '512x512']
const VIDEO_DURATIONS = [2, 4, 6, 8]

type Option = { label: string; value: string }

/** What the Create panel starts from: empty, or an asset being reused (the viewer's Reuse). */
export type GenerateDraft = {
  model?: string
  negativePrompt?: null | string
  params?: Record<string, unknown>
  prompt?: string
  /** The reused asset, attached as a source image for models that take one. */
  source?: GalleryAsset | null
}

/** What the Create panel asks the generate endpoint for. */
export type GenerateRequest = {
  model: string
  /** Variations (one asset each), 1 to the plugin's `maxVariations`. */
  n?: number
  negativePrompt?: string
  params: Record<string, unknown>
  prompt: string
  sources?: (number | string)[]
}

const sizeOption = (value: string): Option => ({ label: value.replace('x', ' × '), value })

/**
 * The Create form: prompt, model, size (and length for video models), variations, seed. It is no
 * `<form>` and none of its buttons submits: it may be shown inside a host's document form (the
 * upload field's Generate drawer), whose own form must never be submitted by it; Enter in a
 * one-line input and Ctrl/⌘+Enter in the prompt generate. Reuse starts it
 * from an asset's prompt, model and params, with the asset attached as a source image when the
 * chosen model takes one (and shown as not used when it does not). Calls `onGenerate`, which
 * answers with an error message to show (or `null` on success); the prompt is kept when the
 * request fails. `promptRef` is the prompt's textarea, for the gallery to focus it. With
 * `presets`, a preset fills the form (see `applyPresetToForm`: model, params, the prompt between
 * its prefix and suffix, negative prompt); applying one sends nothing.
 */
export const GenerateForm: React.FC<{
  defaultModel: string
  /** Variations selected at first. @default 1 */
  defaultVariations?: number
  draft?: GenerateDraft | null
  /** Prefix of the element ids, unique per form on a page. @default 'ga-generate' */
  idPrefix?: string
  maxPromptLength: number
  /** Most variations offered; 1 hides the choice. @default 1 */
  maxVariations?: number
  models: GalleryModel[]
  onGenerate: (request: GenerateRequest) => Promise<null | string>
  /** Where the preset choice reads presets; none without it. */
  presets?: PresetSource
  promptRef?: React.Ref<HTMLTextAreaElement>
}> = ({
  defaultModel,
  defaultVariations = 1,
  draft,
  idPrefix = 'ga-generate',
  maxPromptLength,
  maxVariations = 1,
  models,
  onGenerate,
  presets,
  promptRef,
}) => {
  const { count, t } = useGalleryTranslation()
  const [prompt, setPrompt] = useState(draft?.prompt ?? '')
  const [model, setModel] = useState(
    draft?.model && models.some((entry) => entry.key === draft.model) ? draft.model : defaultModel,
  )
  const [source, setSource] = useState<GalleryAsset | null>(draft?.source ?? null)
  const draftParams = draft?.params ?? {}
  const [negativePrompt, setNegativePrompt] = useState(draft?.negativePrompt ?? '')
  const [extraParams, setExtraParams] = useState<Record<string, unknown>>(
    Object.fromEntries(Object.entries(draftParams).filter(([key, value]) => !FORM_PARAM_KEYS.has(key) && value != null)),
  )
  const [appliedPreset, setAppliedPreset] = useState<GenerationPreset | null>(null)
  const entry = models.find((candidate) => candidate.key === model)
  const isVideo = entry?.kind === 'video'
  const [chosenSize, setSize] = useState(typeof draftParams.size === 'string' ? draftParams.size : '1024x1024')
  const [keptSize, setKeptSize] = useState(typeof draftParams.size === 'string' ? draftParams.size : null)
  const baseSizes = isVideo ? VIDEO_SIZES : IMAGE_SIZES
  // A reused (or preset) size that is not offered is offered too, so Reuse really reproduces it.
  const sizes = baseSizes.includes(chosenSize) || chosenSize !== keptSize ? baseSizes : [chosenSize, ...baseSizes]
  const size = sizes.includes(chosenSize) ? chosenSize : sizes[0]!
  const [duration, setDuration] = useState(typeof draftParams.duration === 'number' ? draftParams.duration : 4)
  const [seed, setSeed] = useState(typeof draftParams.seed === 'number' ? String(draftParams.seed) : '')
  const [variations, setVariations] = useState(Math.min(defaultVariations, maxVariations))
  const [error, setError] = useState<null | string>(null)
  const [isSubmitting, setIsSubmitting] = useState(false)
  const isSourceUsed = Boolean(source && entry?.acceptsSourceImages)

  const applyPreset = (preset: GenerationPreset) => {
    const next = applyPresetToForm({
      form: { duration, extraParams, model, negativePrompt, prompt, seed, size },
      preset,
      previous: appliedPreset,
    })
    setModel(next.model)
    setSize(next.size)
    setKeptSize(next.size)
    setDuration(next.duration)
    setSeed(next.seed)
    setExtraParams(next.extraParams)
    setPrompt(next.prompt)
    setNegativePrompt(next.negativePrompt)
    setAppliedPreset(preset)
    setError(null)
  }

  const submit = async () => {
    if (isSubmitting) return
    if (!prompt.trim()) {
      setError(t('generatedAssets:errorTypePrompt'))
      return
    }
    if (seed && !/^\d{1,10}$/.test(seed)) {
      setError(t('generatedAssets:errorSeedWhole'))
      return
    }
    setIsSubmitting(true)
    const params: Record<string, unknown> = { ...extraParams, size }
    if (isVideo) params.duration = duration
    if (seed) params.seed = Number(seed)
    const message = await onGenerate({
      model,
      ...(variations > 1 ? { n: variations } : {}),
      ...(negativePrompt.trim() ? { negativePrompt: negativePrompt.trim() } : {}),
      params,
      prompt,
      ...(isSourceUsed && source ? { sources: [source.id] } : {}),
    })
    setIsSubmitting(false)
    setError(message)
    if (!message) {
      setPrompt('')
      setSource(null)
    }
  }

  const modelOptions = models.map((candidate) => ({ label: candidate.label, value: candidate.key }))
  const sizeOptions = sizes.map(sizeOption)
  const variationOptions = Array.from({ length: maxVariations }, (_, index) => ({
    label: count(index + 1),
    value: String(index + 1),
  }))
  const durationOptions = VIDEO_DURATIONS.map((value) => ({ label: t('generatedAssets:seconds', { value: count(value) }), value: String(value) }))
  return (
    <div
      aria-label={t('generatedAssets:create')}
      className="ga-generate"
      onKeyDown={(event) => {
        const target = event.target as HTMLElement
        if (event.key === 'Enter' && target instanceof HTMLInputElement && target.type === 'text') {
          // Not the host form's implicit submission: this form's own Generate.
          event.preventDefault()
          void submit()
        }
      }}
      role="form"
    >
      {presets ? (
        <PresetPicker applied={appliedPreset} idPrefix={idPrefix} models={models} onApply={applyPreset} source={presets} />
      ) : null}
      <div className="ga-generate__prompt">
        <label className="ga-label" htmlFor={`${idPrefix}-prompt`}>
          {t('generatedAssets:prompt')}
        </label>
        <textarea
          className="ga-input"
          id={`${idPrefix}-prompt`}
          maxLength={maxPromptLength}
          name="prompt"
          onChange={(event) => setPrompt(event.target.value)}
          onKeyDown={(event) => {
            if (event.key === 'Enter' && (event.metaKey || event.ctrlKey)) {
              event.preventDefault()
              void submit()
            }
          }}
          placeholder={t('generatedAssets:promptPlaceholder')}
          ref={promptRef}
          rows={3}
          value={prompt}
        />
      </div>
      <NegativePromptField
        id={`${idPrefix}-negative-prompt`}
        maxLength={maxPromptLength}
        onChange={setNegativePrompt}
        value={negativePrompt}
      />
      {source ? (
        <SourceImage
          isUsed={isSourceUsed}
          modelLabel={entry?.label ?? model}
          onRemove={() => setSource(null)}
          source={source}
        />
      ) : null}
      <div className="ga-generate__row">
        <div className="ga-generate__field ga-generate__field--model">
          <span className="ga-label">{t('generatedAssets:model')}</span>
          <ReactSelect
            inputId={`${idPrefix}-model`}
            isClearable={false}
            isSearchable={false}
            onChange={(option) => setModel(String((option as Option).value))}
            options={modelOptions}
            value={modelOptions.find((option) => option.value === model)}
          />
        </div>
        <div className="ga-generate__field ga-generate__field--size">
          <span className="ga-label">{t('generatedAssets:size')}</span>
          <ReactSelect
            inputId={`${idPrefix}-size`}
            isClearable={false}
            isSearchable={false}
            onChange={(option) => setSize(String((option as Option).value))}
            options={sizeOptions}
            value={sizeOption(size)}
          />
        </div>
        {isVideo ? (
          <div className="ga-generate__field ga-generate__field--duration">
            <span className="ga-label">{t('generatedAssets:length')}</span>
            <ReactSelect
              inputId={`${idPrefix}-duration`}
              isClearable={false}
              isSearchable={false}
              onChange={(option) => setDuration(Number((option as Option).value))}
              options={durationOptions}
              value={durationOptions.find((option) => option.value === String(duration)) ?? durationOptions[1]}
            />
          </div>
        ) : null}
        {maxVariations > 1 ? (
          <div className="ga-generate__field ga-generate__field--variations">
            <span className="ga-label">{t('generatedAssets:variations')}</span>
            <ReactSelect
              inputId={`${idPrefix}-variations`}
              isClearable={false}
              isSearchable={false}
              onChange={(option) => setVariations(Number((option as Option).value))}
              options={variationOptions}
              value={variationOptions.find((option) => option.value === String(variations))}
            />
          </div>
        ) : null}
        <div className="ga-generate__field ga-generate__field--seed">
          <label className="ga-label" htmlFor={`${idPrefix}-seed`}>
            {t('generatedAssets:seed')}
          </label>
          <input
            className="ga-input"
            id={`${idPrefix}-seed`}
            inputMode="numeric"
            name="seed"
            onChange={(event) => setSeed(event.target.value.trim())}
            placeholder={t('generatedAssets:random')}
            type="text"
            value={seed}
          />
        </div>
        <Button
          buttonStyle="primary"
          className="ga-generate__submit"
          disabled={isSubmitting}
          id={`${idPrefix}-submit`}
          margin={false}
          onClick={() => void submit()}
          size="medium"
          type="button"
        >
          {isSubmitting ? t('generatedAssets:queueing') : t('generatedAssets:generate')}
        </Button>
      </div>
      {Object.keys(extraParams).length ? (
        <p className="ga-generate__extra">
          {t('generatedAssets:alsoReused')}{' '}
          {Object.entries(extraParams)
            .map(([key, value]) => `${key} ${typeof value === 'object' ? JSON.stringify(value) : String(value)}`)
            .join(' · ')}
        </p>
      ) : null}
      {error ? (
        <p className="ga-generate__error" role="alert">
          {error}
        </p>
      ) : null}
    </div>
  )
}
