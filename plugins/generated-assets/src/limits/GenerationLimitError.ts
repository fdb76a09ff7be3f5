import { APIError } from 'payload'

/**
 * A generation refused by a per-user limit (`rateLimit` or `maxActiveGenerations`): **429** with
 * `Retry-After: {retryAfter}` and a message saying when to try again. Nothing was created.
 */
export class GenerationLimitError extends APIError {
  /** Seconds to wait before asking again (the `Retry-After` header), at least 1. */
  readonly retryAfter: number

  constructor({ message, retryAfter }: { message: string; retryAfter: number }) {
    super(message, 429, { retryAfter }, true)
    this.name = 'GenerationLimitError'
    this.retryAfter = Math.max(1, Math.ceil(retryAfter))
  }

  /** Whether `error` is a {@link GenerationLimitError}, also across copies of this module. */
  static isInstance(error: unknown): error is GenerationLimitError {
    return (
      error instanceof GenerationLimitError ||
      (error instanceof Error && error.name === 'GenerationLimitError' && typeof (error as GenerationLimitError).retryAfter === 'number')
    )
  }
}
