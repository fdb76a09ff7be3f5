/** What a model produced, before it is stored: bytes in hand, or a (transient) URL to fetch. */
export type GenerationOutput =
  { data: Uint8Array; mediaType: string; type: 'bytes' } | { mediaType?: string; type: 'url'; url: string }

/** A model call's outcome: an output to ingest, or an asynchronous operation still running. */
export type ModelCallResult =
  | {
      /** Seconds the provider took, when known. */
      inferenceTime?: number
      output: GenerationOutput
      /** Every image of the call, in order (`output` is the first); only image models make several. */
      outputs?: GenerationOutput[]
      providerMetadata?: unknown
      status: 'completed'
      usage?: unknown
      warnings: unknown[]
    }
  | { operation: unknown; progress?: number; status: 'pending'; warnings: unknown[] }

/** The asynchronous operation as stored on the asset (`operation` field): the provider's and when it began. */
export type StoredOperation = {
  /** The provider's opaque, JSON-serialisable operation (AI SDK `doStart` result). */
  operation: unknown
  /** ISO time `doStart` was called: the origin of the asset's inference time. */
  startedAt: string
}

/** A provider-side failure reported without an HTTP error (e.g. a video task that ended in `error`). */
const providerTaskErrorMarker = Symbol.for('generated-assets.ProviderTaskError')

export class ProviderTaskError extends Error {
  private readonly [providerTaskErrorMarker] = true
  constructor(message: string) {
    super(message)
    this.name = 'ProviderTaskError'
  }
  /** Whether `error` is a ProviderTaskError, even from another copy of this package. */
  static isInstance(error: unknown): error is ProviderTaskError {
    return typeof error === 'object' && error !== null && providerTaskErrorMarker in error
  }
}

/** An asset's source image (`sources`) can no longer be read: deleted, not ready, or its file is gone. */
const sourceUnavailableErrorMarker = Symbol.for('generated-assets.SourceUnavailableError')

export class SourceUnavailableError extends Error {
  private readonly [sourceUnavailableErrorMarker] = true
  constructor(message: string) {
    super(message)
    this.name = 'SourceUnavailableError'
  }
  /** Whether `error` is a SourceUnavailableError, even from another copy of this package. */
  static isInstance(error: unknown): error is SourceUnavailableError {
    return typeof error === 'object' && error !== null && sourceUnavailableErrorMarker in error
  }
}

/** A source image handed to a model: the stored bytes and their IANA media type, e.g. `image/png`. */
export type SourceFile = { data: Uint8Array; mediaType: string }
