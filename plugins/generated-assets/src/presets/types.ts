/** Who sees a generation preset: its owner alone, or everyone who can generate. */
export type PresetVisibility = 'private' | 'shared'

/**
 * A generation preset as the presets collection's REST API answers it at depth 0 (`owner` is
 * the owning user's id). `model` is a key of the plugin's `models`, possibly one that is no
 * longer configured; `params` are generation params as `POST /generate` takes them.
 */
export type GenerationPreset = {
  id: number | string
  model: string
  name: string
  negativePrompt?: null | string
  owner?: null | number | string
  params?: null | Record<string, unknown>
  promptPrefix?: null | string
  promptSuffix?: null | string
  visibility: PresetVisibility
}
