/**
 * The id a relationship field holds, whether it was read populated (`{ id, … }`) or not (the id
 * itself). `undefined` for an empty field or anything else.
 */
export const getRelationId = (value: unknown): number | string | undefined => {
  if (value && typeof value === 'object') return (value as { id?: number | string }).id
  return typeof value === 'number' || typeof value === 'string' ? value : undefined
}
