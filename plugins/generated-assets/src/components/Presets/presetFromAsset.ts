import type { GalleryAsset } from '../types.js'

/**
 * The settings a preset saved from `asset` recalls: its model, its params with the seed it was
 * made with (`seed`, which for a variation differs from the request's), its prompt (as the
 * preset's prefix, so applying the preset to an empty prompt gives the asset's prompt) and its
 * negative prompt.
 */
export const presetFromAsset = (
  asset: Pick<GalleryAsset, 'model' | 'negativePrompt' | 'params' | 'prompt' | 'seed'>,
): { model: string; negativePrompt: string; params: Record<string, unknown>; promptPrefix: string } => ({
  model: asset.model ?? '',
  negativePrompt: asset.negativePrompt ?? '',
  params: {
    ...((asset.params as Record<string, unknown> | null) ?? {}),
    ...(asset.seed === null || asset.seed === undefined ? {} : { seed: asset.seed }),
  },
  promptPrefix: asset.prompt ?? '',
})

/**
 * The message of a refused save: the field messages of Payload's `ValidationError`
 * (`errors[0].data.errors[].message`), else its message, else `fallback`.
 */
export const readSaveError = async ({ fallback, response }: { fallback: string; response: Response }): Promise<string> => {
  try {
    const body = (await response.json()) as { errors?: { data?: { errors?: { message?: string }[] }; message?: string }[] }
    const fields = (body.errors?.[0]?.data?.errors ?? []).map((error) => error.message).filter(Boolean)
    return fields.length ? fields.join(' ') : (body.errors?.[0]?.message ?? fallback)
  } catch {
    return fallback
  }
}
