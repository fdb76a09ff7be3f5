import type { PayloadRequest, PopulateType, Where } from 'payload'

import type { ResolvedGeneratedAssetsPluginOptions } from '../types.js'
import type { GalleryQuery } from './parseGalleryQuery.js'
import type { GalleryItem } from './toGalleryItem.js'
import type { GallerySelect } from './readGalleryDocuments.js'

import { getStorageInfo } from '../storage/getStorageInfo.js'
import { getRequestOrigin } from '../utilities/getRequestOrigin.js'
import { computeVirtualFields } from '../collections/computeVirtualFields.js'
import { buildGalleryWhere } from './buildGalleryWhere.js'
import { encodeCursor } from './parseGalleryQuery.js'
import { readGalleryDocuments } from './readGalleryDocuments.js'
import { toGalleryItem } from './toGalleryItem.js'

/**
 * A gallery page: the items, the documents they came from (as REST returns them, with only the
 * fields the query's `shape` read), the cursor of the next page (`null` on the last) and, when the
 * query asked for `count`, how many assets match.
 */
export type GalleryPage = {
  docs: Record<string, unknown>[]
  items: GalleryItem[]
  nextCursor: null | string
  totalDocs?: number
}

/**
 * Fields a GraphQL page leaves out (its documents are the collection's type; these are the
 * pipeline's internals and lists a gallery never shows).
 */
const DOCUMENT_SELECT = {
  leaseExpiresAt: false,
  leaseOwner: false,
  operation: false,
  parent: false,
  pollCount: false,
  previewUrl: false,
  sources: false,
  usage: false,
  warnings: false,
} as const

/**
 * The only fields a {@link GalleryItem} is built from (`toGalleryItem`, `normalizeAsset`): half
 * the collection's columns, so the database sends and Payload's read hooks traverse half as
 * much per tile. `prefix` exists when the storage adapter keeps one per file.
 */
export const ITEM_SELECT = {
  _objectKey: true,
  alt: true,
  batch: true,
  batchSize: true,
  completedAt: true,
  createdAt: true,
  createdBy: true,
  deletedAt: true,
  duration: true,
  error: true,
  errorCode: true,
  filename: true,
  filesize: true,
  height: true,
  inferenceTime: true,
  kind: true,
  mimeType: true,
  model: true,
  modelName: true,
  negativePrompt: true,
  params: true,
  placeholder: true,
  poster: true,
  prefix: true,
  prompt: true,
  seed: true,
  shareToken: true,
  sizes: true,
  starred: true,
  status: true,
  url: true,
  verdict: true,
  width: true,
} as const

/**
 * What an item reads of its video's poster: the poster's URL, size and renditions (`normalizeAsset`),
 * and what the storage adapter's URL hooks build them from (name, folder).
 */
export const ITEM_POSTER_SELECT = {
  _objectKey: true,
  filename: true,
  height: true,
  mimeType: true,
  prefix: true,
  sizes: true,
  url: true,
  width: true,
} as const

/**
 * Populates the poster of each video document read at depth 0 (one Local API `find` with the
 * reader's access, as Payload's own depth 1 would) and computes the video's poster URLs, thumbnail
 * and renditions again (`computeVirtualFields`). Images and posters the reader may not see stay as
 * they are.
 */
const populateVideoPosters = async ({
  docs,
  options,
  req,
}: {
  docs: Record<string, unknown>[]
  options: ResolvedGeneratedAssetsPluginOptions
  req: PayloadRequest
}) => {
  const videos = docs.filter((doc) => doc.kind === 'video' && (typeof doc.poster === 'number' || typeof doc.poster === 'string'))
  if (!videos.length) return
  const { docs: posters } = await req.payload.find({
    collection: options.posterCollectionSlug,
    depth: 0,
    overrideAccess: false,
    pagination: false,
    req,
    select: ITEM_POSTER_SELECT,
    user: req.user,
    where: { id: { in: [...new Set(videos.map((doc) => doc.poster as number | string))] } },
  })
  const byId = new Map(posters.map((poster) => [String(poster.id), poster]))
  for (const doc of videos) {
    const poster = byId.get(String(doc.poster))
    if (!poster) continue
    doc.poster = poster
    await computeVirtualFields({ collectionSlug: options.collectionSlug, doc, req })
  }
}

const populateSelects = new Map<string, Record<string, GallerySelect>>()

/**
 * The `populate` of a page: the creator's display field, and for items the poster's URLs only
 * (documents get whole posters). One object per combination, so read plans made for it are kept.
 */
const getPopulateSelect = ({
  authCollection,
  creatorTitleField,
  posterCollectionSlug,
  shape,
}: {
  authCollection: string
  creatorTitleField: string
  posterCollectionSlug: string
  shape: 'documents' | 'items'
}): Record<string, GallerySelect> => {
  const key = JSON.stringify([authCollection, creatorTitleField, posterCollectionSlug, shape])
  let populate = populateSelects.get(key)
  if (!populate) {
    populate = {
      [authCollection]: { [creatorTitleField]: true },
      ...(shape === 'items' ? { [posterCollectionSlug]: ITEM_POSTER_SELECT as GallerySelect } : {}),
    }
    populateSelects.set(key, populate)
  }
  return populate
}

