import type { GlobalConfig } from 'payload'

/** A demo global with an upload field inside an array: the plugin's Generate control reaches it too. */
export const SiteSettings: GlobalConfig = {
  slug: 'site-settings',
  fields: [
    {
      name: 'banners',
      type: 'array',
      fields: [
        { name: 'label', type: 'text' },
        { name: 'image', type: 'upload', relationTo: 'media' },
      ],
    },
  ],
}
