import { diffWords } from 'diff'

import type { GalleryAsset } from '../types.js'

/** One run of words in a prompt diff: common to both prompts, only in the other one, or only in the reference. */
export type WordChange = { type: 'added' | 'removed' | 'same'; value: string }

/**
 * The word diff of `other` against `reference` (jsdiff's `diffWords`, https://github.com/kpdecker/jsdiff:
 * words and punctuation are tokens, whitespace is ignored in the comparison), as runs of `same`,
 * `removed` (in the reference only) and `added` (in `other` only). Empty for two empty texts.
 */
export const diffPromptWords = ({ other, reference }: { other: null | string | undefined; reference: null | string | undefined }): WordChange[] =>
  diffWords(reference ?? '', other ?? '').map((change) => ({
    type: change.added ? 'added' : change.removed ? 'removed' : 'same',
    value: change.value,
  }))

/** A row of the compare view's table: one value per asset (`null` when it has none). */
export type CompareRow = {
  /** `model`, `seed`, `size`, or `params.<key>` for each key of the assets' params. */
  id: string
  values: (null | string)[]
  /** Per asset: its value differs from the first asset's (the reference; always `false` for it). */
  differs: boolean[]
}

const formatValue = (value: unknown): null | string =>
  value === undefined || value === null ? null : typeof value === 'object' ? JSON.stringify(value) : String(value)

const row = (id: string, values: (null | string)[]): CompareRow => ({
  differs: values.map((value) => value !== values[0]),
  id,
  values,
})

/**
 * The compare view's rows besides the prompts: model (its label), seed (the one used), size
 * (the output's `width × height` in pixels), then the params key by key in the order of their
 * names (the union of every asset's keys; `seed` is left out, the seed row shows the seed each
 * asset was made with). Each row marks the assets whose value differs from the first asset's.
 */
export const compareDetails = ({ assets, modelLabel }: { assets: GalleryAsset[]; modelLabel: (asset: GalleryAsset) => string }): CompareRow[] => {
  const params = assets.map((asset) => (asset.params ?? {}) as Record<string, unknown>)
  const keys = [...new Set(params.flatMap((entry) => Object.keys(entry)))].filter((key) => key !== 'seed').sort()
  return [
    row('model', assets.map(modelLabel)),
    row('seed', assets.map((asset) => formatValue(asset.seed))),
    row('size', assets.map((asset) => (asset.width && asset.height ? `${asset.width} × ${asset.height}` : null))),
    ...keys.map((key) => row(`params.${key}`, params.map((entry) => formatValue(entry[key])))),
  ]
}

/**
 * Whether the slider applies: exactly two ready images of the same width and height (in
 * pixels), so one lies exactly over the other.
 */
export const canSlide = (assets: GalleryAsset[]): boolean => {
  if (assets.length !== 2) return false
  const [a, b] = assets as [GalleryAsset, GalleryAsset]
  return (
    a.kind === 'image' &&
    b.kind === 'image' &&
    Boolean(a.imageUrl && b.imageUrl && a.width && a.height) &&
    a.width === b.width &&
    a.height === b.height
  )
}

/**
 * The assets in the order after ← (`-1`) or → (`1`): with two, they swap sides; with more, every
 * asset moves one place left or right, the last coming round to the first place (and back).
 */
export const rotateAssets = <T>(assets: T[], direction: -1 | 1): T[] => {
  if (assets.length < 2) return assets
  return direction === 1 ? [assets[assets.length - 1]!, ...assets.slice(0, -1)] : [...assets.slice(1), assets[0]!]
}
