'use client'
import type { TypeWithID } from 'payload'

import {
  DefaultEditView,
  Gutter,
  useConfig,
  useDocumentDrawerContext,
  useDocumentInfo,
  useRouteTransition,
} from '@payloadcms/ui'
import { useRouter } from 'next/navigation.js'
import React, { useCallback } from 'react'

import type { GeneratedAssetsAdminCustom } from '../../collections/getGeneratedAssetsCollection.js'
import type { GenerateRequest } from '../GenerateForm/index.js'

import { requestGeneration } from '../Gallery/galleryApi.js'
import { GenerateForm } from '../GenerateForm/index.js'
import { useGalleryTranslation } from '../useGalleryTranslation.js'
import '../gallery.css'

/**
 * The assets collection's edit view (`admin.components.views.edit.default`): a new asset (the
 * dashboard card's "+", the list's and relationship drawers' "Create new") is made with the
 * generation form, not Payload's raw document form (which would ask for a status and a model);
 * an existing asset gets Payload's own edit view (`DefaultEditView`) with every prop it was given.
 * After Generate the editor goes to the gallery, or, inside a document drawer, the drawer's
 * `onSave` receives the first new asset (as a created document), so the field that opened it
 * takes it.
 */
export const AssetEditView: React.FC<Record<string, unknown>> = (props) => {
  const { id } = useDocumentInfo()
  if (id !== undefined && id !== null) return <DefaultEditView {...(props as React.ComponentProps<typeof DefaultEditView>)} />
  return <CreateAsset />
}

const CreateAsset: React.FC = () => {
  const { t } = useGalleryTranslation()
  const { collectionSlug } = useDocumentInfo()
  const { config, getEntityConfig } = useConfig()
  const { drawerSlug, onSave } = useDocumentDrawerContext()
  const router = useRouter()
  const { startRouteTransition } = useRouteTransition()
  const collectionConfig = getEntityConfig({ collectionSlug: collectionSlug! })
  const custom = collectionConfig?.admin?.custom?.['plugin-generated-assets'] as GeneratedAssetsAdminCustom | undefined
  const apiURL = `${config.serverURL ?? ''}${config.routes.api}/${collectionSlug}`

  const generate = useCallback(
    async (request: GenerateRequest): Promise<null | string> => {
      const result = await requestGeneration({ apiURL, request, t })
      if ('error' in result) return result.error
      const { answer } = result
      if (drawerSlug && onSave) {
        const doc = await fetch(`${apiURL}/${answer.id}?depth=0`, { credentials: 'include' }).then((read) => read.json())
        await onSave({ collectionConfig, doc: doc as TypeWithID, operation: 'create', result: doc })
        return null
      }
      const gallery = `${config.routes.admin}/collections/${collectionSlug}`
      startRouteTransition(() => router.push(gallery))
      return null
    },
    [apiURL, collectionConfig, collectionSlug, config.routes.admin, drawerSlug, onSave, router, startRouteTransition, t],
  )

  if (!custom) return null
  return (
    <Gutter className="ga-create-view">
      <h1 className="ga-create-view__title">{t('generatedAssets:create')}</h1>
      <GenerateForm
        defaultModel={custom.defaultModel}
        idPrefix="ga-create-view"
        maxPromptLength={custom.maxPromptLength}
        maxVariations={custom.maxVariations}
        models={custom.models}
        onGenerate={generate}
      />
    </Gutter>
  )
}
