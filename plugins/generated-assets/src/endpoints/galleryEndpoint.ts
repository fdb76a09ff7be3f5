import type { Endpoint } from 'payload'

import { APIError } from 'payload'

import type { ResolvedGeneratedAssetsPluginOptions } from '../types.js'

import { parseGalleryQuery } from '../gallery/parseGalleryQuery.js'
import { queryGallery } from '../gallery/queryGallery.js'
import { getTranslate } from '../translations/getTranslate.js'
import { respondWithEntityTag } from '../utilities/conditionalGet.js'
import { respondWithClientErrors } from './respondWithClientErrors.js'

/**
 * `GET /api/{collection}/gallery?cursor=&limit=&kind=&model=&status=&starred=&q=&createdBy=&from=&to=&sort=&trash=&count=`:
 * a keyset-paginated page of the assets the user may read, `{ items, nextCursor }` (items are
 * `GalleryItem`s), plus `totalDocs` when `count=true`; `trash=true` pages through the trash
 * (see `parseGalleryQuery` for the parameters). 400 for a malformed cursor or filter, 401 when
 * anonymous. Carries a strong `ETag` of the body, and answers 304 to a matching `If-None-Match`.
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
    const { items, nextCursor, totalDocs } = await queryGallery({ options, query: parseGalleryQuery(params, { t }), req })
    // Revalidated on every use (RFC 9110 `ETag` / `If-None-Match`: a 304 when nothing changed);
    // the answer is the logged-in user's, so shared caches key it by the credentials too.
    return respondWithEntityTag({
      body: JSON.stringify({ items, nextCursor, totalDocs }),
      headers: { 'Cache-Control': 'private, no-cache', 'Content-Type': 'application/json', Vary: 'Authorization, Cookie' },
      request: req,
    })
  }),
  method: 'get',
  path: '/gallery',
})
