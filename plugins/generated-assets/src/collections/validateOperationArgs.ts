import type { CollectionBeforeOperationHook, FlattenedField, PayloadRequest } from 'payload'

import { randomBytes } from 'node:crypto'
import { APIError, NotFound } from 'payload'
import { validOperatorSet } from 'payload/shared'

/** Most levels of `and` / `or` in one `where`. */
const MAX_WHERE_DEPTH = 8
/** Most conditions in one `where`. */
const MAX_WHERE_CONDITIONS = 200
/** Most levels of nesting in a document's data. */
const MAX_DATA_DEPTH = 32
/** Largest Postgres `integer`, the type of serial ids and relationships to them. */
const MAX_INTEGER_ID = 2_147_483_647
/** Years a Postgres timestamp and a JavaScript date can both hold, with room to spare. */
const MAX_YEAR = 9999

type ValueKind = 'boolean' | 'date' | 'id' | 'number' | 'other' | 'select' | 'text'

/** Operators that search text (`ILIKE`): Postgres has them only for text columns. */
const TEXT_OPERATORS = new Set(['contains', 'like', 'not_like'])

const badRequest = (message: string) => new APIError(message, 400, null, true)

const hasNul = (value: string) => value.includes('\u0000')

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

/** Whether `value` can be an id of this database: a serial integer, or (text ids) a short string. */
const isValidId = ({ req, value }: { req: PayloadRequest; value: unknown }): boolean => {
  if ((req.payload.db as { defaultIDType?: string }).defaultIDType !== 'number') {
    return (typeof value === 'string' && value.length <= 255 && !hasNul(value)) || typeof value === 'number'
  }
  const text = typeof value === 'number' ? String(value) : value
  return typeof text === 'string' && /^\d{1,10}$/.test(text) && Number(text) <= MAX_INTEGER_ID
}

/**
 * What a `where` path compares against: the kind of value, whether the field holds many values,
 * and whether the path is a JSON field (`inJson: 'field'`) or a path inside one (`'path'`).
 * Relationships (`createdBy.roles`) and groups (`sizes.thumbnail.filename`) are followed.
 */
type PathInfo = { inJson?: 'field' | 'path'; isHasMany: boolean; kind: ValueKind; options?: string[] }

const describePath = ({ fields, path, req }: { fields: FlattenedField[]; path: string; req: PayloadRequest }): PathInfo => {
  const segments = path.split('.')
  let current = fields
  for (let index = 0; index < segments.length; index++) {
    const segment = segments[index]!
    const isLast = index === segments.length - 1
    const field = current.find((candidate) => candidate.name === segment)
    if (!field) {
      // `id` is not among the flattened fields; anything else unknown Payload refuses itself (400).
      return { isHasMany: false, kind: segment === 'id' && isLast ? 'id' : 'text' }
    }
    const isHasMany = 'hasMany' in field && Boolean(field.hasMany)
    if (field.type === 'json') return { inJson: isLast ? 'field' : 'path', isHasMany: false, kind: 'text' }
    if (field.type === 'relationship' || field.type === 'upload') {
      const next = segments[index + 1]
      if (isLast || (next === 'id' && index + 1 === segments.length - 1)) return { isHasMany, kind: 'id' }
      const target = typeof field.relationTo === 'string' ? req.payload.collections[field.relationTo] : undefined
      if (!target) return { isHasMany: false, kind: 'text' }
      current = target.config.flattenedFields
      continue
    }
    if ('flattenedFields' in field && !isLast) {
      current = field.flattenedFields
      continue
    }
    if (!isLast) return { isHasMany: false, kind: 'text' }
    const kinds: Record<string, ValueKind> = {
      checkbox: 'boolean',
      date: 'date',
      number: 'number',
      radio: 'select',
      select: 'select',
    }
    const options =
      field.type === 'select' || field.type === 'radio'
        ? field.options.map((option) => (typeof option === 'string' ? option : option.value))
        : undefined
    return { isHasMany, kind: kinds[field.type] ?? (field.type === 'point' ? 'other' : 'text'), options }
  }
  return { isHasMany: false, kind: 'text' }
}

/** Operators the Postgres adapter can run on a JSON field itself, and on a path inside one. */
const JSON_OPERATORS = {
  field: new Set(['equals', 'exists', 'in', 'not_equals', 'not_in']),
  path: new Set(['equals', 'exists', 'in', 'like', 'not_equals', 'not_in', 'not_like']),
}

