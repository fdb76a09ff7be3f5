import type {
  Collection,
  CollectionAfterOperationHook,
  CollectionAfterReadHook,
  FieldAccess,
  FieldHook,
  FlattenedField,
  PaginatedDocs,
  PayloadRequest,
  SanitizedCollectionConfig,
  Sort,
  Where,
} from 'payload'

import { combineQueries, executeAccess, getDefaultValue, validateQueryPaths } from 'payload'


/** A `select` of plain fields and groups of them, as `queryGallery` asks for (`true` = the field). */
export type GallerySelect = { [field: string]: GallerySelect | true }

/** A selected field that holds data, with where it sits in the document. */
type PlannedField = {
  field: FlattenedField
  /** Names from the document down to the field, e.g. `['sizes', 'thumbnail', 'url']`. */
  path: string[]
  siblingFields: FlattenedField[]
}

/** A selected relationship or upload field, populated at depth 1 like Payload's afterRead does. */
type PlannedRelation = { name: string; relationTo: string }

/** How to read one `select` of one collection straight through the adapter; `null` when it cannot be done faithfully. */
type ReadPlan = { fields: PlannedField[]; relations: PlannedRelation[] } | null

const plans = new WeakMap<SanitizedCollectionConfig, WeakMap<GallerySelect, ReadPlan>>()

const afterReadHooksOf = (field: FlattenedField): FieldHook[] =>
  ((field as { hooks?: { afterRead?: FieldHook[] } }).hooks?.afterRead ?? []) as FieldHook[]

/**
 * Walks the selected fields in the collection's field order (the order Payload's afterRead runs
 * them in). Anything this reader does not reproduce makes the whole plan `null`: hidden or
 * localized fields, virtual fields, field types other than plain values, groups and single
 * relationships, and hooks or access on a group itself.
 */
const planFields = ({
  fields,
  parentPath,
  plan,
  select,
}: {
  fields: FlattenedField[]
  parentPath: string[]
  plan: { fields: PlannedField[]; relations: PlannedRelation[] }
  select: GallerySelect
}): boolean => {
  for (const field of fields) {
    const selected = select[field.name]
    if (!selected) continue
    if (field.hidden || field.localized || ('virtual' in field && field.virtual)) return false
    const path = [...parentPath, field.name]
    if (field.type === 'group') {
      if (afterReadHooksOf(field).length || field.access?.read) return false
      const groupSelect =
        selected === true ? Object.fromEntries(field.flattenedFields.map((subfield) => [subfield.name, true as const])) : selected
      if (!planFields({ fields: field.flattenedFields, parentPath: path, plan, select: groupSelect })) return false
      continue
    }
    if (selected !== true) return false
    if (field.type === 'relationship' || field.type === 'upload') {
      if (parentPath.length || typeof field.relationTo !== 'string' || ('hasMany' in field && field.hasMany)) return false
      plan.relations.push({ name: field.name, relationTo: field.relationTo })
    } else if (!['checkbox', 'code', 'date', 'email', 'json', 'number', 'radio', 'select', 'text', 'textarea'].includes(field.type)) {
      return false
    }
    plan.fields.push({ field, path, siblingFields: fields })
  }
  return true
}

const getReadPlan = ({ collection, select }: { collection: Collection; select: GallerySelect }): ReadPlan => {
  const config = collection.config
  let byselect = plans.get(config)
  if (!byselect) {
    byselect = new WeakMap()
    plans.set(config, byselect)
  }
  if (byselect.has(select)) return byselect.get(select)!
  const hooks = config.hooks ?? {}
  const plan = { fields: [] as PlannedField[], relations: [] as PlannedRelation[] }
  const isPlannable =
    !config.versions?.drafts &&
    !config.forceSelect &&
    !hooks.beforeRead?.length &&
    !config.flattenedFields.some((field) => 'virtual' in field && typeof field.virtual === 'string') &&
    planFields({ fields: config.flattenedFields, parentPath: [], plan, select })
  const result = isPlannable ? plan : null
  byselect.set(select, result)
  return result
}

/** Keeps only the names of `select` that are fields of the collection (a `prefix` the adapter never added, say). */
const selectExisting = (fields: FlattenedField[], select: GallerySelect): GallerySelect => {
  const result: GallerySelect = {}
  for (const field of fields) {
    const selected = select[field.name]
    if (!selected) continue
    result[field.name] = selected === true || field.type !== 'group' ? true : selectExisting(field.flattenedFields, selected)
  }
  return result
}

/**
 * The selected part of a row, as Payload's `stripUnselectedFields` leaves it: the adapter answers
 * every field (unselected ones `undefined`, relationships kept in other tables as `[]`).
 */
