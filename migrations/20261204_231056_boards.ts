import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   CREATE TYPE "public"."enum_generated_assets_verdict" AS ENUM('approved', 'rejected');
  CREATE TYPE "public"."enum_generated_asset_reviews_verdict" AS ENUM('approved', 'rejected');
  CREATE TABLE "generated_asset_boards" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"title" varchar NOT NULL,
  	"description" varchar,
  	"cover_id" integer,
  	"show_prompts" boolean DEFAULT false,
  	"created_by_id" integer,
  	"share_token" varchar,
  	"shared_at" timestamp(3) with time zone,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  CREATE TABLE "generated_asset_reviews" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"asset_id" integer NOT NULL,
  	"board_id" integer,
  	"verdict" "enum_generated_asset_reviews_verdict",
  	"comment" varchar,
  	"name" varchar,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  ALTER TABLE "generated_assets" ADD COLUMN "verdict" "enum_generated_assets_verdict";
  ALTER TABLE "generated_assets_rels" ADD COLUMN "generated_asset_boards_id" integer;
  ALTER TABLE "payload_locked_documents_rels" ADD COLUMN "generated_asset_boards_id" integer;
  ALTER TABLE "payload_locked_documents_rels" ADD COLUMN "generated_asset_reviews_id" integer;
  ALTER TABLE "generated_asset_boards" ADD CONSTRAINT "generated_asset_boards_cover_id_generated_assets_id_fk" FOREIGN KEY ("cover_id") REFERENCES "public"."generated_assets"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "generated_asset_boards" ADD CONSTRAINT "generated_asset_boards_created_by_id_users_id_fk" FOREIGN KEY ("created_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "generated_asset_reviews" ADD CONSTRAINT "generated_asset_reviews_asset_id_generated_assets_id_fk" FOREIGN KEY ("asset_id") REFERENCES "public"."generated_assets"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "generated_asset_reviews" ADD CONSTRAINT "generated_asset_reviews_board_id_generated_asset_boards_id_fk" FOREIGN KEY ("board_id") REFERENCES "public"."generated_asset_boards"("id") ON DELETE set null ON UPDATE no action;
  CREATE INDEX "generated_asset_boards_cover_idx" ON "generated_asset_boards" USING btree ("cover_id");
  CREATE INDEX "generated_asset_boards_created_by_idx" ON "generated_asset_boards" USING btree ("created_by_id");
  CREATE UNIQUE INDEX "generated_asset_boards_share_token_idx" ON "generated_asset_boards" USING btree ("share_token");
  CREATE INDEX "generated_asset_boards_updated_at_idx" ON "generated_asset_boards" USING btree ("updated_at");
  CREATE INDEX "generated_asset_boards_created_at_idx" ON "generated_asset_boards" USING btree ("created_at");
  CREATE INDEX "generated_asset_reviews_asset_idx" ON "generated_asset_reviews" USING btree ("asset_id");
  CREATE INDEX "generated_asset_reviews_board_idx" ON "generated_asset_reviews" USING btree ("board_id");
  CREATE INDEX "generated_asset_reviews_updated_at_idx" ON "generated_asset_reviews" USING btree ("updated_at");
  CREATE INDEX "generated_asset_reviews_created_at_idx" ON "generated_asset_reviews" USING btree ("created_at");
  ALTER TABLE "generated_assets_rels" ADD CONSTRAINT "generated_assets_rels_generated_asset_boards_fk" FOREIGN KEY ("generated_asset_boards_id") REFERENCES "public"."generated_asset_boards"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_generated_asset_boards_fk" FOREIGN KEY ("generated_asset_boards_id") REFERENCES "public"."generated_asset_boards"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_generated_asset_reviews_fk" FOREIGN KEY ("generated_asset_reviews_id") REFERENCES "public"."generated_asset_reviews"("id") ON DELETE cascade ON UPDATE no action;
  CREATE INDEX "generated_assets_verdict_idx" ON "generated_assets" USING btree ("verdict");
  CREATE INDEX "generated_assets_rels_generated_asset_boards_id_idx" ON "generated_assets_rels" USING btree ("generated_asset_boards_id");
  CREATE INDEX "payload_locked_documents_rels_generated_asset_boards_id_idx" ON "payload_locked_documents_rels" USING btree ("generated_asset_boards_id");
  CREATE INDEX "payload_locked_documents_rels_generated_asset_reviews_id_idx" ON "payload_locked_documents_rels" USING btree ("generated_asset_reviews_id");`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
   ALTER TABLE "generated_asset_boards" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "generated_asset_reviews" DISABLE ROW LEVEL SECURITY;
  DROP TABLE "generated_asset_boards" CASCADE;
  DROP TABLE "generated_asset_reviews" CASCADE;
  ALTER TABLE "generated_assets_rels" DROP CONSTRAINT "generated_assets_rels_generated_asset_boards_fk";
  
  ALTER TABLE "payload_locked_documents_rels" DROP CONSTRAINT "payload_locked_documents_rels_generated_asset_boards_fk";
  
  ALTER TABLE "payload_locked_documents_rels" DROP CONSTRAINT "payload_locked_documents_rels_generated_asset_reviews_fk";
  
  DROP INDEX "generated_assets_verdict_idx";
  DROP INDEX "generated_assets_rels_generated_asset_boards_id_idx";
  DROP INDEX "payload_locked_documents_rels_generated_asset_boards_id_idx";
  DROP INDEX "payload_locked_documents_rels_generated_asset_reviews_id_idx";
  ALTER TABLE "generated_assets" DROP COLUMN "verdict";
  ALTER TABLE "generated_assets_rels" DROP COLUMN "generated_asset_boards_id";
  ALTER TABLE "payload_locked_documents_rels" DROP COLUMN "generated_asset_boards_id";
  ALTER TABLE "payload_locked_documents_rels" DROP COLUMN "generated_asset_reviews_id";
  DROP TYPE "public"."enum_generated_assets_verdict";
  DROP TYPE "public"."enum_generated_asset_reviews_verdict";`)
}