const checkValue = ({
  kind,
  options,
  path,
  req,
  value,
}: {
  kind: ValueKind
  options?: string[]
  path: string
  req: PayloadRequest
  value: unknown
}) => {
  if (value === null || value === undefined) return
  if (typeof value === 'string' && hasNul(value)) {
    throw badRequest(`where.${path}: text must not contain NUL characters.`)
  }
  if (typeof value === 'object') {
    throw badRequest(`where.${path}: expected a single value, not ${Array.isArray(value) ? 'a list' : 'an object'}.`)
  }
  if (kind === 'id' && !isValidId({ req, value })) {
    throw badRequest(`where.${path}: ${JSON.stringify(value).slice(0, 40)} is not an id.`)
  }
  if (kind === 'boolean' && ![true, false, 'true', 'false'].includes(value as never)) {
    throw badRequest(`where.${path}: expected true or false.`)
  }
  if (kind === 'number' && !Number.isFinite(Number(value))) {
    throw badRequest(`where.${path}: expected a number.`)
  }
  // Postgres refuses a value its enum lacks; SQLite would quietly match nothing.
  if (kind === 'select' && options && !options.includes(String(value))) {
    throw badRequest(`where.${path}: ${JSON.stringify(value).slice(0, 40)} is not one of ${options.join(', ')}.`)
  }
  if (kind === 'date') {
    const date = new Date(typeof value === 'boolean' ? Number.NaN : (value as number | string))
    if (Number.isNaN(date.getTime()) || Math.abs(date.getUTCFullYear()) > MAX_YEAR) {
      throw badRequest(`where.${path}: expected a date, e.g. 2026-11-21T08:00:00Z.`)
    }
  }
}

/**
 * Checks a Payload `where` before it reaches the database: at most 8 levels of `and`/`or` and 200
 * conditions, only Payload's operators (`all` only on fields that hold many values, and on JSON
 * fields only those the Postgres adapter can run), and values of the right kind for the path (ids for `id`
 * and relationships, numbers, booleans, dates within years ±9999, a select's own options, text
 * without NUL characters;
 * `like` and `contains` on text only), so a
 * malformed query is answered 400 instead of failing in Postgres.
 *
 * @throws {APIError} 400 naming the first bad path.
 */
const checkWhere = ({ fields, req, where }: { fields: FlattenedField[]; req: PayloadRequest; where: unknown }) => {
  let conditions = 0
  const visit = (node: unknown, depth: number) => {
    if (!isPlainObject(node)) throw badRequest('where must be an object of conditions.')
    if (depth > MAX_WHERE_DEPTH) throw badRequest(`where is nested more than ${MAX_WHERE_DEPTH} levels deep.`)
    for (const [key, value] of Object.entries(node)) {
      if (key === 'and' || key === 'or') {
        if (!Array.isArray(value)) throw badRequest(`where.${key} must be a list of conditions.`)
        for (const child of value) visit(child, depth + 1)
        continue
      }
      if (hasNul(key)) throw badRequest('where: paths must not contain NUL characters.')
      if (!isPlainObject(value)) throw badRequest(`where.${key} must be an object like {"equals": …}.`)
      const { inJson, isHasMany, kind, options } = describePath({ fields, path: key, req })
      for (const [operator, operand] of Object.entries(value)) {
        if (++conditions > MAX_WHERE_CONDITIONS) throw badRequest(`where has more than ${MAX_WHERE_CONDITIONS} conditions.`)
        if (!validOperatorSet.has(operator as never)) {
          throw badRequest(`where.${key}: "${operator.slice(0, 40)}" is not an operator.`)
        }
        if (inJson && !JSON_OPERATORS[inJson].has(operator)) {
          throw badRequest(`where.${key}: a JSON field takes only ${[...JSON_OPERATORS[inJson]].join(', ')}.`)
        }
        if (!inJson && TEXT_OPERATORS.has(operator) && kind !== 'text') {
          throw badRequest(`where.${key}: ${operator} searches text, and this is not a text field.`)
        }
        if (operator === 'exists') {
          if (![true, false, 'true', 'false'].includes(operand as never)) {
            throw badRequest(`where.${key}.exists must be true or false.`)
          }
        } else if (operator === 'all' && !isHasMany) {
          // Postgres answers `all` only for fields that hold many values.
          throw badRequest(`where.${key}: all applies only to fields that hold many values.`)
        } else if (operator === 'in' || operator === 'not_in' || operator === 'all') {
          const items = Array.isArray(operand) ? operand : typeof operand === 'string' ? operand.split(',') : [operand]
          for (const item of items) checkValue({ kind, options, path: `${key}.${operator}`, req, value: item })
        } else if (operator === 'near' || operator === 'within' || operator === 'intersects') {
          throw badRequest(`where.${key}: ${operator} applies only to point fields.`)
        } else {
          checkValue({ kind, options, path: `${key}.${operator}`, req, value: operand })
        }
      }
    }
  }
  visit(where, 0)
}

/**
 * Checks document data: at most 32 levels deep, and no NUL characters in keys or text (Postgres
 * text and jsonb cannot hold them).
 *
 * @throws {APIError} 400.
 */
