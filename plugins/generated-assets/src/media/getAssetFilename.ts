import { randomBytes } from 'node:crypto'

/**
 * The stored file name of an asset: a readable slug of the prompt (at most 48 characters, ASCII
 * letters, digits and dashes) and 8 random base64url characters, e.g.
 * `a-lighthouse-at-dawn-Xk3_9aQz.png`. The random part keeps names unique without asking the
 * database, and keeps them clear of Payload's `name-N` renaming of duplicates.
 */
export const getAssetFilename = ({ extension, prompt }: { extension: string; prompt: string }): string => {
  const slug = prompt
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 48)
    .replace(/-+$/g, '')
  return `${slug || 'asset'}-${randomBytes(6).toString('base64url')}.${extension}`
}
