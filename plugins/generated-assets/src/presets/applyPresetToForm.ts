import type { GenerationPreset } from './types.js'

import { composePresetPrompt } from './composePresetPrompt.js'

/** The values of the generation form that a preset sets (see `GenerateForm`). */
export type PresetFormValues = {
  /** Video length in seconds. */
  duration: number
  /** Params the form has no field for (`aspectRatio`, `fps`, `providerOptions`…), sent as they are. */
  extraParams: Record<string, unknown>
  model: string
  negativePrompt: string
  prompt: string
  /** The seed field's text: digits, or empty for a random seed. */
  seed: string
  /** `{width}x{height}` in pixels. */
  size: string
}

/** Params the form has fields of its own for. */
export const FORM_PARAM_KEYS: ReadonlySet<string> = new Set(['duration', 'seed', 'size'])

/**
 * The form's values once `preset` is applied to `form`: its model; its `size`, `duration` and
 * `seed` where it has them (the form keeps its own otherwise); its other params in place of the
 * form's; the prompt with its prefix and suffix around what is typed ({@link composePresetPrompt},
 * `previous` being the preset applied before, whose parts are taken off); its negative prompt
 * where it has one (else the form's, unless that was the previous preset's). Nothing is sent.
 */
export const applyPresetToForm = ({
  form,
  preset,
  previous,
}: {
  form: PresetFormValues
  preset: GenerationPreset
  previous?: GenerationPreset | null
}): PresetFormValues => {
  const params = preset.params ?? {}
  const negativePrompt = preset.negativePrompt?.trim()
    ? preset.negativePrompt.trim()
    : previous?.negativePrompt && form.negativePrompt.trim() === previous.negativePrompt.trim()
      ? ''
      : form.negativePrompt
  return {
    duration: typeof params.duration === 'number' ? params.duration : form.duration,
    extraParams: Object.fromEntries(
      Object.entries(params).filter(([key, value]) => !FORM_PARAM_KEYS.has(key) && value !== null && value !== undefined),
    ),
    model: preset.model,
    negativePrompt,
    prompt: composePresetPrompt({ preset, previous, prompt: form.prompt }),
    seed: typeof params.seed === 'number' ? String(params.seed) : form.seed,
    size: typeof params.size === 'string' ? params.size : form.size,
  }
}
