'use client'
import type { ClientField } from 'payload'

import { Button, Drawer, toast, useConfig, useDrawerSlug, useField, useForm, useModal } from '@payloadcms/ui'
import React, { useCallback, useEffect, useState } from 'react'

import type { GenerateControlProps } from '../../collections/addGenerateControls.js'
import type { GenerateRequest } from '../GenerateForm/index.js'

import { STATUS_KEYS } from '../../translations/statusKeys.js'
import { readError, requestGeneration } from '../Gallery/galleryApi.js'
import { GenerateForm } from '../GenerateForm/index.js'
import { describeFailure } from '../../translations/failureMessages.js'
import { useGalleryTranslation } from '../useGalleryTranslation.js'
import { fillPromptTemplate } from './fillPromptTemplate.js'
import { type DrawerItem, useBatchStatus } from './useBatchStatus.js'
import '../gallery.css'
import './generateIntoField.css'

/** Variations the drawer asks for at first (at most the plugin's `maxVariations`). */
const DEFAULT_VARIATIONS = 4

type UploadValue = (number | string) | { relationTo: string; value: number | string }

/**
 * The Generate control of an upload field (an `afterInput` component the plugin adds): a button
 * that opens a drawer with the generation form and the variations as tiles that turn ready live.
 * Choosing one (click, or Enter on the tile) sets the field's value with `useField().setValue`,
 * which marks the document modified as a choice from Payload's list drawer does (added to a
 * `hasMany` field; `{ relationTo, value }` for a polymorphic one). For a `targets` collection
 * the asset is first put into that collection (`POST /:id/use`). Nothing here submits or saves
 * the host's document: no `<form>`, every button `type="button"`. Closing the drawer cancels
 * nothing; the assets stay in the gallery.
 */
export const GenerateIntoField: React.FC<
  GenerateControlProps & { field?: ClientField; path: string; readOnly?: boolean }
> = ({
  assetsCollection,
  defaultModel,
  field,
  maxPromptLength,
  maxVariations,
  models,
  path,
  presetsCollection,
  promptTemplate,
  readOnly,
  targetCollection,
}) => {
  const { plural, t } = useGalleryTranslation()
  const { config } = useConfig()
  const { closeModal, openModal } = useModal()
  const { getData } = useForm()
  const { setValue, value } = useField<null | UploadValue | UploadValue[]>({ path })
  const slug = useDrawerSlug(`ga-generate-${path}`)
  const apiURL = `${config.serverURL ?? ''}${config.routes.api}/${assetsCollection}`
  const [items, setItems] = useState<DrawerItem[]>([])
  const [prompt, setPrompt] = useState('')
  const [formKey, setFormKey] = useState(0)
  const [choosing, setChoosing] = useState<null | number | string>(null)
  const live = useBatchStatus({ apiURL, items })
  const isHasMany = Boolean(field && 'hasMany' in field && field.hasMany)
  const isPolymorphic = Boolean(field && 'relationTo' in field && Array.isArray(field.relationTo))
  const label = (field && 'label' in field && typeof field.label === 'string' && field.label) || path

  const open = () => {
    setPrompt(promptTemplate ? fillPromptTemplate({ data: getData(), template: promptTemplate }) : '')
    setFormKey((key) => key + 1)
    openModal(slug)
  }

  const generate = useCallback(
    async (request: GenerateRequest): Promise<null | string> => {
      const result = await requestGeneration({ apiURL, request, t })
      if ('error' in result) return result.error
      const { answer } = result
      setItems(answer.items ?? [{ id: answer.id, status: answer.status }])
      return null
    },
    [apiURL, t],
  )

  const choose = async (item: DrawerItem) => {
    if (choosing !== null) return
    setChoosing(item.id)
    try {
      let id = item.id
      if (targetCollection !== assetsCollection) {
        const response = await fetch(`${apiURL}/${item.id}/use`, {
          body: JSON.stringify({ collection: targetCollection }),
          credentials: 'include',
          headers: { 'Content-Type': 'application/json' },
          method: 'POST',
        })
        if (!response.ok) {
          toast.error(await readError({ response, t }))
          return
        }
        id = ((await response.json()) as { id: number | string }).id
      }
      const chosen: UploadValue = isPolymorphic ? { relationTo: targetCollection, value: id } : id
      const current = Array.isArray(value) ? value : value == null ? [] : [value]
      setValue(isHasMany ? [...current, chosen] : chosen)
      closeModal(slug)
    } finally {
      setChoosing(null)
    }
  }

  // A new document (or another field's drawer) starts without the previous tiles.
  useEffect(() => () => setItems([]), [])

  if (readOnly) return null
  return (
    <div className="ga-field-generate">
      <Button
        buttonStyle="pill"
        className="ga-field-generate__open"
        margin={false}
        onClick={open}
        size="small"
        type="button"
      >
        {t('generatedAssets:generate')}
      </Button>
      <Drawer className="ga-field-drawer" slug={slug} title={t('generatedAssets:generateFor', { field: label })}>
        <GenerateForm
          defaultModel={defaultModel}
          defaultVariations={Math.min(DEFAULT_VARIATIONS, maxVariations)}
          draft={{ prompt }}
          idPrefix={`ga-field-${path.replace(/[^\w-]/g, '_')}`}
          key={formKey}
          maxPromptLength={maxPromptLength}
          maxVariations={maxVariations}
          models={models.filter((model) => model.kind === 'image')}
          onGenerate={generate}
          presets={
            presetsCollection
              ? {
                  configuredModels: models.map((model) => model.key),
                  url: `${config.serverURL ?? ''}${config.routes.api}/${presetsCollection}`,
                }
              : undefined
          }
        />
        {live.length ? (
          <>
            <p className="ga-field-drawer__hint">{t('generatedAssets:chooseVariation')}</p>
            <ul className="ga-field-drawer__tiles">
              {live.map((item) => {
                const statusKey = STATUS_KEYS[item.status as keyof typeof STATUS_KEYS]
                const status = statusKey ? t(statusKey) : item.status
                return (
                  <li key={item.id}>
                    <button
                      aria-label={`${t('generatedAssets:useThis')} (${status})`}
                      className="ga-field-drawer__tile"
                      data-asset-id={item.id}
                      data-status={item.status}
                      disabled={item.status !== 'ready' || choosing !== null}
                      onClick={() => void choose(item)}
                      type="button"
                    >
                      {item.thumbnailUrl ? (
                        <img alt={item.alt ?? ''} src={item.thumbnailUrl} />
                      ) : (
                        <span>{describeFailure({ error: item.error, errorCode: item.errorCode, plural, t }) ?? status}</span>
                      )}
                      {choosing === item.id ? (
                        <span className="ga-field-drawer__choosing">{t('generatedAssets:adding')}</span>
                      ) : null}
                    </button>
                  </li>
                )
              })}
            </ul>
          </>
        ) : null}
      </Drawer>
    </div>
  )
}
