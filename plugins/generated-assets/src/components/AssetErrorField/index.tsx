'use client'
import type { TextFieldClientComponent } from 'payload'

import { TextInput, useField, useFormFields } from '@payloadcms/ui'
import React from 'react'

import { describeFailure } from '../../translations/failureMessages.js'
import { useGalleryTranslation } from '../useGalleryTranslation.js'

/**
 * The asset's `error` field in the edit view (`admin.components.Field`): read-only, the stored
 * English message said in the editor's language by its sibling `errorCode` ({@link describeFailure}),
 * the stored text itself for a code without messages of its own.
 */
export const AssetErrorField: TextFieldClientComponent = ({ field, path }) => {
  const { plural, t } = useGalleryTranslation()
  const { value } = useField<null | string>({ path })
  const codePath = path.replace(/error$/, 'errorCode')
  const errorCode = useFormFields(([fields]) => fields[codePath]?.value as null | string | undefined)
  return (
    <TextInput
      label={field.label}
      localized={field.localized}
      path={path}
      readOnly
      value={describeFailure({ error: value, errorCode, plural, t }) ?? ''}
    />
  )
}