const pickSelected = (row: Record<string, unknown>, select: GallerySelect, isTop: boolean): Record<string, unknown> => {
  const result: Record<string, unknown> = isTop ? { id: row.id } : {}
  for (const [name, selected] of Object.entries(select)) {
    if (!(name in row)) continue
    const value = row[name]
    result[name] =
      selected === true || typeof value !== 'object' || value === null
        ? value
        : pickSelected(value as Record<string, unknown>, selected, false)
  }
  return result
}

const withDeletedAtSelects = new WeakMap<GallerySelect, GallerySelect>()

/** `select` and `deletedAt` (to tell trashed related documents), one object per `select` so its read plan is kept. */
const withDeletedAt = (select: GallerySelect): GallerySelect => {
  let extended = withDeletedAtSelects.get(select)
  if (!extended) {
    extended = { ...select, deletedAt: true }
    withDeletedAtSelects.set(select, extended)
  }
  return extended
}

/**
 * Populates one relationship of every document at depth 1, the way Payload's afterRead does
 * (its dataloader): one Local API `find` of the related ids with the reader's access, so a user
 * the reader may not see stays an id; a related document in the trash becomes `null`.
 */
const populate = async ({
  docs,
  relation,
  req,
  select,
}: {
  docs: Record<string, unknown>[]
  relation: PlannedRelation
  req: PayloadRequest
  select?: GallerySelect
}) => {
  const ids = new Set<number | string>()
  for (const doc of docs) {
    const id = doc[relation.name]
    if (typeof id === 'number' || typeof id === 'string') ids.add(id)
  }
  if (!ids.size) return
  const related = req.payload.collections[relation.relationTo]
  if (!related) return
  const isTrashEnabled = Boolean(related.config.trash)
  const relatedSelect = select && (isTrashEnabled ? withDeletedAt(select) : select)
  const where: Where = { id: { in: [...ids] } }
  // The same find, read directly when the related collection allows it and a select says what to read.
  const found =
    (relatedSelect &&
      (await readGalleryDocuments({
        collectionSlug: relation.relationTo,
        depth: 0,
        disableErrors: true,
        limit: ids.size,
        req,
        select: relatedSelect,
        sort: 'id',
        trash: isTrashEnabled,
        where,
      }))) ||
    (
      await req.payload.find({
        collection: relation.relationTo,
        depth: 0,
        disableErrors: true,
        overrideAccess: false,
        pagination: false,
        req,
        select: relatedSelect,
        ...(isTrashEnabled ? { trash: true } : {}),
        where,
      })
    ).docs
  const byId = new Map(found.map((doc) => [String(doc.id), doc as Record<string, unknown>]))
  for (const doc of docs) {
    const id = doc[relation.name]
    if (typeof id !== 'number' && typeof id !== 'string') continue
    const relatedDoc = byId.get(String(id))
    if (isTrashEnabled) {
      if (relatedDoc) doc[relation.name] = relatedDoc.deletedAt ? null : relatedDoc
    } else {
      doc[relation.name] = relatedDoc ?? id
    }
  }
}

/**
 * Reads a page of a collection's documents the way `payload.find({ depth: 1, overrideAccess:
 * false, select, pagination: false })` answers it, without Payload's per-field afterRead walk over
 * every field of every document (the largest cost of a gallery page): the `where` is merged with
 * the collection's `read` access (`executeAccess` + `combineQueries`, as Payload's find does) and
 * the trash filter, the rows come from `payload.db.find` with `select`, then only the selected
 * fields go through what afterRead does to them (their `afterRead` hooks, such as the storage
 * adapter's `url` hooks, their read access, their default value), relationships are populated
 * with one access-checked Local API `find` per related collection, and the collection's
 * `afterRead` hooks run last.
 *
 * `populate` gives the `select` of a related collection (as the Local API's `populate`); others
 * are read whole. Answers `undefined` when the collection has what this reader does not reproduce
 * (drafts, `forceSelect`, `beforeRead` hooks, hidden, localized or virtual
 * fields among the selected, …): read with the Local API then.
 *
 * @throws {Forbidden} when the collection's `read` access refuses the request outright and `disableErrors` is not set (as the Local API does).
 * @throws {QueryError} when the reader may not query a path of `where`.
 */
