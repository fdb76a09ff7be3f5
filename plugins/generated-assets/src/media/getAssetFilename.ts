/**
 * The stored file name of an asset: a readable slug of the prompt (at most 48 characters, ASCII
 * letters, digits and dashes) and the asset id, e.g. `a-lighthouse-at-dawn-ga42.png`
 * (`suffix` adds a part before the extension, e.g. `-poster`).
 *
 * The name is the same on every attempt for the same asset, so a retried or taken-over upload
 * overwrites the object an interrupted one may have left instead of orphaning it; and it never
 * ends in `-<digits>`, so Payload's duplicate renaming (`name-1`, `name-2`) cannot turn one
 * asset's name into another's.
 */
export const getAssetFilename = ({
  assetId,
  extension,
  prompt,
  suffix = '',
}: {
  assetId: number | string
  extension: string
  prompt: string
  suffix?: string
}): string => {
  const slug = prompt
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 48)
    .replace(/-+$/g, '')
  const id = String(assetId).replace(/[^\w]/g, '')
  return `${slug || 'asset'}-ga${id}${suffix}.${extension}`
}
