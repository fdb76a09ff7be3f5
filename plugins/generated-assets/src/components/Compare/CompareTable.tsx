'use client'
import React from 'react'

import type { GalleryAsset } from '../types.js'
import type { WordChange } from './compareAssets.js'

import { modelLabel } from '../types.js'
import { useGalleryTranslation } from '../useGalleryTranslation.js'
import { compareDetails, diffPromptWords } from './compareAssets.js'

/** Column letters, left to right. */
export const COMPARE_LETTERS = ['A', 'B', 'C', 'D'] as const

/** A prompt against the reference's: removed words struck through (`<del>`), added ones marked (`<ins>`). */
const WordDiff: React.FC<{ changes: WordChange[] }> = ({ changes }) => (
  <>
    {changes.map((change, index) =>
      change.type === 'added' ? (
        <ins key={index}>{change.value}</ins>
      ) : change.type === 'removed' ? (
        <del key={index}>{change.value}</del>
      ) : (
        <span key={index}>{change.value}</span>
      ),
    )}
  </>
)

/**
 * The compare view's table: a column per asset (A, the reference, then B, C, D), a row each for
 * the prompt and the negative prompt (each other asset's as a word diff against A's), model,
 * seed, size and every param key. A value that differs from A's is marked (`data-differs`).
 */
export const CompareTable: React.FC<{ assets: GalleryAsset[] }> = ({ assets }) => {
  const { t } = useGalleryTranslation()
  const [reference] = assets
  const none = <span className="ga-compare__none">{t('generatedAssets:compareEmpty')}</span>
  const textRow = (id: 'negative-prompt' | 'prompt', label: string, read: (asset: GalleryAsset) => null | string | undefined) => (
    <tr data-row={id} key={id}>
      <th scope="row">{label}</th>
      {assets.map((asset, index) => {
        const text = read(asset)
        const differs = index > 0 && (text ?? '') !== (read(reference!) ?? '')
        return (
          <td data-differs={differs || undefined} key={asset.id}>
            {index === 0 || !differs ? text || none : <WordDiff changes={diffPromptWords({ other: text, reference: read(reference!) })} />}
          </td>
        )
      })}
    </tr>
  )
  const labels: Record<string, string> = {
    model: t('generatedAssets:detailModel'),
    seed: t('generatedAssets:detailSeed'),
    size: t('generatedAssets:detailSize'),
  }
  const rows = compareDetails({ assets, modelLabel: (asset) => modelLabel({ asset, unknown: t('generatedAssets:unknownModel') }) })
  return (
    <table className="ga-compare__table">
      <thead>
        <tr>
          <th scope="col">{t('generatedAssets:compareDetail')}</th>
          {assets.map((asset, index) => (
            <th data-asset-id={asset.id} key={asset.id} scope="col">
              {index === 0
                ? t('generatedAssets:compareReference', { letter: COMPARE_LETTERS[index]! })
                : t('generatedAssets:compareColumn', { letter: COMPARE_LETTERS[index]! })}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {textRow('prompt', t('generatedAssets:detailPrompt'), (asset) => asset.prompt)}
        {textRow('negative-prompt', t('generatedAssets:detailNegativePrompt'), (asset) => asset.negativePrompt)}
        {rows.map((row) => (
          <tr data-row={row.id} key={row.id}>
            <th scope="row">
              {labels[row.id] ?? `${t('generatedAssets:detailParams')}: ${row.id.slice('params.'.length)}`}
            </th>
            {row.values.map((value, index) => (
              <td data-differs={row.differs[index] || undefined} key={assets[index]!.id}>
                {value ?? none}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  )
}
