import type { Where } from 'payload'

/**
 * A Payload `Where` moved onto a relationship: every field path `p` becomes `${path}.p`, inside
 * `and` / `or` too, so a query written for one collection (an `access` option's answer about
 * assets) filters documents of another by what they point at (reviews by their asset). Payload
 * runs such paths as joins (https://payloadcms.com/docs/queries/overview#nested-properties).
 */
export const prefixWhere = (where: Where, path: string): Where => {
  const prefixed: Where = {}
  for (const [key, value] of Object.entries(where)) {
    if ((key === 'and' || key === 'or') && Array.isArray(value)) {
      prefixed[key] = value.map((part) => prefixWhere(part as Where, path))
    } else {
      prefixed[`${path}.${key}`] = value as Where[string]
    }
  }
  return prefixed
}
