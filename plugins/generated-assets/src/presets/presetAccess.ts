import type { Access, Where } from 'payload'

/**
 * Default read access of generation presets: a logged-in user (anyone who may generate) reads
 * their own presets and every `shared` one; anonymous users none. A Payload `Access` answering a
 * `Where` on the preset's `owner` and `visibility` fields.
 */
export const ownOrSharedPresets: Access = ({ req }) => {
  if (!req.user) return false
  const where: Where = { or: [{ owner: { equals: req.user.id } }, { visibility: { equals: 'shared' } }] }
  return where
}

/**
 * Default update and delete access of generation presets: a logged-in user changes and deletes
 * only the presets they own (shared or not); anonymous users none.
 */
export const ownPresets: Access = ({ req }) => {
  if (!req.user) return false
  return { owner: { equals: req.user.id } }
}
