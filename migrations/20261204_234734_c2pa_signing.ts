import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   CREATE TYPE "public"."enum_generated_assets_c2pa" AS ENUM('signed', 'provider', 'none');
  ALTER TABLE "generated_assets" ADD COLUMN "c2pa" "enum_generated_assets_c2pa";
  ALTER TABLE "generated_assets" ADD COLUMN "c2pa_error" varchar;`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
   ALTER TABLE "generated_assets" DROP COLUMN "c2pa";
  ALTER TABLE "generated_assets" DROP COLUMN "c2pa_error";
  DROP TYPE "public"."enum_generated_assets_c2pa";`)
}
