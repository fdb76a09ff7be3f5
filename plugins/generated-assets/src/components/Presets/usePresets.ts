'use client'
import { useCallback, useEffect, useState } from 'react'

import type { GenerationPreset } from '../../presets/types.js'
import type { GeneratedAssetsT } from '../../translations/types.js'

import { readError } from '../Gallery/galleryApi.js'

/** Most presets the picker lists (Payload's REST `limit`), by name. */
const PRESET_LIMIT = 200

/**
 * The presets the logged-in user may read (their own and the shared ones: the collection's
 * access decides), from Payload's REST API (`GET {presetsURL}?depth=0&sort=name`), read when the
 * picker mounts and again on `reload` or a new `version`. `error` is the message to show when the read failed.
 */
export const usePresets = ({
  presetsURL,
  t,
  version,
}: {
  /** `{serverURL}{api}/{presetsCollection}`, or `undefined` for no presets (nothing is read). */
  presetsURL: string | undefined
  t: GeneratedAssetsT
  /** A new number reads them again. */
  version?: number
}): { error: null | string; isLoading: boolean; presets: GenerationPreset[]; reload: () => void } => {
  const [presets, setPresets] = useState<GenerationPreset[]>([])
  const [error, setError] = useState<null | string>(null)
  const [isLoading, setIsLoading] = useState(false)
  const [reloads, setReloads] = useState(0)
  useEffect(() => {
    if (!presetsURL) return
    const controller = new AbortController()
    setIsLoading(true)
    const search = new URLSearchParams({ depth: '0', limit: String(PRESET_LIMIT), sort: 'name' })
    fetch(`${presetsURL}?${search}`, { credentials: 'include', signal: controller.signal })
      .then(async (response) => {
        if (!response.ok) throw new Error(await readError({ response, t }))
        const body = (await response.json()) as { docs: GenerationPreset[] }
        setPresets(body.docs)
        setError(null)
      })
      .catch((caught: unknown) => {
        if (!controller.signal.aborted) setError((caught as Error).message)
      })
      .finally(() => {
        if (!controller.signal.aborted) setIsLoading(false)
      })
    return () => controller.abort()
  }, [presetsURL, reloads, t, version])
  const reload = useCallback(() => setReloads((current) => current + 1), [])
  return { error, isLoading, presets, reload }
}
