import type { ListViewServerProps } from 'payload'

import React from 'react'

import type { GeneratedAssetsAdminCustom } from '../../collections/getGeneratedAssetsCollection.js'

import { GalleryClient } from './index.client.js'

/**
 * The collection's list view, replaced by the gallery (server part): reads the plugin's admin
 * state from the collection config and renders {@link GalleryClient}.
 */
export const GalleryView: React.FC<ListViewServerProps> = (props) => {
  const { collectionConfig } = props
  const custom = collectionConfig.admin?.custom?.['plugin-generated-assets'] as GeneratedAssetsAdminCustom
  return (
    <GalleryClient
      collectionSlug={collectionConfig.slug}
      defaultModel={custom.defaultModel}
      maxPromptLength={custom.maxPromptLength}
      models={custom.models}
    />
  )
}
