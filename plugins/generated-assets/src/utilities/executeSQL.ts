// Moved to adapters/postgres/executeSQL.ts (Postgres only); re-exported while callers move.
export { ADVISORY_LOCK_NAMESPACE, executeSQL, getAdvisoryLockKey, getRequestDB, toSQLLiteral } from '../adapters/postgres/executeSQL.js'
