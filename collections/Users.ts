import type { CollectionConfig } from 'payload'

/** The demo app's editors: anyone who can log in to the admin. */
export const Users: CollectionConfig = {
  slug: 'users',
  admin: { useAsTitle: 'email' },
  auth: true,
  fields: [],
}
