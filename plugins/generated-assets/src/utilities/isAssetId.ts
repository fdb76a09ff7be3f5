/**
 * Whether a value from a request can be an asset id: an integer (Postgres serial ids) or a short
 * string of word characters and dashes (numeric strings, UUIDs), at most 64 characters. Checked
 * before an id reaches a query, so bad input is a 400, never a database error.
 */
export const isAssetId = (id: unknown): id is number | string =>
  (typeof id === 'number' && Number.isInteger(id)) || (typeof id === 'string' && /^[\w-]{1,64}$/.test(id))
