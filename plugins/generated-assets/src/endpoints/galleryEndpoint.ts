import type { Endpoint } from 'payload'

import { APIError } from 'payload'

import type { ResolvedGeneratedAssetsPluginOptions } from '../types.js'

import { parseGalleryQuery } from '../gallery/parseGalleryQuery.js'
import { queryGallery } from '../gallery/queryGallery.js'
import { getTranslate } from '../translations/getTranslate.js'
import { getGalleryEntityTag } from '../gallery/getGalleryEntityTag.js'
import { isNotModified, notModified } from '../utilities/conditionalGet.js'
import { respondWithClientErrors } from './respondWithClientErrors.js'

/**
 * `GET /api/{collection}/gallery?cursor=&limit=&kind=&model=&status=&starred=&q=&createdBy=&from=&to=&sort=&trash=&count=`:
 * a keyset-paginated page of the assets the user may read, `{ items, nextCursor }` (items are
 * `GalleryItem`s), plus `totalDocs` when `count=true`; `trash=true` pages through the trash
 * (see `parseGalleryQuery` for the parameters). 400 for a malformed cursor or filter, 401 when
 * anonymous. Carries a weak `ETag` of the page's assets (`getGalleryEntityTag`), and answers 304
 * to a matching `If-None-Match` without reading the page.
 */
export const galleryEndpoint = ({ options }: { options: ResolvedGeneratedAssetsPluginOptions }): Endpoint => ({
  handler: respondWithClientErrors(async (req) => {
    const { t } = getTranslate({ req })
    if (!req.user) {
      throw new APIError(t('generatedAssets:errorLoggedOutBrowse'), 401, null, true)
    }
    const params: Record<string, unknown> = {}
    for (const key of new Set(req.searchParams?.keys() ?? [])) {
      const values = req.searchParams!.getAll(key)
      params[key] = values.length === 1 ? values[0] : values
    }
    const query = parseGalleryQuery(params, { t })
    // Revalidated on every use (RFC 9110 `ETag` / `If-None-Match`): the tag is worked out without
    // reading the page (`getGalleryEntityTag`), so an unchanged page costs two small reads. The
    // answer is the logged-in user's: shared caches key it by the credentials too.
    const headers = new Headers({ 'Cache-Control': 'private, no-cache', 'Content-Type': 'application/json', Vary: 'Authorization, Cookie' })
    headers.set('ETag', await getGalleryEntityTag({ options, query, req }))
    if (isNotModified({ requestHeaders: req.headers, responseHeaders: headers })) return notModified(headers)
    const { items, nextCursor, totalDocs } = await queryGallery({ options, query, req })
    return new Response(JSON.stringify({ items, nextCursor, totalDocs }), { headers })
  }),
  method: 'get',
  path: '/gallery',
})
