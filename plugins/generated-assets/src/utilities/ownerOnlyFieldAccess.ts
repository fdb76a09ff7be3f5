import type { FieldAccess } from 'payload'

/**
 * Field access for secrets of a document (share tokens): only its creator (`createdBy`) reads
 * them; everyone else gets the document without the field. A document not yet saved (no
 * `createdBy`) is its creator's.
 */
export const ownerOnlyFieldAccess: FieldAccess = ({ doc, req }) => {
  if (!req.user) {
    return false
  }
  const createdBy = doc?.createdBy && typeof doc.createdBy === 'object' ? doc.createdBy.id : doc?.createdBy
  return createdBy === undefined || createdBy === req.user.id
}
