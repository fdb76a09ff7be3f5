import type { GeneratedAssetsModel } from '../types.js'

/**
 * Whether a model takes source images (Reuse's attachment, `sources` of `POST /generate`): the
 * entry's `acceptsSourceImages` when set, else the AI SDK image model's `supportsFileInputs`
 * (only a plain `true` counts: a promised answer cannot be awaited while the config is built);
 * video models only when their entry says so.
 */
export const acceptsSourceImages = (entry: GeneratedAssetsModel): boolean =>
  entry.acceptsSourceImages ??
  ((entry.kind ?? 'image') === 'image' &&
    (entry.model as { supportsFileInputs?: unknown }).supportsFileInputs === true)
