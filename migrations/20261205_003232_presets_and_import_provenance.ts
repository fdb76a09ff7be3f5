import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   CREATE TYPE "public"."enum_generated_assets_provenance_source" AS ENUM('file');
  CREATE TYPE "public"."enum_generated_assets_provenance_c2pa" AS ENUM('signed', 'provider', 'none');
  CREATE TYPE "public"."enum_generated_assets_provenance_c2pa_status" AS ENUM('valid', 'invalid', 'unverified');
  CREATE TYPE "public"."enum_generated_asset_presets_visibility" AS ENUM('private', 'shared');
  CREATE TABLE "generated_asset_presets" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"name" varchar NOT NULL,
  	"model" varchar NOT NULL,
  	"params" jsonb,
  	"prompt_prefix" varchar,
  	"prompt_suffix" varchar,
  	"negative_prompt" varchar,
  	"visibility" "enum_generated_asset_presets_visibility" DEFAULT 'private' NOT NULL,
  	"owner_id" integer,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  ALTER TABLE "generated_assets" ADD COLUMN "provenance_source" "enum_generated_assets_provenance_source";
  ALTER TABLE "generated_assets" ADD COLUMN "provenance_digital_source_type" varchar;
  ALTER TABLE "generated_assets" ADD COLUMN "provenance_ai_system_used" varchar;
  ALTER TABLE "generated_assets" ADD COLUMN "provenance_ai_system_version_used" varchar;
  ALTER TABLE "generated_assets" ADD COLUMN "provenance_created_at" varchar;
  ALTER TABLE "generated_assets" ADD COLUMN "provenance_c2pa" "enum_generated_assets_provenance_c2pa";
  ALTER TABLE "generated_assets" ADD COLUMN "provenance_c2pa_status" "enum_generated_assets_provenance_c2pa_status";
  ALTER TABLE "generated_assets" ADD COLUMN "provenance_metadata_error" varchar;
  ALTER TABLE "generated_assets" ADD COLUMN "provenance_c2pa_error" varchar;
  ALTER TABLE "payload_locked_documents_rels" ADD COLUMN "generated_asset_presets_id" integer;
  ALTER TABLE "generated_asset_presets" ADD CONSTRAINT "generated_asset_presets_owner_id_users_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  CREATE INDEX "generated_asset_presets_model_idx" ON "generated_asset_presets" USING btree ("model");
  CREATE INDEX "generated_asset_presets_visibility_idx" ON "generated_asset_presets" USING btree ("visibility");
  CREATE INDEX "generated_asset_presets_owner_idx" ON "generated_asset_presets" USING btree ("owner_id");
  CREATE INDEX "generated_asset_presets_updated_at_idx" ON "generated_asset_presets" USING btree ("updated_at");
  CREATE INDEX "generated_asset_presets_created_at_idx" ON "generated_asset_presets" USING btree ("created_at");
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_generated_asset_presets_fk" FOREIGN KEY ("generated_asset_presets_id") REFERENCES "public"."generated_asset_presets"("id") ON DELETE cascade ON UPDATE no action;
  CREATE INDEX "payload_locked_documents_rels_generated_asset_presets_id_idx" ON "payload_locked_documents_rels" USING btree ("generated_asset_presets_id");`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
   ALTER TABLE "generated_asset_presets" DISABLE ROW LEVEL SECURITY;
  DROP TABLE "generated_asset_presets" CASCADE;
  ALTER TABLE "payload_locked_documents_rels" DROP CONSTRAINT "payload_locked_documents_rels_generated_asset_presets_fk";
  
  DROP INDEX "payload_locked_documents_rels_generated_asset_presets_id_idx";
  ALTER TABLE "generated_assets" DROP COLUMN "provenance_source";
  ALTER TABLE "generated_assets" DROP COLUMN "provenance_digital_source_type";
  ALTER TABLE "generated_assets" DROP COLUMN "provenance_ai_system_used";
  ALTER TABLE "generated_assets" DROP COLUMN "provenance_ai_system_version_used";
  ALTER TABLE "generated_assets" DROP COLUMN "provenance_created_at";
  ALTER TABLE "generated_assets" DROP COLUMN "provenance_c2pa";
  ALTER TABLE "generated_assets" DROP COLUMN "provenance_c2pa_status";
  ALTER TABLE "generated_assets" DROP COLUMN "provenance_metadata_error";
  ALTER TABLE "generated_assets" DROP COLUMN "provenance_c2pa_error";
  ALTER TABLE "payload_locked_documents_rels" DROP COLUMN "generated_asset_presets_id";
  DROP TYPE "public"."enum_generated_assets_provenance_source";
  DROP TYPE "public"."enum_generated_assets_provenance_c2pa";
  DROP TYPE "public"."enum_generated_assets_provenance_c2pa_status";
  DROP TYPE "public"."enum_generated_asset_presets_visibility";`)
}