export const readGalleryDocuments = async ({
  collectionSlug,
  depth = 1,
  disableErrors = false,
  limit,
  populate: populateSelect = {},
  req,
  select,
  sort,
  trash,
  where,
}: {
  collectionSlug: string
  /** 1: relationships populated (as the gallery reads assets); 0: left as ids (as population reads related documents). @default 1 */
  depth?: 0 | 1
  /** Answer no documents, rather than throw, when `read` access refuses (as the Local API's `disableErrors`). @default false */
  disableErrors?: boolean
  /** Most documents to read. */
  limit: number
  populate?: Record<string, GallerySelect>
  req: PayloadRequest
  select: GallerySelect
  sort: Sort
  trash: boolean
  where?: Where
}): Promise<Record<string, unknown>[] | undefined> => {
  const collection = req.payload.collections[collectionSlug]
  if (!collection) return undefined
  const plan = getReadPlan({ collection, select })
  if (!plan) return undefined
  const config = collection.config

  // What Payload's find does before it reads: beforeOperation hooks, access, the trash filter.
  let args: Record<string, unknown> = { collection, depth, disableErrors, limit, overrideAccess: false, req, select, sort, trash, where }
  for (const hook of config.hooks?.beforeOperation ?? []) {
    args =
      (await hook({
        args: args as never,
        collection: config,
        context: req.context,
        operation: 'read',
        overrideAccess: false,
        req,
      })) ?? args
  }
  const hookedWhere = args.where as undefined | Where
  const accessResult = await executeAccess({ disableErrors, req }, config.access.read)
  if (accessResult === false) return []
  let fullWhere = combineQueries(hookedWhere ?? {}, accessResult)
  if (config.trash && !trash) {
    const notTrashed: Where = { deletedAt: { exists: false } }
    fullWhere = fullWhere.and ? { ...fullWhere, and: [...fullWhere.and, notTrashed] } : { and: [notTrashed, fullWhere] }
  }
  await validateQueryPaths({ collectionConfig: config, overrideAccess: false, req, where: hookedWhere ?? {} })
  const rows = (
    (
      await req.payload.db.find({
        collection: collectionSlug,
        limit,
        pagination: false,
        req,
        select: selectExisting(config.flattenedFields, select),
        sort,
        where: fullWhere,
      })
    ).docs as Record<string, unknown>[]
  ).map((row) => pickSelected(row, select, true))
  // As Payload's find: documents of an auth collection say which collection they are (users).
  if (config.auth) {
    for (const row of rows) row.collection = config.slug
  }

  // afterRead, for the selected fields only: hooks, then read access, then the default value.
  for (const doc of rows) {
    for (const { field, path, siblingFields } of plan.fields) {
      let siblingDoc: Record<string, unknown> = doc
      for (const name of path.slice(0, -1)) {
        if (typeof siblingDoc[name] !== 'object' || siblingDoc[name] === null) siblingDoc[name] = {}
        siblingDoc = siblingDoc[name] as Record<string, unknown>
      }
      for (const hook of afterReadHooksOf(field)) {
        const value = await hook({
          blockData: undefined,
          collection: config,
          context: req.context,
          currentDepth: 1,
          data: doc,
          depth: 1,
          draft: false,
          field: field as never,
          findMany: true,
          global: null,
          indexPath: [],
          operation: 'read',
          originalDoc: doc,
          overrideAccess: false,
          path,
          req,
          schemaPath: path,
          showHiddenFields: false,
          siblingData: siblingDoc,
          siblingFields: siblingFields as never,
          value: siblingDoc[field.name],
        })
        if (value !== undefined) siblingDoc[field.name] = value
      }
      let isDefaultAllowed = true
      const readAccess = field.access?.read as FieldAccess | undefined
      if (readAccess && !(await readAccess({ id: doc.id as number | string, data: doc, doc, req, siblingData: siblingDoc }))) {
        isDefaultAllowed = false
        delete siblingDoc[field.name]
      }
      if (isDefaultAllowed && siblingDoc[field.name] === undefined && field.defaultValue !== undefined) {
        siblingDoc[field.name] = await getDefaultValue({
          defaultValue: field.defaultValue,
          locale: req.locale ?? undefined,
          req,
          user: req.user,
          value: undefined,
        })
      }
    }
  }
  await Promise.all(
    (depth > 0 ? plan.relations : []).map((relation) =>
      populate({ docs: rows, relation, req, select: populateSelect[relation.relationTo] }),
    ),
  )
  const afterReadHooks = (config.hooks?.afterRead ?? []) as CollectionAfterReadHook[]
  const docs = !afterReadHooks.length
    ? rows
    : await Promise.all(
        rows.map(async (doc) => {
          let result = doc
          for (const hook of afterReadHooks) {
            result =
              (await hook({
                collection: config,
                context: req.context,
                doc: result,
                findMany: true,
                overrideAccess: false,
                query: fullWhere,
                req,
              })) ?? result
          }
          return result
        }),
      )
  // afterOperation last, with the result Payload's unpaginated find answers.
  let result: PaginatedDocs<Record<string, unknown>> = {
    docs,
    hasNextPage: false,
    hasPrevPage: false,
    limit,
    nextPage: null,
    page: 1,
    pagingCounter: 1,
    prevPage: null,
    totalDocs: docs.length,
    totalPages: 1,
  }
  for (const hook of (config.hooks?.afterOperation ?? []) as CollectionAfterOperationHook[]) {
    result =
      ((await hook({
        args: args as never,
        collection: config,
        operation: 'find',
        overrideAccess: false,
        req,
        result: result as never,
      })) as typeof result | undefined) ?? result
  }
  return result.docs
}
