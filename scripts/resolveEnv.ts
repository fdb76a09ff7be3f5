/** Ports of the embedded development services (`npm run dev`), chosen to avoid common defaults. */
export const DEV_POSTGRES_PORT = 54329
export const DEV_S3_PORT = 4568

/**
 * Whether a DATABASE_URL names a SQLite file (`file:./.data/demo.db`, `file:/tmp/test.db`): the
 * demo then uses `@payloadcms/db-sqlite` and `migrations-sqlite/`, else Postgres and `migrations/`.
 */
export const isSQLiteURL = (url: string): boolean => url.startsWith('file:')

/** The file a SQLite DATABASE_URL names: `file:./.data/demo.db` → `./.data/demo.db` (relative to the working directory). */
export const getSQLiteFilePath = (url: string): string => url.replace(/^file:(\/\/(?=\/))?/, '').replace(/\?.*$/, '')

/** Settings of the demo app, from the environment with development defaults. */
export type AppEnv = {
  /** A `postgres://` URL, or a `file:` URL for SQLite ({@link isSQLiteURL}). */
  DATABASE_URL: string
  PAYLOAD_SECRET: string
  S3_ACCESS_KEY_ID: string
  S3_BUCKET: string
  S3_ENDPOINT: string
  S3_REGION: string
  S3_SECRET_ACCESS_KEY: string
  /** Public origin of the app, e.g. `https://cms.example.com`; unset = taken from each request. */
  SERVER_URL: string | undefined
}

/**
 * Reads the demo app's settings. Every variable falls back to the embedded services that
 * `npm run dev` starts (Postgres on 127.0.0.1:54329, s3rver on 127.0.0.1:4568), so the app runs
 * with no configuration; set them to use your own database and bucket.
 *
 * @throws {Error} in production (`NODE_ENV=production`) when `PAYLOAD_SECRET` is not set.
 */
export const resolveEnv = (source: NodeJS.ProcessEnv = process.env): AppEnv => {
  const secret = source.PAYLOAD_SECRET
  if (!secret && source.NODE_ENV === 'production' && source.NEXT_PHASE !== 'phase-production-build') {
    throw new Error('PAYLOAD_SECRET is not set. Set it to a long random string before starting in production.')
  }
  return {
    DATABASE_URL: source.DATABASE_URL || `postgres://postgres:postgres@127.0.0.1:${DEV_POSTGRES_PORT}/payload`,
    PAYLOAD_SECRET: secret || 'dev-only-secret-do-not-use-in-production',
    S3_ACCESS_KEY_ID: source.S3_ACCESS_KEY_ID || 'S3RVER',
    S3_BUCKET: source.S3_BUCKET || 'generated-assets',
    S3_ENDPOINT: source.S3_ENDPOINT || `http://127.0.0.1:${DEV_S3_PORT}`,
    S3_REGION: source.S3_REGION || 'us-east-1',
    S3_SECRET_ACCESS_KEY: source.S3_SECRET_ACCESS_KEY || 'S3RVER',
    SERVER_URL: source.SERVER_URL || undefined,
  }
}
