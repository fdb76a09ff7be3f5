/**
 * Sets `value` at `path` in `doc`, creating the groups on the way: `['sizes', 'thumbnail', 'url']`
 * sets `doc.sizes.thumbnail.url`. Mutates and answers `doc`.
 */
export const setAtPath = (doc: Record<string, unknown>, path: string[], value: unknown): Record<string, unknown> => {
  let parent = doc
  for (const name of path.slice(0, -1)) {
    parent = (parent[name] ??= {}) as Record<string, unknown>
  }
  parent[path[path.length - 1]!] = value
  return doc
}
