'use client'
import { Button, Modal, toast, useModal } from '@payloadcms/ui'
import React, { useState } from 'react'

import type { PresetVisibility } from '../../presets/types.js'
import type { GalleryAsset } from '../types.js'

import { modelLabel } from '../types.js'
import { useGalleryTranslation } from '../useGalleryTranslation.js'
import { presetFromAsset, readSaveError } from './presetFromAsset.js'
import './presets.css'

/** Slug of the Save as preset modal. */
export const savePresetModalSlug = 'generated-assets-save-preset'

/**
 * "Save as preset" from the viewer: the editor names a preset made from the asset (its model,
 * params and seed, prompt as the prefix, negative prompt: see `presetFromAsset`), may edit the
 * prompt prefix, suffix and negative prompt, and chooses private or shared. Saved with Payload's
 * REST API (`POST {presetsURL}`), so the presets collection's access and validation apply; a
 * refusal is shown in the dialog, which stays open. Opens over the viewer; Cancel and Escape close it.
 */
export const SavePresetModal: React.FC<{
  asset: GalleryAsset | null
  /** Called once the preset is saved. */
  onSaved?: () => void
  /** `{serverURL}{api}/{presetsCollection}`. */
  presetsURL: string
}> = ({ asset, onSaved, presetsURL }) => {
  const { isModalOpen } = useModal()
  if (!asset || !isModalOpen(savePresetModalSlug)) return null
  // A new asset starts the form afresh.
  return <SavePresetForm asset={asset} key={asset.id} onSaved={onSaved} presetsURL={presetsURL} />
}

const SavePresetForm: React.FC<{ asset: GalleryAsset; onSaved?: () => void; presetsURL: string }> = ({
  asset,
  onSaved,
  presetsURL,
}) => {
  const { closeModal } = useModal()
  const { t } = useGalleryTranslation()
  const initial = presetFromAsset(asset)
  const [name, setName] = useState('')
  const [promptPrefix, setPromptPrefix] = useState(initial.promptPrefix)
  const [promptSuffix, setPromptSuffix] = useState('')
  const [negativePrompt, setNegativePrompt] = useState(initial.negativePrompt)
  const [visibility, setVisibility] = useState<PresetVisibility>('private')
  const [error, setError] = useState<null | string>(null)
  const [isSaving, setIsSaving] = useState(false)
  const params = Object.entries(initial.params)
    .map(([key, value]) => `${key} ${typeof value === 'object' ? JSON.stringify(value) : String(value)}`)
    .join(' · ')

  const save = async () => {
    if (isSaving) return
    if (!name.trim()) {
      setError(t('generatedAssets:presetNameRequired'))
      return
    }
    setIsSaving(true)
    try {
      const response = await fetch(presetsURL, {
        body: JSON.stringify({ ...initial, name: name.trim(), negativePrompt, promptPrefix, promptSuffix, visibility }),
        credentials: 'include',
        headers: { 'Content-Type': 'application/json' },
        method: 'POST',
      })
      if (!response.ok) {
        setError(await readSaveError({ fallback: t('generatedAssets:errorRequestFailed', { status: response.status }), response }))
        return
      }
      toast.success(t('generatedAssets:presetSaved', { name: name.trim() }))
      closeModal(savePresetModalSlug)
      onSaved?.()
    } catch (caught) {
      setError((caught as Error).message)
    } finally {
      setIsSaving(false)
    }
  }

  const field = (id: string, label: string, input: React.ReactNode) => (
    <div className="ga-save-preset__field">
      <label className="ga-label" htmlFor={id}>
        {label}
      </label>
      {input}
    </div>
  )
  return (
    <Modal className="confirmation-modal ga-confirm ga-save-preset" closeOnBlur={false} slug={savePresetModalSlug}>
      <div
        aria-labelledby="ga-save-preset-heading"
        className="confirmation-modal__wrapper"
        onKeyDown={(event) => {
          // Enter in a one-line field saves (there is no <form>: the viewer may sit inside a host's form).
          if (event.key === 'Enter' && event.target instanceof HTMLInputElement && event.target.type === 'text') {
            event.preventDefault()
            void save()
          }
        }}
        role="dialog"
      >
        <div className="confirmation-modal__content">
          <h1 id="ga-save-preset-heading">{t('generatedAssets:saveAsPresetTitle')}</h1>
          {field(
            'ga-save-preset-name',
            t('generatedAssets:presetName'),
            <input
              autoFocus
              className="ga-input"
              id="ga-save-preset-name"
              maxLength={120}
              onChange={(event) => setName(event.target.value)}
              type="text"
              value={name}
            />,
          )}
          <p className="ga-save-preset__settings">
            <strong>{t('generatedAssets:presetSettings')}:</strong>{' '}
            {[modelLabel({ asset, unknown: t('generatedAssets:unknownModel') }), params].filter(Boolean).join(' · ')}
          </p>
          {field(
            'ga-save-preset-prefix',
            t('generatedAssets:presetPromptPrefix'),
            <textarea className="ga-input" id="ga-save-preset-prefix" onChange={(event) => setPromptPrefix(event.target.value)} rows={3} value={promptPrefix} />,
          )}
          {field(
            'ga-save-preset-suffix',
            t('generatedAssets:presetPromptSuffix'),
            <input className="ga-input" id="ga-save-preset-suffix" onChange={(event) => setPromptSuffix(event.target.value)} type="text" value={promptSuffix} />,
          )}
          <p className="ga-save-preset__hint">{t('generatedAssets:presetPromptHint')}</p>
          {field(
            'ga-save-preset-negative',
            t('generatedAssets:detailNegativePrompt'),
            <input className="ga-input" id="ga-save-preset-negative" onChange={(event) => setNegativePrompt(event.target.value)} type="text" value={negativePrompt} />,
          )}
          <fieldset className="ga-save-preset__visibility">
            <legend className="ga-label">{t('generatedAssets:presetVisibility')}</legend>
            {(['private', 'shared'] as const).map((value) => (
              <label key={value}>
                <input checked={visibility === value} name="ga-save-preset-visibility" onChange={() => setVisibility(value)} type="radio" value={value} />{' '}
                {value === 'shared' ? t('generatedAssets:presetShared') : t('generatedAssets:presetPrivate')}
              </label>
            ))}
          </fieldset>
          {error ? (
            <p className="ga-generate__error" role="alert">
              {error}
            </p>
          ) : null}
        </div>
        <div className="confirmation-modal__controls">
          <Button buttonStyle="secondary" disabled={isSaving} id="ga-save-preset-cancel" onClick={() => closeModal(savePresetModalSlug)} size="large" type="button">
            {t('generatedAssets:cancel')}
          </Button>
          <Button buttonStyle="primary" disabled={isSaving} id="ga-save-preset-submit" onClick={() => void save()} size="large" type="button">
            {isSaving ? t('generatedAssets:presetSaving') : t('generatedAssets:presetSave')}
          </Button>
        </div>
      </div>
    </Modal>
  )
}