const checkData = (data: unknown) => {
  const visit = (value: unknown, depth: number) => {
    if (depth > MAX_DATA_DEPTH) throw badRequest(`The data is nested more than ${MAX_DATA_DEPTH} levels deep.`)
    if (typeof value === 'string') {
      if (hasNul(value)) throw badRequest('Text must not contain NUL characters.')
    } else if (Array.isArray(value)) {
      for (const item of value) visit(item, depth + 1)
    } else if (isPlainObject(value)) {
      for (const [key, item] of Object.entries(value)) {
        if (hasNul(key)) throw badRequest('Field names must not contain NUL characters.')
        visit(item, depth + 1)
      }
    }
  }
  visit(data, 0)
}

/**
 * `photo.png` → `photo-1a2b3c4d.png`: a file uploaded through the API gets 32 random bits in its
 * name. Payload makes the file name itself unique, but not the names of its image sizes, which it
 * derives from the base name (`photo-480x320.webp`), so `photo.png` and `photo.jpg` from two users
 * would share, overwrite and, on delete, remove each other's thumbnails.
 */
const withUniqueSuffix = (name: string): string => {
  const match = /^(.*?)(\.[A-Za-z0-9]{1,10})?$/.exec(name)
  const base = (match?.[1] ?? '').slice(0, 80) || 'upload'
  return `${base}-${randomBytes(4).toString('hex')}${match?.[2] ?? ''}`
}

/**
 * A `beforeOperation` hook for the plugin's collections that answers malformed input to
 * Payload's own routes (REST, GraphQL, Local API with `overrideAccess: false`) with 400 or 404
 * before it reaches the database, which would otherwise fail with a 500 (Postgres) or quietly
 * match nothing (SQLite):
 * - an `id` that cannot exist (`abc`, `-1`, `2147483648` for serial ids), also as the source of
 *   `POST /:id/duplicate`: 404 Not Found;
 * - a `page` or `limit` that is not a whole number (page from 1, limit from 0): 400;
 * - create or update data that is not an object (a body of `null`, or not JSON): 400;
 * - a `where` with unknown operators, values of the wrong kind, or too deep: 400;
 * - data nested too deeply or holding NUL characters: 400;
 * - a file uploaded through the API is renamed with a random suffix (see `withUniqueSuffix`), so
 *   its image sizes never share names with another asset's;
 * - a create with `url` (Payload would fetch the file from that URL on the server): 400, with the
 *   plugin's guarded import route to use instead.
 *
 * @throws {APIError} 400 with a message naming the bad input; {NotFound} 404 for impossible ids.
 */
export const validateOperationArgs =
  ({ ingestPath }: { ingestPath: string }): CollectionBeforeOperationHook =>
  ({ args, collection, operation }) => {
    const { data, duplicateFromID, id, limit, page, req, where } = args as {
      data?: unknown
      /** `POST /:id/duplicate` runs `create` with the source's id here. */
      duplicateFromID?: unknown
      id?: unknown
      limit?: unknown
      page?: unknown
      req: PayloadRequest
      where?: unknown
    }
    for (const value of [id, duplicateFromID]) {
      if (value !== undefined && value !== null && !isValidId({ req, value })) throw new NotFound(req.t)
    }
    for (const [name, value, min] of [['page', page, 1], ['limit', limit, 0]] as const) {
      if (value !== undefined && value !== null && (!Number.isSafeInteger(Number(value)) || Number(value) < min)) {
        throw badRequest(`${name} must be a whole number from ${min} up.`)
      }
    }
    if (where !== undefined && where !== null) {
      checkWhere({ fields: collection.flattenedFields, req, where })
    }
    if (operation === 'create' || operation === 'update') {
      const file = (req as { file?: { name?: unknown } }).file
      if (file && typeof file.name === 'string' && !args.overrideAccess) {
        file.name = withUniqueSuffix(file.name)
      }
      if (!isPlainObject(data)) {
        throw badRequest('The request body must be a JSON object of fields, e.g. {"starred": true}.')
      }
      checkData(data)
      // Payload leaves its trash field `deletedAt` unvalidated, and SQLite stores any text in a
      // date column, which every later read of the document then fails to parse.
      for (const field of collection.flattenedFields) {
        const value = (data as Record<string, unknown>)[field.name]
        if (field.type !== 'date' || value === undefined || value === null) continue
        if ((typeof value !== 'string' && typeof value !== 'number') || Number.isNaN(new Date(value).getTime())) {
          throw badRequest(`${field.name} must be a date, e.g. 2026-11-21T08:00:00Z, or null.`)
        }
      }
      const body = (req as { data?: unknown }).data
      if (operation === 'create' && isPlainObject(body) && typeof body.url === 'string' && !args.overrideAccess) {
        throw badRequest(`Files are not fetched from a URL here: import it with POST ${ingestPath} {"url": "…"}.`)
      }
    }
    return args
  }
