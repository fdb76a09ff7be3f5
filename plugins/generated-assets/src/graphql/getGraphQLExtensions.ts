import type { FlattenedField, GraphQLExtension, PayloadRequest } from 'payload'

import { APIError } from 'payload'

import type { ResolvedGeneratedAssetsPluginOptions } from '../types.js'

import { createQueuedAssets } from '../endpoints/createQueuedAsset.js'
import { validateGenerateInput } from '../endpoints/validateGenerateInput.js'
import { getTranslate } from '../translations/getTranslate.js'
import { GenerationLimitError } from '../limits/GenerationLimitError.js'
import { parseGalleryQuery } from '../gallery/parseGalleryQuery.js'
import { queryGallery } from '../gallery/queryGallery.js'
import { createShareToken } from '../share/createShareToken.js'
import { absolutizeUrl } from '../utilities/absolutizeUrl.js'
import { findUpdatableAsset } from '../utilities/findUpdatableAsset.js'
import { getRequestOrigin } from '../utilities/getRequestOrigin.js'
import { getSharePath } from '../utilities/normalizeAsset.js'

/**
 * A document read at depth 1 as Payload's GraphQL resolvers take it: every top-level
 * relationship and upload back to its id (`{ relationTo, value }` for polymorphic ones). Payload's
 * relationship resolvers load the related document by id themselves, with the reader's access and
 * the query's selection, and answer `null` for a value that is already a document.
 */
const toGraphQLSource = (doc: Record<string, unknown>, fields: FlattenedField[]): Record<string, unknown> => {
  const idOf = (value: unknown) => (value && typeof value === 'object' && 'id' in value ? (value as { id: unknown }).id : value)
  const source = { ...doc }
  for (const field of fields) {
    if ((field.type !== 'relationship' && field.type !== 'upload') || !(field.name in source)) continue
    const toId = (value: unknown) =>
      Array.isArray(field.relationTo) && value && typeof value === 'object' && 'relationTo' in value
        ? { ...(value as object), value: idOf((value as unknown as { value: unknown }).value) }
        : idOf(value)
    const value = source[field.name]
    source[field.name] = Array.isArray(value) ? value.map(toId) : toId(value)
  }
  return source
}

/** Payload's GraphQL context: `headers` are added to the HTTP response. */
type Context = { headers?: Record<string, string>; req: PayloadRequest }

const requireUser = (req: PayloadRequest) => {
  if (!req.user) throw new APIError('You must be logged in.', 401, null, true)
  return req.user
}

/**
 * GraphQL additions, next to the collection's generated schema:
 * - query `generatedAssetsGallery(cursor, limit, kind, model, batch, board, status, starred, verdict, q, createdBy, from, to, sort)`
 *   → `{ items: [GeneratedAsset], nextCursor }` (the REST gallery's keyset pagination);
 * - mutation `generateAsset(prompt, model, negativePrompt, params: JSON, n: Int)` → the queued asset
 *   (with `n` variations, the first; the others share its `batch`);
 * - mutations `shareGeneratedAsset(id, rotate)` → share URL and `revokeGeneratedAssetShare(id)` → true.
 * Errors are GraphQL errors with the REST message (bad input, not allowed).
 *
 * @throws {Error} when the schema is built, if the collection's GraphQL type has no `params` field.
 */
