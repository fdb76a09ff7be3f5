import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   ALTER TABLE "generated_assets" ADD COLUMN "alt" varchar;
  ALTER TABLE "generated_assets" ADD COLUMN "batch" varchar;
  ALTER TABLE "generated_assets" ADD COLUMN "batch_index" numeric;
  ALTER TABLE "generated_assets" ADD COLUMN "batch_size" numeric;
  CREATE INDEX "generated_assets_batch_idx" ON "generated_assets" USING btree ("batch");`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
   DROP INDEX "generated_assets_batch_idx";
  ALTER TABLE "generated_assets" DROP COLUMN "alt";
  ALTER TABLE "generated_assets" DROP COLUMN "batch";
  ALTER TABLE "generated_assets" DROP COLUMN "batch_index";
  ALTER TABLE "generated_assets" DROP COLUMN "batch_size";`)
}
