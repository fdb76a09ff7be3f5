/** The prompt parts of a generation preset. */
export type PresetPromptParts = { promptPrefix?: null | string; promptSuffix?: null | string }

const clean = (text: null | string | undefined): string => (text ?? '').trim()

/**
 * The prompt the form shows once a preset is applied: the preset's `promptPrefix`, the typed
 * prompt and its `promptSuffix`, joined by single spaces (empty parts left out; a suffix that
 * starts with punctuation, `, soft light`, attaches without one). Applying presets one after
 * another does not pile them up: the prefix and suffix of the `previous` preset are taken off
 * first where the prompt still starts or ends with them, and a prefix or suffix the prompt
 * already has is not added twice.
 *
 * @example composePresetPrompt({ preset: { promptPrefix: 'A watercolour of', promptSuffix: ', soft light' }, prompt: 'a fox' })
 *   // 'A watercolour of a fox, soft light'
 */
export const composePresetPrompt = ({
  preset,
  previous,
  prompt,
}: {
  preset: PresetPromptParts
  /** The preset applied before this one, if any. */
  previous?: null | PresetPromptParts
  /** What the prompt field holds now. */
  prompt: string
}): string => {
  let typed = prompt.trim()
  const previousPrefix = clean(previous?.promptPrefix)
  const previousSuffix = clean(previous?.promptSuffix)
  if (previousPrefix && typed.startsWith(previousPrefix)) typed = typed.slice(previousPrefix.length).trim()
  if (previousSuffix && typed.endsWith(previousSuffix)) typed = typed.slice(0, -previousSuffix.length).trim()
  const prefix = clean(preset.promptPrefix)
  const suffix = clean(preset.promptSuffix)
  let result = typed
  if (prefix && !result.startsWith(prefix)) result = result ? `${prefix} ${result}` : prefix
  if (suffix && !result.endsWith(suffix)) result = result ? `${result}${/^[,.;:!?]/.test(suffix) ? '' : ' '}${suffix}` : suffix
  return result
}