/**
 * Reads one gallery page with keyset pagination: ordered by (`createdAt`, `id`),
 * both descending for `newest`, and continuing strictly after the cursor's position, so pages
 * stay stable while assets are inserted or removed (no duplicates, no skips) and a deep page
 * costs what the first does. Applies the reader's access (`overrideAccess: false`). The filter
 * (see `buildGalleryWhere`) runs in the database, prompt search included. Items are read through
 * the database adapter (`readGalleryDocuments`: same access, hooks and population as the Local
 * API, without its walk over every field of every document), whole documents with the Local API.
 *
 * @throws {Forbidden} when the collection's `read` access refuses the user outright.
 */
export const queryGallery = async ({
  options,
  query,
  readThrough = 'adapter',
  req,
  shape = 'items',
}: {
  options: ResolvedGeneratedAssetsPluginOptions
  query: GalleryQuery
  /**
   * `'adapter'` (default) reads items with `readGalleryDocuments` where the collection allows it;
   * `'localAPI'` always with `payload.find` (the reference the tests compare the other with).
   */
  readThrough?: 'adapter' | 'localAPI'
  req: PayloadRequest
  /**
   * `'items'` (default) reads only what the items need, and `docs` hold just those fields;
   * `'documents'` reads whole documents (GraphQL answers them as the collection's type).
   */
  shape?: 'documents' | 'items'
}): Promise<GalleryPage> => {
  const isNewest = query.sort === 'newest'
  const before = isNewest ? 'less_than' : 'greater_than'
  const filterWhere = buildGalleryWhere(query)
  const and: Where[] = [...(filterWhere.and ?? [])]
  if (query.cursor) {
    // The plain bound first: Postgres cannot start an index range scan from the OR below alone and
    // would walk (and discard) every asset before the cursor, so a deep page would cost its depth.
    and.push({ createdAt: { [isNewest ? 'less_than_equal' : 'greater_than_equal']: query.cursor.createdAt } })
    and.push({
      or: [
        { createdAt: { [before]: query.cursor.createdAt } },
        { and: [{ createdAt: { equals: query.cursor.createdAt } }, { id: { [before]: query.cursor.id } }] },
      ],
    })
  }
  const authConfig = req.payload.collections[options.authCollection]?.config
  const creatorTitleField = authConfig?.admin?.useAsTitle || 'email'
  const populate = getPopulateSelect({ authCollection: options.authCollection, creatorTitleField, posterCollectionSlug: options.posterCollectionSlug, shape })
  const sort = isNewest ? ['-createdAt', '-id'] : ['createdAt', 'id']
  const where = and.length ? { and } : undefined
  const readDocuments = async (): Promise<Record<string, unknown>[]> => {
    // Items need a few fields of each asset: read them through the adapter (same access, hooks and
    // population, without Payload's walk over every field); GraphQL answers whole documents.
    const direct =
      shape === 'items' && readThrough === 'adapter'
        ? await readGalleryDocuments({
            collectionSlug: options.collectionSlug,
            limit: query.limit + 1,
            populate,
            req,
            select: ITEM_SELECT,
            sort,
            trash: Boolean(query.trash),
            where,
          })
        : undefined
    if (direct) return direct
    const { docs } = await req.payload.find({
      collection: options.collectionSlug,
      // GraphQL's own resolvers load the relationships of documents by id (the creator, the
      // poster): documents are read at depth 0, and only video posters populated, for their URLs.
      depth: shape === 'documents' ? 0 : 1,
      limit: query.limit + 1,
      overrideAccess: false,
      pagination: false,
      populate: populate as PopulateType,
      req,
      select: shape === 'documents' ? DOCUMENT_SELECT : ITEM_SELECT,
      sort,
      trash: Boolean(query.trash),
      user: req.user,
      where,
    })
    if (shape === 'documents') await populateVideoPosters({ docs: docs as Record<string, unknown>[], options, req })
    return docs as Record<string, unknown>[]
  }
  const [docs, count] = await Promise.all([
    readDocuments(),
    query.count
      ? req.payload.count({
          collection: options.collectionSlug,
          overrideAccess: false,
          req,
          trash: Boolean(query.trash),
          user: req.user,
          where: filterWhere,
        })
      : undefined,
  ])
  const page = docs.slice(0, query.limit)
  const last = page[page.length - 1] as { createdAt: string; id: number | string } | undefined
  const origin = getRequestOrigin({ req })
  const { mode: storageMode } = await getStorageInfo({ collectionSlug: options.collectionSlug, payload: req.payload })
  return {
    docs: page as Record<string, unknown>[],
    items: (shape === 'items' ? page : []).map((doc) =>
      toGalleryItem({
        apiRoute: req.payload.config.routes.api,
        collectionSlug: options.collectionSlug,
        creatorTitleField,
        doc: doc as never,
        origin,
        storageMode,
      }),
    ),
    nextCursor: docs.length > query.limit && last ? encodeCursor({ createdAt: last.createdAt, id: last.id }) : null,
    ...(count ? { totalDocs: count.totalDocs } : {}),
  }
}
