import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

/**
 * The admin gallery's indexes: (created_by_id, created_at) for each editor's newest-first keyset
 * pages (from the collection's `indexes`), and a trigram GIN index on `prompt` so the gallery's
 * prompt search (`ILIKE '%word%'` per word, Payload's `like`) is answered from the index instead
 * of a scan of every prompt. The trigram index is raw SQL, outside the schema snapshot: Payload's
 * schema cannot express an operator class, and the next `migrate:create` leaves it alone.
 */
export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   CREATE INDEX "createdBy_createdAt_idx" ON "generated_assets" USING btree ("created_by_id","created_at");
   CREATE EXTENSION IF NOT EXISTS pg_trgm;
   CREATE INDEX "generated_assets_prompt_trgm_idx" ON "generated_assets" USING gin ("prompt" gin_trgm_ops);`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
   DROP INDEX "generated_assets_prompt_trgm_idx";
   DROP INDEX "createdBy_createdAt_idx";`)
}
