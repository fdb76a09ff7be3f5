import type { CollectionConfig } from 'payload'

/**
 * A demo content collection, as an editor writes posts: the `hero` upload field relates to the
 * host's own `media` (the plugin copies a chosen generated image there), and the `layout` blocks'
 * image block relates to the generated assets themselves. Both get the plugin's Generate control.
 */
export const Posts: CollectionConfig = {
  slug: 'posts',
  admin: { useAsTitle: 'title' },
  fields: [
    { name: 'title', type: 'text', required: true },
    { name: 'hero', type: 'upload', relationTo: 'media' },
    {
      name: 'layout',
      type: 'blocks',
      blocks: [
        {
          slug: 'image',
          fields: [
            { name: 'image', type: 'upload', relationTo: 'generated-assets' },
            { name: 'caption', type: 'text' },
          ],
        },
      ],
    },
  ],
}
