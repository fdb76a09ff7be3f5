import type { CollectionAfterErrorHook } from 'payload'

/** Postgres SQLSTATE class 22, "data exception": a value of the wrong type, out of range, or not encodable. */
const isPostgresDataException = (error: unknown): boolean => {
  for (let current = error, depth = 0; current && depth < 5; depth++) {
    const code = (current as { code?: unknown }).code
    if (typeof code === 'string' && /^22[0-9A-Z]{3}$/.test(code)) return true
    current = (current as { cause?: unknown }).cause
  }
  return false
}

/**
 * A write the database refused for the data it was given: Postgres SQLSTATE class 23
 * ("integrity constraint violation": a unique value repeated, a reference to a row that does not
 * exist) or SQLite's `SQLITE_CONSTRAINT_*` result codes (https://www.sqlite.org/rescode.html).
 */
const isConstraintViolation = (error: unknown): boolean => {
  for (let current = error, depth = 0; current && depth < 5; depth++) {
    const code = (current as { code?: unknown }).code
    if (typeof code === 'string' && (/^23[0-9A-Z]{3}$/.test(code) || code.startsWith('SQLITE_CONSTRAINT'))) return true
    current = (current as { cause?: unknown }).cause
  }
  return false
}

/**
 * `@libsql/client` (SQLite) refusing a value of a type it cannot store, such as a list given
 * for a field that holds one id: Postgres answers the same request with a data exception.
 */
const isUnbindableSQLiteValue = (error: unknown): boolean => {
  for (let current = error, depth = 0; current && depth < 5; depth++) {
    if (/can only bind numbers, strings, bigints, buffers, and null/.test(String((current as Error).message))) return true
    current = (current as { cause?: unknown }).cause
  }
  return false
}

/** busboy's errors for a multipart body it cannot parse. */
const MALFORMED_MULTIPART =
  /^(Malformed (content type|part header|urlencoded form)|Unexpected end of (form|file)|Multipart: Boundary not found|Unsupported content type)/

/**
 * The message for an error that the request's own input caused, or `undefined` for any other
 * error (a real server fault, which stays a 500).
 */
const describeBadInput = (error: Error): string | undefined => {
  const message = error?.message ?? ''
  if (error?.name === 'SyntaxError' || message === 'Invalid JSON') {
    return 'The request body is not valid JSON.'
  }
  if (MALFORMED_MULTIPART.test(message)) {
    return `The multipart body is malformed: ${message}.`
  }
  if (message === 'Request is not eligible for file upload') {
    return 'The request is not a valid file upload (send multipart/form-data with a file, or JSON).'
  }
  if (error?.name === 'FileRetrievalError') {
    return 'The file could not be fetched from the given URL.'
  }
  if (error instanceof RangeError && /Maximum call stack size exceeded/.test(message)) {
    return 'The request is nested too deeply.'
  }
  if (isPostgresDataException(error) || isUnbindableSQLiteValue(error)) {
    return 'A value in the request has the wrong type or is out of range.'
  }
  if (isConstraintViolation(error)) {
    return 'A value in the request repeats one that must be unique, or names a document that does not exist.'
  }
  return undefined
}

/**
 * An `afterError` hook for the plugin's collections: errors that Payload's own routes raise while
 * reading a malformed request, before any hook could check it (a body that is not JSON, a broken
 * multipart body, nesting that overflows the stack) or that slip through to the database as a data
 * exception or a constraint it refuses, are answered 400 with a message instead of 500 "Something went wrong". Every other
 * error is left as it is.
 */
export const answerBadInput: CollectionAfterErrorHook = ({ error }) => {
  const message = describeBadInput(error)
  if (!message) return
  return { response: { errors: [{ message }] }, status: 400 }
}
