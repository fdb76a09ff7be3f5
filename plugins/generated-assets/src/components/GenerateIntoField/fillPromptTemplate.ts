/**
 * A prompt template with the document's own values filled in: `{{name}}` becomes the text of
 * the top-level field `name` of `data` (numbers and booleans as written, anything else, or a
 * missing value, as nothing), e.g. `'A hero image for "{{title}}"'` with `{ title: 'Spring' }` →
 * `'A hero image for "Spring"'`.
 */
export const fillPromptTemplate = ({ data, template }: { data: Record<string, unknown>; template: string }): string =>
  template
    .replace(/\{\{\s*([A-Za-z_$][\w$]*)\s*\}\}/g, (_, name: string) => {
      const value = data[name]
      return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? String(value) : ''
    })
    .trim()
