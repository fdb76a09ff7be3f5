import type { Access, CollectionConfig, FieldAccess, PayloadRequest } from 'payload'

/** What a user may do: `admin` manages every user (and, with the plugin's `access` option, every asset); `editor` only their own. */
export type UserRole = 'admin' | 'editor'

/** Whether the request's user is an admin (`roles: 'admin'`). */
export const isAdmin = ({ req }: { req: Pick<PayloadRequest, 'user'> }): boolean =>
  (req.user as { roles?: unknown } | null | undefined)?.roles === 'admin'

/** Admins reach every user; everyone else only their own account; anonymous nobody. */
const adminOrSelf: Access = ({ req }) => {
  if (!req.user) return false
  return isAdmin({ req }) || { id: { equals: req.user.id } }
}

const adminOnly: Access = ({ req }) => isAdmin({ req })

const isFirstRegister = ({ req }: { req: Pick<PayloadRequest, 'url'> }): boolean => {
  try {
    return Boolean(req.url) && new URL(req.url!, 'http://localhost').pathname.endsWith('/users/first-register')
  } catch {
    return false
  }
}

const adminOnlyField: FieldAccess = ({ req }) => isAdmin({ req })

/**
 * The demo app's users: anyone who can log in to the admin. Editors see and change only their
 * own account (Payload's default would let any logged-in user read, edit or delete every other
 * user, and so take over their assets); only admins create users, delete others and give roles.
 * The first user, created on the admin's "create first user" screen, is made an admin.
 */
export const Users: CollectionConfig = {
  slug: 'users',
  access: {
    create: adminOnly,
    delete: adminOrSelf,
    read: adminOrSelf,
    update: adminOrSelf,
  },
  admin: { useAsTitle: 'email' },
  auth: true,
  fields: [
    {
      name: 'roles',
      type: 'select',
      // Only an admin gives or takes a role, so an editor cannot make themselves an admin.
      access: { create: adminOnlyField, update: adminOnlyField },
      defaultValue: 'editor',
      options: [
        { label: 'Admin', value: 'admin' },
        { label: 'Editor', value: 'editor' },
      ],
      saveToJWT: true,
    },
  ],
  hooks: {
    beforeChange: [
      ({ data, operation, req }) => {
        // Payload's first-register route refuses once any user exists, so this is the very first one.
        if (operation === 'create' && isFirstRegister({ req })) data.roles = 'admin'
        return data
      },
    ],
  },
}
