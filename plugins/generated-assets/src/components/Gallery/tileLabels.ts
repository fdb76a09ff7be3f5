import type { GalleryAsset } from '../types.js'
import type { GalleryTranslation } from '../useGalleryTranslation.js'

import { STATUS_KEYS } from '../../translations/statusKeys.js'

const DAY_MS = 24 * 60 * 60 * 1000

/** The live status of a tile: "Failed", or "Generating…" while it is being made. */
export const statusLabel = ({ status, t }: { status: GalleryAsset['status']; t: GalleryTranslation['t'] }) =>
  !status ? '…' : status === 'failed' ? t(STATUS_KEYS.failed) : `${t(STATUS_KEYS[status])}…`

/** "Deleted 2 days ago · 28 days left" for a trashed asset, in the admin's language. */
export const trashNote = ({
  deletedAt,
  retentionDays,
  translation: { daysAgo, plural, t },
}: {
  deletedAt: string
  retentionDays: number
  translation: GalleryTranslation
}) => {
  const age = Math.max(0, Math.floor((Date.now() - Date.parse(deletedAt)) / DAY_MS))
  const left = Math.max(0, retentionDays - age)
  const deleted = t('generatedAssets:deletedWhen', { when: daysAgo(age) })
  // "{{when}} gelöscht" starts with the relative day: "Heute gelöscht", not "heute gelöscht".
  return `${deleted.charAt(0).toLocaleUpperCase()}${deleted.slice(1)} · ${plural('generatedAssets:daysLeft', { count: left })}`
}
