import { randomBytes } from 'node:crypto'

/** Bytes of randomness in a share token: 192 bits, above the 128 the design asks for. */
const SHARE_TOKEN_BYTES = 24

/**
 * A new share token: 24 random bytes from the OS CSPRNG, base64url (32 characters). It is
 * unrelated to the asset's id, so it cannot be derived or guessed from it.
 */
export const createShareToken = (): string => randomBytes(SHARE_TOKEN_BYTES).toString('base64url')
