import type { CollectionConfig } from 'payload'

/**
 * The demo's own uploads, shaped like the `media` collection of Payload's official templates
 * (an upload collection with a required `alt`), stored through storage-s3 under `media/`. It is a
 * `targets` collection of the plugin: choosing a generated image in a field that relates to it
 * copies the image here (bytes, alt, and `generatedAsset` pointing back).
 */
export const Media: CollectionConfig = {
  slug: 'media',
  access: { read: () => true },
  admin: { useAsTitle: 'alt' },
  fields: [{ name: 'alt', type: 'text', required: true }],
  upload: {
    imageSizes: [{ name: 'card', formatOptions: { format: 'webp' }, width: 640, withoutEnlargement: true }],
    mimeTypes: ['image/*'],
  },
}