export const getGraphQLExtensions = ({
  options,
}: {
  options: ResolvedGeneratedAssetsPluginOptions
}): { mutations: GraphQLExtension; queries: GraphQLExtension } => {
  const findUpdatable = ({ id, req }: { id: number | string; req: PayloadRequest }) =>
    findUpdatableAsset({ anonymousMessage: 'You must be logged in.', collectionSlug: options.collectionSlug, id, req })
  const shareUrlOf = (req: PayloadRequest, token: string) =>
    absolutizeUrl(
      getSharePath({ apiRoute: req.payload.config.routes.api, collectionSlug: options.collectionSlug, token }),
      getRequestOrigin({ req }),
    )

  return {
    mutations: (GraphQL, { collections }) => {
      const assetType = collections[options.collectionSlug]!.graphQL!.type
      // Payload's own JSON scalar, the type it gave the collection's `json` field `params`, so no
      // import of `@payloadcms/graphql` (a host has it only through `@payloadcms/next`). Types of a
      // schema have unique names (https://spec.graphql.org/October2021/#sec-Schema): this is the
      // `JSON` the schema already holds, not a second one.
      const paramsField = assetType.getFields().params
      if (!paramsField) {
        throw new Error(`payload-plugin-generated-assets: the "${options.collectionSlug}" GraphQL type has no "params" field.`)
      }
      const jsonType = GraphQL.getNullableType(paramsField.type)
      return {
        generateAsset: {
          args: {
            model: { type: GraphQL.GraphQLString },
            n: { type: GraphQL.GraphQLInt },
            negativePrompt: { type: GraphQL.GraphQLString },
            params: { type: jsonType },
            prompt: { type: new GraphQL.GraphQLNonNull(GraphQL.GraphQLString) },
          },
          resolve: async (_source: unknown, args: Record<string, unknown>, context: Context) => {
            const { req } = context
            const user = requireUser(req)
            const input = validateGenerateInput({ body: args, options, t: getTranslate({ req }).t })
            const entry = options.models[input.model]!
            const { ids } = await createQueuedAssets({
              data: {
                kind: entry.kind ?? 'image',
                model: input.model,
                modelName: entry.label ?? input.model,
                negativePrompt: input.negativePrompt,
                params: input.params,
                prompt: input.prompt,
                provider: entry.model.provider,
              },
              n: input.n,
              options,
              req,
            }).catch((error: unknown) => {
              // The error's extensions carry the 429; the header says when to try again.
              if (GenerationLimitError.isInstance(error) && context.headers) {
                context.headers['Retry-After'] = String(error.retryAfter)
              }
              throw error
            })
            return req.payload.findByID({
              collection: options.collectionSlug,
              depth: 0,
              id: ids[0]!,
              overrideAccess: false,
              req,
              user,
            })
          },
          type: assetType,
        },
        revokeGeneratedAssetShare: {
          args: { id: { type: new GraphQL.GraphQLNonNull(GraphQL.GraphQLID) } },
          resolve: async (_source: unknown, { id }: { id: string }, { req }: Context) => {
            const asset = await findUpdatable({ id, req })
            await req.payload.update({
              collection: options.collectionSlug,
              data: { sharedAt: null, shareToken: null },
              id: asset.id,
              overrideAccess: true,
              req,
            })
            return true
          },
          type: GraphQL.GraphQLBoolean,
        },
        shareGeneratedAsset: {
          args: {
            id: { type: new GraphQL.GraphQLNonNull(GraphQL.GraphQLID) },
            rotate: { type: GraphQL.GraphQLBoolean },
          },
          resolve: async (_source: unknown, { id, rotate }: { id: string; rotate?: boolean }, { req }: Context) => {
            const asset = await findUpdatable({ id, req })
            let token = asset.shareToken as string | undefined
            if (!token || rotate) {
              token = createShareToken()
              await req.payload.update({
                collection: options.collectionSlug,
                data: { sharedAt: new Date().toISOString(), shareToken: token },
                id: asset.id,
                overrideAccess: true,
                req,
              })
            }
            return shareUrlOf(req, token)
          },
          type: GraphQL.GraphQLString,
        },
      }
    },
    queries: (GraphQL, { collections }) => {
      const assetType = collections[options.collectionSlug]!.graphQL!.type
      const pageType = new GraphQL.GraphQLObjectType({
        fields: {
          items: { type: new GraphQL.GraphQLNonNull(new GraphQL.GraphQLList(new GraphQL.GraphQLNonNull(assetType))) },
          nextCursor: { type: GraphQL.GraphQLString },
        },
        name: 'GeneratedAssetsGalleryPage',
      })
      const text = { type: GraphQL.GraphQLString }
      return {
        generatedAssetsGallery: {
          args: {
            createdBy: text,
            cursor: text,
            from: text,
            kind: text,
            limit: { type: GraphQL.GraphQLInt },
            batch: text,
            board: { type: GraphQL.GraphQLID },
            model: text,
            q: text,
            sort: text,
            starred: { type: GraphQL.GraphQLBoolean },
            status: text,
            to: text,
            verdict: text,
          },
          resolve: async (_source: unknown, args: Record<string, unknown>, { req }: Context) => {
            requireUser(req)
            const { docs, nextCursor } = await queryGallery({
              options,
              query: parseGalleryQuery(args, { t: getTranslate({ req }).t }),
              req,
              shape: 'documents',
            })
            const { flattenedFields } = req.payload.collections[options.collectionSlug]!.config
            return { items: docs.map((doc) => toGraphQLSource(doc, flattenedFields)), nextCursor }
          },
          type: pageType,
        },
      }
    },
  }
}
