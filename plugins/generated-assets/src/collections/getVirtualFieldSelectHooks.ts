import type { CollectionAfterOperationHook, CollectionBeforeOperationHook, SelectType } from 'payload'

/** Fields whose value the plugin computes on read (`afterRead`) from other, stored fields. */
const COMPUTED_FIELDS = [
  'aiDisclosure',
  'imageSizes',
  'imageUrl',
  'posterUrl',
  'shareToken',
  'shareUrl',
  'storageKey',
  'storageMode',
  'thumbnailURL',
  'url',
  'videoUrl',
]

/**
 * What the computed fields are made of: the stored file (name, folder, storage-s3's key, image
 * sizes), the kind and poster, the share token, and the creator (the share token's field access
 * compares it with the reader).
 */
const INPUT_FIELDS = [
  '_objectKey',
  'createdBy',
  'filename',
  'height',
  'kind',
  'mimeType',
  'poster',
  'prefix',
  'shareToken',
  'sizes',
  'url',
  'width',
]

/**
 * What `aiDisclosure` is made of besides: whether the asset was imported, its model and provider,
 * whether it had source images, its original's C2PA state, and what its file says (`provenance`).
 * Read only when `aiDisclosure` is asked for (`sources` is a join), not for every URL field.
 */
const AI_DISCLOSURE_INPUT_FIELDS = ['c2pa', 'model', 'modelName', 'parent', 'provenance', 'provider', 'sources', 'sourceUrl']

/**
 * The select the caller asked for, by the operation's arguments as `beforeOperation` returned
 * them (Payload hands that same object to `afterOperation`).
 */
const askedFor = new WeakMap<object, SelectType>()

const isInclude = (select: SelectType) => Object.values(select).some((value) => value !== false)

/**
 * Keeps of `value` what `select` asks for (Payload's select semantics: `true` keeps a field, an
 * object selects inside it, include mode when any value is not `false`, exclude mode otherwise);
 * the `id` always stays.
 */
const applySelect = (value: Record<string, unknown>, select: SelectType, include = isInclude(select)): void => {
  for (const key of Object.keys(value)) {
    if (key === 'id') continue
    const rule = select[key]
    const nested = value[key]
    if (rule === undefined ? include : rule === false) {
      delete value[key]
    } else if (rule && typeof rule === 'object' && nested && typeof nested === 'object' && !Array.isArray(nested)) {
      applySelect(nested as Record<string, unknown>, rule as SelectType, include)
    }
  }
}

/**
 * Makes `select` work with the plugin's computed fields (`imageUrl`, `thumbnailURL`, `shareUrl`,
 * …), through the Local API, REST (`?select[imageUrl]=true`) and GraphQL: Payload reads only the
 * selected columns, so the hooks that compute them would see no file name, sizes or token and
 * answer `null`. `beforeOperation` widens a read's select by the fields they are made of, when a
 * computed field is selected (include mode) or not excluded (exclude mode); `afterOperation`
 * takes back out of the result what the caller did not ask for. Payload's own `virtual: 'path'`
 * linking covers relationship paths only, not values computed in a hook
 * (https://payloadcms.com/docs/fields/overview#virtual-field-configuration).
 */
export const getVirtualFieldSelectHooks = (): {
  afterOperation: CollectionAfterOperationHook
  beforeOperation: CollectionBeforeOperationHook
} => ({
  afterOperation: ({ args, operation, result }) => {
    const original = askedFor.get(args)
    if (!original || (operation !== 'find' && operation !== 'findByID')) return result
    const docs = operation === 'find' ? ((result as { docs?: unknown[] }).docs ?? []) : [result]
    for (const doc of docs) {
      if (doc && typeof doc === 'object') applySelect(doc as Record<string, unknown>, original)
    }
    return result
  },
  beforeOperation: ({ args, collection, operation }) => {
    const select = (args as { select?: SelectType }).select
    if (operation !== 'read' || !select || typeof select !== 'object' || !Object.keys(select).length) return args
    const include = isInclude(select)
    const needsInputs = COMPUTED_FIELDS.some((name) => (include ? Boolean(select[name]) : select[name] !== false))
    if (!needsInputs) return args
    const widened: SelectType = { ...select }
    // `_objectKey` exists with storage-s3 only.
    const stored = new Set(collection.flattenedFields.map((field) => field.name))
    const wantsDisclosure = include ? Boolean(select.aiDisclosure) : select.aiDisclosure !== false
    const inputs = wantsDisclosure ? [...INPUT_FIELDS, ...AI_DISCLOSURE_INPUT_FIELDS] : INPUT_FIELDS
    for (const name of inputs.filter((field) => stored.has(field))) {
      if (include) widened[name] = true
      else delete widened[name]
    }
    // An exclusion list left empty would select nothing: read everything instead.
    const widenedArgs = { ...args, select: Object.keys(widened).length ? widened : undefined }
    askedFor.set(widenedArgs, select)
    return widenedArgs
  },
})
