/**
 * Text made safe for HTML element content and quoted attribute values: `& < > " '` become
 * numeric character references (https://html.spec.whatwg.org/multipage/syntax.html#character-references).
 */
export const escapeHTML = (value: string): string =>
  value.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`)
