import type { Field } from 'payload'

/**
 * What an asset's stored original says about its provenance, recorded when it was stored (the
 * `provenance` group). For an import it is read from the file as it came ({@link readFileProvenance}):
 * the plugin stores an import byte for byte and claims nothing its file does not show.
 */
export type StoredProvenance = {
  /** IPTC `AISystemUsed` from the file's XMP, else the software agent of its valid C2PA manifest. */
  aiSystemUsed?: null | string
  /** IPTC `AISystemVersionUsed` from the file's XMP. */
  aiSystemVersionUsed?: null | string
  /**
   * The C2PA manifest the stored original carries, as `aiDisclosure.c2pa` states it: `signed` (by
   * the plugin), `provider` (someone else's, validated), `none` (no manifest, or one that failed
   * validation or could not be validated: nothing is claimed for it).
   */
  c2pa?: 'none' | 'provider' | 'signed' | null
  /** Why the manifest failed validation: the C2PA validation status codes that failed, or the reader's message. */
  c2paError?: null | string
  /** The manifest's validation, `null` when the file has none (see `C2PAReading.status`). */
  c2paStatus?: 'invalid' | 'unverified' | 'valid' | null
  /** The file's own creation date (XMP `xmp:CreateDate`, as written). */
  createdAt?: null | string
  /** IPTC `DigitalSourceType` from the file's XMP, else from its valid C2PA manifest's `c2pa.created` action. */
  digitalSourceType?: null | string
  /** Why the file's metadata could not be read as written (ExifTool's message). */
  metadataError?: null | string
  /** `file`: read from the imported file itself. */
  source?: 'file' | null
}

const readOnly = { update: () => false, create: () => false }

/**
 * The `provenance` group of the assets collection ({@link StoredProvenance}): written by the
 * pipeline only (with `overrideAccess`), read like the asset.
 */
export const getProvenanceField = (): Field => ({
  name: 'provenance',
  type: 'group',
  access: readOnly,
  admin: {
    description: "What the stored file's own metadata and C2PA manifest say, read when it was imported",
    condition: (data) => Boolean(data?.provenance?.source),
    readOnly: true,
  },
  fields: [
    { name: 'source', type: 'select', admin: { hidden: true }, options: ['file'] },
    {
      type: 'row',
      fields: [
        { name: 'digitalSourceType', type: 'text' },
        { name: 'aiSystemUsed', type: 'text' },
        { name: 'aiSystemVersionUsed', type: 'text' },
        { name: 'createdAt', type: 'text' },
      ],
    },
    {
      type: 'row',
      fields: [
        { name: 'c2pa', type: 'select', options: ['signed', 'provider', 'none'] },
        { name: 'c2paStatus', type: 'select', options: ['valid', 'invalid', 'unverified'] },
      ],
    },
    { name: 'metadataError', type: 'text', admin: { condition: (_, sibling) => Boolean(sibling?.metadataError) } },
    { name: 'c2paError', type: 'text', admin: { condition: (_, sibling) => Boolean(sibling?.c2paError) } },
  ],
})
