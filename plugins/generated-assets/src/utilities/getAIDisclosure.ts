import type { StoredProvenance } from '../collections/getProvenanceField.js'

/**
 * IPTC Digital Source Type codes (the IPTC NewsCodes vocabulary `digitalsourcetype`,
 * https://cv.iptc.org/newscodes/digitalsourcetype/), the values IPTC Photo Metadata 2025.1 takes
 * in `Iptc4xmpExt:DigitalSourceType`.
 */
export const DIGITAL_SOURCE_TYPES = {
  /** Made by a trained model from a prompt. */
  trainedAlgorithmicMedia: 'http://cv.iptc.org/newscodes/digitalsourcetype/trainedAlgorithmicMedia',
  /** Made by a trained model from source images (an edit, image-to-video). */
  compositeWithTrainedAlgorithmicMedia:
    'http://cv.iptc.org/newscodes/digitalsourcetype/compositeWithTrainedAlgorithmicMedia',
} as const

/**
 * Set on `req.context` while ingest stores a file whose XMP carries the AI disclosure: the
 * collections' `upload.withMetadata` then keeps the original's metadata (XMP included) in the
 * image sizes Payload makes from it, which sharp drops otherwise.
 */
export const PROVENANCE_CONTEXT_KEY = 'generatedAssetsProvenance'

/**
 * Set on `req.context` (to the disclosure, a `Provenance`) while ingest stores an original it left
 * untouched for its C2PA manifest: the assets collection's `getProvenanceSizesHook` then writes
 * the disclosure into the image sizes Payload makes from it.
 */
export const PROVENANCE_SIZES_CONTEXT_KEY = 'generatedAssetsProvenanceSizes'

/**
 * The C2PA state of an asset's stored original: `signed` when the plugin signed it
 * (`provenance.c2pa`), `provider` when it carries only a manifest it came with (a provider's, or
 * an import's), `none` when it carries none.
 */
export type C2PAStatus = 'none' | 'provider' | 'signed'

/** How an asset was made, as the API states it (the machine-readable disclosure of EU AI Act Art. 50). */
export type AIDisclosure = {
  /**
   * The C2PA manifest the stored original carries ({@link C2PAStatus}): for a generated asset as
   * the pipeline recorded it (`c2pa`), for an import from its file (`provenance`); `null` when not
   * recorded (an asset stored before this was recorded, or not stored yet).
   */
  c2pa: C2PAStatus | null
  /**
   * The IPTC Digital Source Type code ({@link DIGITAL_SOURCE_TYPES}): a generated asset's; an
   * import's as its file states it (`null` when the file states none).
   */
  digitalSourceType: null | string
  /**
   * `true` for an asset the plugin generated; for an import (`/ingest`), only when its file says so
   * (an AI Digital Source Type in its XMP or valid C2PA manifest, see {@link isAIDigitalSourceType}).
   */
  isAIGenerated: boolean
  /** The model's registry key (e.g. `openai/gpt-image-1`); `null` for imports. */
  model: null | string
  /** The provider (e.g. `openai`); `null` for imports and when unknown. */
  provider: null | string
}

/** The stored fields an {@link AIDisclosure} is made of (a Payload document at any depth). */
export type AIDisclosureDocument = {
  c2pa?: C2PAStatus | null
  model?: null | string
  /** What the stored original says (the `provenance` group): an import's file metadata, the C2PA state. */
  provenance?: null | Pick<StoredProvenance, 'c2pa' | 'digitalSourceType'>
  modelName?: null | string
  parent?: unknown
  provider?: null | string
  sources?: unknown
  sourceUrl?: null | string
}

/**
 * The Digital Source Type of a generated asset: `compositeWithTrainedAlgorithmicMedia` when it was
 * made from source images (`sources` or `parent`), `trainedAlgorithmicMedia` otherwise.
 */
export const getDigitalSourceType = (doc: Pick<AIDisclosureDocument, 'parent' | 'sources'>): string =>
  (Array.isArray(doc.sources) && doc.sources.length > 0) || (doc.parent !== null && doc.parent !== undefined)
    ? DIGITAL_SOURCE_TYPES.compositeWithTrainedAlgorithmicMedia
    : DIGITAL_SOURCE_TYPES.trainedAlgorithmicMedia

/**
 * Whether an IPTC Digital Source Type code says a trained model made the media:
 * `trainedAlgorithmicMedia` or `compositeWithTrainedAlgorithmicMedia`, as the full NewsCodes URI
 * (over http or https, as some writers spell it) or the bare code. Other codes (`digitalCapture`,
 * `algorithmicMedia` made without a trained model, …) are not.
 */
export const isAIDigitalSourceType = (value: null | string | undefined): boolean => {
  const code = /^(?:https?:\/\/cv\.iptc\.org\/newscodes\/digitalsourcetype\/)?([A-Za-z]+)\/?$/.exec(value?.trim() ?? '')?.[1]
  return code === 'trainedAlgorithmicMedia' || code === 'compositeWithTrainedAlgorithmicMedia'
}

/**
 * The AI disclosure of an asset, from its stored fields. An import (`sourceUrl` set, provider
 * `import`) claims only what its file shows, as recorded when it was imported (`provenance`): AI
 * generated when the file's XMP or valid C2PA manifest gives an AI Digital Source Type, nothing
 * otherwise. Answers `null` when the document was read without the fields that tell an import
 * from a generation (`sourceUrl` and `provider` both absent, as with a narrow `select`), or a
 * generation read without `sources` and `parent` (a gallery page), rather than guess.
 */
export const getAIDisclosure = (doc: AIDisclosureDocument): AIDisclosure | null => {
  if (doc.sourceUrl === undefined && doc.provider === undefined) return null
  // Without `sources` and `parent` an edit cannot be told from a generation from a prompt alone.
  if (!doc.sourceUrl && doc.provider !== 'import' && doc.sources === undefined && doc.parent === undefined) return null
  if (doc.sourceUrl || doc.provider === 'import') {
    const digitalSourceType = doc.provenance?.digitalSourceType ?? null
    return { c2pa: doc.provenance?.c2pa ?? doc.c2pa ?? null, digitalSourceType, isAIGenerated: isAIDigitalSourceType(digitalSourceType), model: null, provider: null }
  }
  return {
    c2pa: doc.c2pa ?? doc.provenance?.c2pa ?? null,
    digitalSourceType: getDigitalSourceType(doc),
    isAIGenerated: true,
    model: doc.model || doc.modelName || null,
    provider: doc.provider || null,
  }
}

/**
 * The collections' `upload.withMetadata` (Payload's option, a function of the request): keeps the
 * original's metadata in the image sizes while ingest stores a file it marked, and only then, so
 * an editor's own upload keeps Payload's default (sizes without the original's EXIF).
 */
export const keepProvenanceInSizes = async ({ req }: { req: { context?: Record<string, unknown> } }): Promise<boolean> =>
  Boolean(req.context?.[PROVENANCE_CONTEXT_KEY])
