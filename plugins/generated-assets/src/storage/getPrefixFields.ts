import type { TextField } from 'payload'

/**
 * The `prefix` field of one of the plugin's upload collections, whose default value is the
 * collection's folder (`getStoragePrefixes`): the field `@payloadcms/plugin-cloud-storage` reads
 * a document's folder from when its adapter stores, serves or deletes the document's files, so
 * every new file goes under the plugin's folder without the host passing a `prefix` to its
 * storage adapter. When the host does pass one, the storage plugin replaces this field with its
 * own, keeping this default value (3.90's `getFields`), and puts the folder beneath its prefix.
 *
 * Set by the plugin only (never through REST or GraphQL), so nobody can store a file of the
 * plugin into another folder of the bucket, such as the host's media. None for the `''`
 * folder: the adapter then decides, as for any collection.
 *
 * @returns the fields to add to the collection: `[prefix]`, or `[]`.
 */
export const getPrefixFields = ({ prefix }: { prefix: string }): TextField[] =>
  prefix
    ? [
        {
          name: 'prefix',
          type: 'text',
          access: { create: () => false, update: () => false },
          admin: { hidden: true, readOnly: true },
          // A function, so the database column gets no default: rows stored before the field
          // existed keep `null` (their files stay where they are), not the new folder.
          defaultValue: () => prefix,
        },
      ]
    : []
