const marker = 'payload-plugin-generated-assets.error.UnsupportedMediaError'
const symbol = Symbol.for(marker)

/**
 * Why a file was refused as media:
 *
 * - `empty`: zero bytes.
 * - `unrecognized`: the bytes are no known binary format (text, HTML or JSON error pages, SVG).
 * - `not_media`: a known format that is neither an image nor a video (PDF, ZIP, audio…).
 * - `kind_mismatch`: an image where a video was expected, or the reverse.
 * - `type_mismatch`: the declared content type names the other kind than the bytes hold.
 * - `too_large`: more bytes than allowed (for outputs that arrive as bytes, not through `safeFetch`).
 */
export type UnsupportedMediaErrorCode =
  'empty' | 'kind_mismatch' | 'not_media' | 'too_large' | 'type_mismatch' | 'unrecognized'

/**
 * A file that is not an image or video we accept. Recognise it with
 * `UnsupportedMediaError.isInstance(error)`.
 */
export class UnsupportedMediaError extends Error {
  private readonly [symbol] = true
  readonly code: UnsupportedMediaErrorCode
  /** The content type the source declared (e.g. the `Content-Type` header), if one was given. */
  readonly declaredType: string | undefined
  /** The type found in the bytes, when one was found. */
  readonly detectedType: string | undefined

  constructor(
    message: string,
    {
      code,
      declaredType,
      detectedType,
    }: { code: UnsupportedMediaErrorCode; declaredType?: string; detectedType?: string },
  ) {
    super(message)
    this.name = 'UnsupportedMediaError'
    this.code = code
    this.declaredType = declaredType
    this.detectedType = detectedType
  }

  static isInstance(error: unknown): error is UnsupportedMediaError {
    return typeof error === 'object' && error !== null && (error as Record<symbol, unknown>)[symbol] === true
  }
}
