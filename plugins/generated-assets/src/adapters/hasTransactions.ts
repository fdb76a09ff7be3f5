import type { Payload } from 'payload'

const answers = new WeakMap<Payload, Promise<boolean>>()

/**
 * Whether the database adapter runs Payload's operations in transactions: it does when its
 * `beginTransaction` answers an id (Postgres; SQLite only with the adapter's `transactionOptions`
 * set; MongoDB only on a replica set), not when it answers `null`
 * (https://payloadcms.com/docs/database/transactions). Asked once per Payload instance, by opening
 * a transaction and rolling it back.
 *
 * @returns `false` as well when the question itself fails, so callers take the path that needs no
 *   transaction.
 */
export const hasTransactions = ({ payload }: { payload: Payload }): Promise<boolean> => {
  let answer = answers.get(payload)
  if (!answer) {
    answer = (async () => {
      try {
        const id = await payload.db.beginTransaction()
        if (id === null || id === undefined) return false
        await payload.db.rollbackTransaction(id)
        return true
      } catch {
        return false
      }
    })()
    answers.set(payload, answer)
  }
  return answer
}
