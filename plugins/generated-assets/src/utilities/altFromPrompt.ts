/** Longest alt text made from a prompt, in characters (screen readers read alt text in full). */
const MAX_ALT_LENGTH = 150

/**
 * Alt text made from a prompt when no captioning model describes the image: its first sentence
 * (or clause, cut at a word once past 150 characters), capitalised and ending in a full stop, e.g.
 * `'a red fox in snow, cinematic lighting'` → `'A red fox in snow, cinematic lighting.'`. Prompt
 * syntax that is no description (`--ar 16:9`, `(word:1.2)` weights, brackets) is dropped. Never
 * empty: an empty prompt gives `'Generated image.'`.
 */
export const altFromPrompt = (prompt: string): string => {
  let text = prompt
    .replace(/\s--\w+(\s+[^\s-][^\s]*)?/g, ' ')
    .replace(/\(([^():]+):[\d.]+\)/g, '$1')
    .replace(/[[\]{}()<>]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
  const firstSentence = /^(.+?[.!?])(\s|$)/.exec(text)
  if (firstSentence) text = firstSentence[1]!
  if ([...text].length > MAX_ALT_LENGTH) {
    const cut = [...text].slice(0, MAX_ALT_LENGTH).join('')
    const lastBreak = Math.max(cut.lastIndexOf(' '), cut.lastIndexOf(','))
    text = (lastBreak > MAX_ALT_LENGTH / 2 ? cut.slice(0, lastBreak) : cut).replace(/[\s,;:]+$/, '')
  }
  text = text.replace(/[\s,;:]+$/, '')
  if (!text) return 'Generated image.'
  text = text.charAt(0).toLocaleUpperCase() + text.slice(1)
  return /[.!?…]$/.test(text) ? text : `${text}.`
}
