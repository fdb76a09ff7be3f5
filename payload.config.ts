import { postgresAdapter } from '@payloadcms/db-postgres'
import { sqliteAdapter } from '@payloadcms/db-sqlite'
import { s3Storage } from '@payloadcms/storage-s3'
import { de } from '@payloadcms/translations/languages/de'
import { en } from '@payloadcms/translations/languages/en'
import { es } from '@payloadcms/translations/languages/es'
import { fr } from '@payloadcms/translations/languages/fr'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { buildConfig } from 'payload'
import { type GeneratedAssetsPluginOptions, generatedAssetsPlugin } from 'payload-plugin-generated-assets'
import sharp from 'sharp'

import { Media } from './collections/Media'
import { Posts } from './collections/Posts'
import { isAdmin, Users } from './collections/Users'
import { SiteSettings } from './globals/SiteSettings'
import { getDemoModels } from './models'
import { isSQLiteURL, resolveEnv } from './scripts/resolveEnv'

const dirname = path.dirname(fileURLToPath(import.meta.url))

const env = resolveEnv()
/**
 * The bucket, for storage-s3 and for the plugin: `audit:storage` lists it, the worker uploads
 * videos to it in parts, and public share links answer with a 302 to a URL of it signed afresh on
 * every request, valid for 5 minutes (the link itself never expires). Payload's own
 * access-checked file route streams through the app.
 */
const storage = {
  bucket: env.S3_BUCKET,
  config: {
    credentials: { accessKeyId: env.S3_ACCESS_KEY_ID, secretAccessKey: env.S3_SECRET_ACCESS_KEY },
    endpoint: env.S3_ENDPOINT,
    forcePathStyle: true,
    region: env.S3_REGION,
    // s3rver stores aws-chunked framing inside objects unless checksums are only sent when required.
    requestChecksumCalculation: 'WHEN_REQUIRED' as const,
    responseChecksumValidation: 'WHEN_REQUIRED' as const,
  },
}
/**
 * Bench only (bench/galleryBench.ts): `GENERATED_ASSETS_STOCK_LIST_VIEW=1` turns the plugin's admin
 * off, so the collection shows stock Payload's own list view of the same assets (the baseline).
 */
const isStockListView = process.env.GENERATED_ASSETS_STOCK_LIST_VIEW === '1'

/**
 * The database: SQLite when DATABASE_URL is a `file:` URL (e.g. `file:./.data/demo.db`), else
 * Postgres. Each has its own migrations (`migrations/`, `migrations-sqlite/`); neither pushes its
 * schema (`push: false`), so what runs is what the migrations made.
 *
 * SQLite: the web process and the separate worker processes share one file. `wal: true` puts it
 * in write-ahead-log mode, where readers do not block the writer and the writer does not block
 * readers (https://www.sqlite.org/wal.html); `busyTimeout` makes a writer that finds the file
 * locked by another process wait up to 5 s for it instead of failing at once with SQLITE_BUSY
 * (https://www.sqlite.org/c3ref/busy_timeout.html). `autoIncrement`: ids are never used twice,
 * as with Postgres's sequences; without AUTOINCREMENT SQLite gives a new row the largest id plus
 * one, so deleting the newest asset hands its id to the next (https://www.sqlite.org/autoinc.html),
 * and the plugin names stored files and jobs by asset id. No `transactionOptions`: without it
 * db-sqlite runs every operation outside a transaction (its default), so other processes see a
 * write at once, before the afterChange hooks of that operation (storage-s3's upload) have run.
 */
export const createDatabaseAdapter = () =>
  isSQLiteURL(env.DATABASE_URL)
    ? sqliteAdapter({
        autoIncrement: true,
        busyTimeout: 5000,
        client: { url: env.DATABASE_URL },
        migrationDir: path.resolve(dirname, 'migrations-sqlite'),
        push: false,
        wal: true,
      })
    : postgresAdapter({
        migrationDir: path.resolve(dirname, 'migrations'),
        pool: { connectionString: env.DATABASE_URL },
        push: false,
      })

/**
 * The demo app's config. `pluginOptions` lets tests and examples register other models; the
 * database schema does not depend on them.
 */
export const createAppConfig = ({ pluginOptions }: { pluginOptions?: GeneratedAssetsPluginOptions } = {}) =>
  buildConfig({
  admin: {
    avatar: 'default',
    importMap: {
      baseDir: dirname,
      importMapFile: path.resolve(dirname, 'src/app/(payload)/admin/importMap.js'),
    },
    user: Users.slug,
  },
  collections: [Users, Media, Posts],
  db: createDatabaseAdapter(),
  globals: [SiteSettings],
  // The admin in the four languages the plugin ships; each user picks one under Account
  // (Payload keeps it in the `payload-lng` cookie), else the browser's Accept-Language decides.
  i18n: { fallbackLanguage: 'en', supportedLanguages: { de, en, es, fr } },
  plugins: [
    generatedAssetsPlugin({
      // The pipeline's internal fields (leases, attempts, the provider's raw answers) for admins only.
      access: { readInternalFields: isAdmin },
      models: getDemoModels(),
      promptTemplates: { 'posts.hero': 'A hero image for a post titled "{{title}}"' },
      storage,
      targets: ['media'],
      ...(isStockListView ? { disabled: true } : {}),
      ...pluginOptions,
    }),
    s3Storage({
      ...storage,
      collections: { 'generated-asset-posters': true, 'generated-assets': true, media: { prefix: 'media' } },
    }),
  ],
  secret: env.PAYLOAD_SECRET,
  serverURL: env.SERVER_URL,
  sharp,
  typescript: { outputFile: path.resolve(dirname, 'payload-types.ts') },
  upload: { limits: { fileSize: 1024 * 1024 * 1024 }, useTempFiles: true },
})

export default createAppConfig()
