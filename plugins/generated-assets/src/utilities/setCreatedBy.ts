import type { CollectionBeforeChangeHook } from 'payload'

/**
 * `beforeChange`: files a new document under the user who creates it (`createdBy`), unless the
 * trusted caller (the Local API without a user, the plugin itself) set one.
 */
export const setCreatedBy: CollectionBeforeChangeHook = ({ data, operation, req }) => {
  if (operation === 'create' && req.user && !data.createdBy) {
    data.createdBy = req.user.id
  }
  return data
}
