import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   ALTER TABLE "generated_assets" ADD COLUMN "prefix" varchar;
  ALTER TABLE "generated_asset_posters" ADD COLUMN "prefix" varchar;`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
   ALTER TABLE "generated_assets" DROP COLUMN "prefix";
  ALTER TABLE "generated_asset_posters" DROP COLUMN "prefix";`)
}
