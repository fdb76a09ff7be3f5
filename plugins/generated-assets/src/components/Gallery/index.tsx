import type { ListViewServerProps, PayloadRequest } from 'payload'

import { getTranslation } from '@payloadcms/translations'
import { headers as getHeaders } from 'next/headers.js'
import { createLocalReq } from 'payload'
import React from 'react'

import type { GeneratedAssetsAdminCustom } from '../../collections/getGeneratedAssetsCollection.js'
import type { ResolvedGeneratedAssetsPluginOptions } from '../../types.js'
import type { GalleryCreator } from '../types.js'
import type { GalleryPageResponse } from './galleryApi.js'

import { parseGalleryQuery } from '../../gallery/parseGalleryQuery.js'
import { queryGallery } from '../../gallery/queryGallery.js'
import { FIRST_PAGE_SIZE } from './constants.js'
import { readFilters, toFilterParams } from './galleryFilters.js'
import { GalleryClient } from './index.client.js'

/** Most users the creator filter lists. */
const MAX_CREATORS = 100

/**
 * The collection's list view, and its trash view, replaced by the gallery (server part): reads the
 * plugin's admin state and the filters in the URL, reads the first page with the viewer's access
 * (so the first thumbnails arrive with the HTML, no round trip after hydration) and the users the
 * creator filter offers, and renders {@link GalleryClient}.
 */
export const GalleryView = async (props: ListViewServerProps) => {
  const { collectionConfig, i18n, payload, searchParams, user, viewType } = props
  const custom = collectionConfig.admin?.custom?.['plugin-generated-assets'] as GeneratedAssetsAdminCustom
  const mode = viewType === 'trash' ? 'trash' : 'list'
  const filters = readFilters((searchParams ?? {}) as Record<string, string | string[] | undefined>)
  const params = toFilterParams(filters, { isTrash: mode === 'trash' })
  const initialKey = JSON.stringify([params, filters.order])
  let initialPage: GalleryPageResponse | null = null
  let creators: GalleryCreator[] = []
  // Date filters are days in the browser's time zone: the browser reads those pages itself.
  if (user && !filters.from && !filters.to) {
    try {
      const req: PayloadRequest = await createLocalReq({ req: { headers: await getHeaders() }, user }, payload)
      const options = {
        authCollection: custom.authCollection,
        collectionSlug: collectionConfig.slug,
      } as ResolvedGeneratedAssetsPluginOptions
      const page = await queryGallery({
        options,
        query: { ...parseGalleryQuery({ ...params, sort: filters.order }), count: true, limit: FIRST_PAGE_SIZE },
        req,
      })
      initialPage = { items: page.items, nextCursor: page.nextCursor, totalDocs: page.totalDocs }
    } catch (error) {
      // The browser asks again and shows the error, if there still is one.
      payload.logger.warn({ err: error, msg: 'generated-assets: the gallery could not read its first page' })
    }
  }
  if (user) {
    try {
      const authConfig = payload.collections[custom.authCollection]?.config
      const titleField = authConfig?.admin?.useAsTitle || 'email'
      const { docs } = await payload.find({
        collection: custom.authCollection,
        depth: 0,
        limit: MAX_CREATORS,
        overrideAccess: false,
        pagination: false,
        select: { [titleField]: true },
        sort: titleField,
        user,
      })
      creators = docs.map((doc) => ({
        id: doc.id,
        label: String((doc as Record<string, unknown>)[titleField] ?? doc.id),
      }))
    } catch {
      // No users to offer (no access): the creator filter offers only "Anyone".
    }
  }
  return (
    <GalleryClient
      collectionSlug={collectionConfig.slug}
      // A navigation to other filters or to the trash starts the client afresh; the client's own
      // filter changes only rewrite the URL (history.replaceState) and never come back here.
      key={`${mode}:${initialKey}`}
      creators={creators}
      defaultModel={custom.defaultModel}
      initialFilters={filters}
      initialKey={initialKey}
      initialPage={initialPage}
      maxPromptLength={custom.maxPromptLength}
      maxVariations={custom.maxVariations}
      mode={mode}
      models={custom.models}
      presetsCollection={custom.presetsCollection}
      boardsCollection={custom.boardsCollection}
      reviewsCollection={custom.reviewsCollection}
      retentionDays={custom.trashRetentionDays}
      // The label in the admin's language: a string, a per-language object or a function of `t`.
      title={getTranslation(collectionConfig.labels?.plural ?? collectionConfig.slug, i18n)}
    />
  )
}
