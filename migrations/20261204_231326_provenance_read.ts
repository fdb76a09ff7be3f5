import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   CREATE TYPE "public"."enum_generated_assets_provenance_source" AS ENUM('file');
  CREATE TYPE "public"."enum_generated_assets_provenance_c2pa" AS ENUM('signed', 'provider', 'none');
  CREATE TYPE "public"."enum_generated_assets_provenance_c2pa_status" AS ENUM('valid', 'invalid', 'unverified');
  ALTER TABLE "generated_assets" ADD COLUMN "provenance_source" "enum_generated_assets_provenance_source";
  ALTER TABLE "generated_assets" ADD COLUMN "provenance_digital_source_type" varchar;
  ALTER TABLE "generated_assets" ADD COLUMN "provenance_ai_system_used" varchar;
  ALTER TABLE "generated_assets" ADD COLUMN "provenance_ai_system_version_used" varchar;
  ALTER TABLE "generated_assets" ADD COLUMN "provenance_created_at" varchar;
  ALTER TABLE "generated_assets" ADD COLUMN "provenance_c2pa" "enum_generated_assets_provenance_c2pa";
  ALTER TABLE "generated_assets" ADD COLUMN "provenance_c2pa_status" "enum_generated_assets_provenance_c2pa_status";
  ALTER TABLE "generated_assets" ADD COLUMN "provenance_metadata_error" varchar;
  ALTER TABLE "generated_assets" ADD COLUMN "provenance_c2pa_error" varchar;`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
   ALTER TABLE "generated_assets" DROP COLUMN "provenance_source";
  ALTER TABLE "generated_assets" DROP COLUMN "provenance_digital_source_type";
  ALTER TABLE "generated_assets" DROP COLUMN "provenance_ai_system_used";
  ALTER TABLE "generated_assets" DROP COLUMN "provenance_ai_system_version_used";
  ALTER TABLE "generated_assets" DROP COLUMN "provenance_created_at";
  ALTER TABLE "generated_assets" DROP COLUMN "provenance_c2pa";
  ALTER TABLE "generated_assets" DROP COLUMN "provenance_c2pa_status";
  ALTER TABLE "generated_assets" DROP COLUMN "provenance_metadata_error";
  ALTER TABLE "generated_assets" DROP COLUMN "provenance_c2pa_error";
  DROP TYPE "public"."enum_generated_assets_provenance_source";
  DROP TYPE "public"."enum_generated_assets_provenance_c2pa";
  DROP TYPE "public"."enum_generated_assets_provenance_c2pa_status";`)
}
