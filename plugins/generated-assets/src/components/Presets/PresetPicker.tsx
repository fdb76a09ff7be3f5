'use client'
import { ReactSelect } from '@payloadcms/ui'
import React, { useMemo } from 'react'

import type { GenerationPreset } from '../../presets/types.js'
import type { GalleryModel } from '../types.js'

import { useGalleryTranslation } from '../useGalleryTranslation.js'
import { usePresets } from './usePresets.js'
import './presets.css'

/** Where the picker finds presets, and which models exist beyond those the form offers. */
export type PresetSource = {
  /** Keys of every model the plugin configures (a preset naming another is "no longer configured"). */
  configuredModels: string[]
  /** `{serverURL}{api}/{presetsCollection}`. */
  url: string
  /** A new number reads the presets again (one was saved elsewhere on the page). */
  version?: number
}

type PresetOption = { isDisabled: boolean; label: string; preset: GenerationPreset; value: string }

/**
 * The generation form's preset choice (Payload's select): the presets the user may read, by
 * name, shared ones marked. A preset whose model is no longer configured, or is not offered in
 * this form (a video model in the upload field's drawer), is listed with the reason and cannot be
 * chosen. Choosing one calls `onApply`; the form fills itself from it and nothing is sent.
 * `applied` is the preset applied last, named below the select.
 */
export const PresetPicker: React.FC<{
  applied: GenerationPreset | null
  idPrefix: string
  /** The models the form offers. */
  models: GalleryModel[]
  onApply: (preset: GenerationPreset) => void
  source: PresetSource
}> = ({ applied, idPrefix, models, onApply, source }) => {
  const { t } = useGalleryTranslation()
  const { error, isLoading, presets } = usePresets({ presetsURL: source.url, t, version: source.version })
  const options = useMemo<PresetOption[]>(
    () =>
      presets.map((preset) => {
        const isConfigured = source.configuredModels.includes(preset.model)
        const isOffered = models.some((model) => model.key === preset.model)
        const name = preset.visibility === 'shared' ? t('generatedAssets:presetOptionShared', { name: preset.name }) : preset.name
        const label = !isConfigured
          ? t('generatedAssets:presetModelMissing', { model: preset.model, name })
          : !isOffered
            ? t('generatedAssets:presetModelNotOffered', { model: preset.model, name })
            : name
        return { isDisabled: !isOffered, label, preset, value: String(preset.id) }
      }),
    [models, presets, source.configuredModels, t],
  )
  return (
    <div className="ga-generate__field ga-generate__field--preset">
      <span className="ga-label">{t('generatedAssets:preset')}</span>
      <ReactSelect
        inputId={`${idPrefix}-preset`}
        isClearable={false}
        isLoading={isLoading}
        isSearchable={false}
        noOptionsMessage={() => t('generatedAssets:presetNone')}
        onChange={(option) => {
          const chosen = option as PresetOption
          if (!chosen.isDisabled) onApply(chosen.preset)
        }}
        options={options}
        placeholder={t('generatedAssets:presetPlaceholder')}
        value={applied ? options.find((option) => option.value === String(applied.id)) : undefined}
      />
      {error ? (
        <p className="ga-generate__error" role="alert">
          {t('generatedAssets:presetsLoadFailed', { message: error })}
        </p>
      ) : applied ? (
        <p className="ga-generate__preset-applied" role="status">
          {t('generatedAssets:presetApplied', { name: applied.name })}
        </p>
      ) : null}
    </div>
  )
}
