import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   CREATE TYPE "public"."enum_generated_assets_kind" AS ENUM('image', 'video');
  CREATE TYPE "public"."enum_generated_assets_status" AS ENUM('queued', 'generating', 'ingesting', 'ready', 'failed');
  CREATE TYPE "public"."enum_payload_jobs_log_task_slug" AS ENUM('inline', 'generateAsset');
  CREATE TYPE "public"."enum_payload_jobs_log_state" AS ENUM('failed', 'succeeded');
  CREATE TYPE "public"."enum_payload_jobs_task_slug" AS ENUM('inline', 'generateAsset');
  CREATE TABLE "users_sessions" (
  	"_order" integer NOT NULL,
  	"_parent_id" integer NOT NULL,
  	"id" varchar PRIMARY KEY NOT NULL,
  	"created_at" timestamp(3) with time zone,
  	"expires_at" timestamp(3) with time zone NOT NULL
  );
  
  CREATE TABLE "users" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"email" varchar NOT NULL,
  	"reset_password_token" varchar,
  	"reset_password_expiration" timestamp(3) with time zone,
  	"salt" varchar,
  	"hash" varchar,
  	"reset_password_requested_at" timestamp(3) with time zone,
  	"login_attempts" numeric DEFAULT 0,
  	"lock_until" timestamp(3) with time zone
  );
  
  CREATE TABLE "generated_assets" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"prompt" varchar NOT NULL,
  	"negative_prompt" varchar,
  	"model" varchar NOT NULL,
  	"model_name" varchar,
  	"provider" varchar,
  	"kind" "enum_generated_assets_kind" DEFAULT 'image' NOT NULL,
  	"status" "enum_generated_assets_status" DEFAULT 'queued' NOT NULL,
  	"starred" boolean DEFAULT false,
  	"error" varchar,
  	"error_code" varchar,
  	"attempts" numeric DEFAULT 0,
  	"params" jsonb,
  	"seed" numeric,
  	"warnings" jsonb,
  	"inference_time" numeric,
  	"duration" numeric,
  	"fps" numeric,
  	"usage" jsonb,
  	"preview_url" varchar,
  	"created_by_id" integer,
  	"completed_at" timestamp(3) with time zone,
  	"queued_at" timestamp(3) with time zone,
  	"poster_id" integer,
  	"placeholder" varchar,
  	"parent_id" integer,
  	"source_url" varchar,
  	"operation" jsonb,
  	"poll_count" numeric DEFAULT 0,
  	"lease_owner" varchar,
  	"lease_expires_at" timestamp(3) with time zone,
  	"share_token" varchar,
  	"shared_at" timestamp(3) with time zone,
  	"_objectkey" varchar,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"deleted_at" timestamp(3) with time zone,
  	"url" varchar,
  	"thumbnail_u_r_l" varchar,
  	"filename" varchar,
  	"mime_type" varchar,
  	"filesize" numeric,
  	"width" numeric,
  	"height" numeric,
  	"focal_x" numeric,
  	"focal_y" numeric,
  	"sizes_thumbnail_url" varchar,
  	"sizes_thumbnail_width" numeric,
  	"sizes_thumbnail_height" numeric,
  	"sizes_thumbnail_mime_type" varchar,
  	"sizes_thumbnail_filesize" numeric,
  	"sizes_thumbnail_filename" varchar,
  	"sizes_preview_url" varchar,
  	"sizes_preview_width" numeric,
  	"sizes_preview_height" numeric,
  	"sizes_preview_mime_type" varchar,
  	"sizes_preview_filesize" numeric,
  	"sizes_preview_filename" varchar
  );
  
  CREATE TABLE "generated_assets_rels" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"order" integer,
  	"parent_id" integer NOT NULL,
  	"path" varchar NOT NULL,
  	"generated_assets_id" integer
  );
  
  CREATE TABLE "generated_asset_posters" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"asset_id" integer,
  	"created_by_id" integer,
  	"_objectkey" varchar,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"url" varchar,
  	"thumbnail_u_r_l" varchar,
  	"filename" varchar,
  	"mime_type" varchar,
  	"filesize" numeric,
  	"width" numeric,
  	"height" numeric,
  	"focal_x" numeric,
  	"focal_y" numeric,
  	"sizes_thumbnail_url" varchar,
  	"sizes_thumbnail_width" numeric,
  	"sizes_thumbnail_height" numeric,
  	"sizes_thumbnail_mime_type" varchar,
  	"sizes_thumbnail_filesize" numeric,
  	"sizes_thumbnail_filename" varchar
  );
  
  CREATE TABLE "payload_kv" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"key" varchar NOT NULL,
  	"data" jsonb NOT NULL
  );
  
  CREATE TABLE "payload_jobs_log" (
  	"_order" integer NOT NULL,
  	"_parent_id" integer NOT NULL,
  	"id" varchar PRIMARY KEY NOT NULL,
  	"executed_at" timestamp(3) with time zone NOT NULL,
  	"completed_at" timestamp(3) with time zone NOT NULL,
  	"task_slug" "enum_payload_jobs_log_task_slug" NOT NULL,
  	"task_i_d" varchar NOT NULL,
  	"input" jsonb,
  	"output" jsonb,
  	"state" "enum_payload_jobs_log_state" NOT NULL,
  	"error" jsonb
  );
  
  CREATE TABLE "payload_jobs" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"input" jsonb,
  	"completed_at" timestamp(3) with time zone,
  	"total_tried" numeric DEFAULT 0,
  	"has_error" boolean DEFAULT false,
  	"error" jsonb,
  	"task_slug" "enum_payload_jobs_task_slug",
  	"queue" varchar DEFAULT 'default',
  	"wait_until" timestamp(3) with time zone,
  	"processing" boolean DEFAULT false,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  CREATE TABLE "payload_locked_documents" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"global_slug" varchar,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  CREATE TABLE "payload_locked_documents_rels" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"order" integer,
  	"parent_id" integer NOT NULL,
  	"path" varchar NOT NULL,
  	"users_id" integer,
  	"generated_assets_id" integer,
  	"generated_asset_posters_id" integer
  );
  
  CREATE TABLE "payload_preferences" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"key" varchar,
  	"value" jsonb,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  CREATE TABLE "payload_preferences_rels" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"order" integer,
  	"parent_id" integer NOT NULL,
  	"path" varchar NOT NULL,
  	"users_id" integer
  );
  
  CREATE TABLE "payload_migrations" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"name" varchar,
  	"batch" numeric,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  ALTER TABLE "users_sessions" ADD CONSTRAINT "users_sessions_parent_id_fk" FOREIGN KEY ("_parent_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "generated_assets" ADD CONSTRAINT "generated_assets_created_by_id_users_id_fk" FOREIGN KEY ("created_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "generated_assets" ADD CONSTRAINT "generated_assets_poster_id_generated_asset_posters_id_fk" FOREIGN KEY ("poster_id") REFERENCES "public"."generated_asset_posters"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "generated_assets" ADD CONSTRAINT "generated_assets_parent_id_generated_assets_id_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."generated_assets"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "generated_assets_rels" ADD CONSTRAINT "generated_assets_rels_parent_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."generated_assets"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "generated_assets_rels" ADD CONSTRAINT "generated_assets_rels_generated_assets_fk" FOREIGN KEY ("generated_assets_id") REFERENCES "public"."generated_assets"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "generated_asset_posters" ADD CONSTRAINT "generated_asset_posters_asset_id_generated_assets_id_fk" FOREIGN KEY ("asset_id") REFERENCES "public"."generated_assets"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "generated_asset_posters" ADD CONSTRAINT "generated_asset_posters_created_by_id_users_id_fk" FOREIGN KEY ("created_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "payload_jobs_log" ADD CONSTRAINT "payload_jobs_log_parent_id_fk" FOREIGN KEY ("_parent_id") REFERENCES "public"."payload_jobs"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_parent_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."payload_locked_documents"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_users_fk" FOREIGN KEY ("users_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_generated_assets_fk" FOREIGN KEY ("generated_assets_id") REFERENCES "public"."generated_assets"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_generated_asset_posters_fk" FOREIGN KEY ("generated_asset_posters_id") REFERENCES "public"."generated_asset_posters"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "payload_preferences_rels" ADD CONSTRAINT "payload_preferences_rels_parent_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."payload_preferences"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "payload_preferences_rels" ADD CONSTRAINT "payload_preferences_rels_users_fk" FOREIGN KEY ("users_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;
  CREATE INDEX "users_sessions_order_idx" ON "users_sessions" USING btree ("_order");
  CREATE INDEX "users_sessions_parent_id_idx" ON "users_sessions" USING btree ("_parent_id");
  CREATE INDEX "users_updated_at_idx" ON "users" USING btree ("updated_at");
  CREATE INDEX "users_created_at_idx" ON "users" USING btree ("created_at");
  CREATE UNIQUE INDEX "users_email_idx" ON "users" USING btree ("email");
  CREATE INDEX "generated_assets_model_idx" ON "generated_assets" USING btree ("model");
  CREATE INDEX "generated_assets_kind_idx" ON "generated_assets" USING btree ("kind");
  CREATE INDEX "generated_assets_status_idx" ON "generated_assets" USING btree ("status");
  CREATE INDEX "generated_assets_starred_idx" ON "generated_assets" USING btree ("starred");
  CREATE INDEX "generated_assets_created_by_idx" ON "generated_assets" USING btree ("created_by_id");
  CREATE INDEX "generated_assets_poster_idx" ON "generated_assets" USING btree ("poster_id");
  CREATE INDEX "generated_assets_parent_idx" ON "generated_assets" USING btree ("parent_id");
  CREATE UNIQUE INDEX "generated_assets_share_token_idx" ON "generated_assets" USING btree ("share_token");
  CREATE INDEX "generated_assets_updated_at_idx" ON "generated_assets" USING btree ("updated_at");
  CREATE INDEX "generated_assets_created_at_idx" ON "generated_assets" USING btree ("created_at");
  CREATE INDEX "generated_assets_deleted_at_idx" ON "generated_assets" USING btree ("deleted_at");
  CREATE UNIQUE INDEX "generated_assets_filename_idx" ON "generated_assets" USING btree ("filename");
  CREATE INDEX "generated_assets_sizes_thumbnail_sizes_thumbnail_filenam_idx" ON "generated_assets" USING btree ("sizes_thumbnail_filename");
  CREATE INDEX "generated_assets_sizes_preview_sizes_preview_filename_idx" ON "generated_assets" USING btree ("sizes_preview_filename");
  CREATE INDEX "generated_assets_rels_order_idx" ON "generated_assets_rels" USING btree ("order");
  CREATE INDEX "generated_assets_rels_parent_idx" ON "generated_assets_rels" USING btree ("parent_id");
  CREATE INDEX "generated_assets_rels_path_idx" ON "generated_assets_rels" USING btree ("path");
  CREATE INDEX "generated_assets_rels_generated_assets_id_idx" ON "generated_assets_rels" USING btree ("generated_assets_id");
  CREATE INDEX "generated_asset_posters_asset_idx" ON "generated_asset_posters" USING btree ("asset_id");
  CREATE INDEX "generated_asset_posters_created_by_idx" ON "generated_asset_posters" USING btree ("created_by_id");
  CREATE INDEX "generated_asset_posters_updated_at_idx" ON "generated_asset_posters" USING btree ("updated_at");
  CREATE INDEX "generated_asset_posters_created_at_idx" ON "generated_asset_posters" USING btree ("created_at");
  CREATE UNIQUE INDEX "generated_asset_posters_filename_idx" ON "generated_asset_posters" USING btree ("filename");
  CREATE INDEX "generated_asset_posters_sizes_thumbnail_sizes_thumbnail__idx" ON "generated_asset_posters" USING btree ("sizes_thumbnail_filename");
  CREATE UNIQUE INDEX "payload_kv_key_idx" ON "payload_kv" USING btree ("key");
  CREATE INDEX "payload_jobs_log_order_idx" ON "payload_jobs_log" USING btree ("_order");
  CREATE INDEX "payload_jobs_log_parent_id_idx" ON "payload_jobs_log" USING btree ("_parent_id");
  CREATE INDEX "payload_jobs_completed_at_idx" ON "payload_jobs" USING btree ("completed_at");
  CREATE INDEX "payload_jobs_total_tried_idx" ON "payload_jobs" USING btree ("total_tried");
  CREATE INDEX "payload_jobs_has_error_idx" ON "payload_jobs" USING btree ("has_error");
  CREATE INDEX "payload_jobs_task_slug_idx" ON "payload_jobs" USING btree ("task_slug");
  CREATE INDEX "payload_jobs_queue_idx" ON "payload_jobs" USING btree ("queue");
  CREATE INDEX "payload_jobs_wait_until_idx" ON "payload_jobs" USING btree ("wait_until");
  CREATE INDEX "payload_jobs_processing_idx" ON "payload_jobs" USING btree ("processing");
  CREATE INDEX "payload_jobs_updated_at_idx" ON "payload_jobs" USING btree ("updated_at");
  CREATE INDEX "payload_jobs_created_at_idx" ON "payload_jobs" USING btree ("created_at");
  CREATE INDEX "payload_locked_documents_global_slug_idx" ON "payload_locked_documents" USING btree ("global_slug");
  CREATE INDEX "payload_locked_documents_updated_at_idx" ON "payload_locked_documents" USING btree ("updated_at");
  CREATE INDEX "payload_locked_documents_created_at_idx" ON "payload_locked_documents" USING btree ("created_at");
  CREATE INDEX "payload_locked_documents_rels_order_idx" ON "payload_locked_documents_rels" USING btree ("order");
  CREATE INDEX "payload_locked_documents_rels_parent_idx" ON "payload_locked_documents_rels" USING btree ("parent_id");
  CREATE INDEX "payload_locked_documents_rels_path_idx" ON "payload_locked_documents_rels" USING btree ("path");
  CREATE INDEX "payload_locked_documents_rels_users_id_idx" ON "payload_locked_documents_rels" USING btree ("users_id");
  CREATE INDEX "payload_locked_documents_rels_generated_assets_id_idx" ON "payload_locked_documents_rels" USING btree ("generated_assets_id");
  CREATE INDEX "payload_locked_documents_rels_generated_asset_posters_id_idx" ON "payload_locked_documents_rels" USING btree ("generated_asset_posters_id");
  CREATE INDEX "payload_preferences_key_idx" ON "payload_preferences" USING btree ("key");
  CREATE INDEX "payload_preferences_updated_at_idx" ON "payload_preferences" USING btree ("updated_at");
  CREATE INDEX "payload_preferences_created_at_idx" ON "payload_preferences" USING btree ("created_at");
  CREATE INDEX "payload_preferences_rels_order_idx" ON "payload_preferences_rels" USING btree ("order");
  CREATE INDEX "payload_preferences_rels_parent_idx" ON "payload_preferences_rels" USING btree ("parent_id");
  CREATE INDEX "payload_preferences_rels_path_idx" ON "payload_preferences_rels" USING btree ("path");
  CREATE INDEX "payload_preferences_rels_users_id_idx" ON "payload_preferences_rels" USING btree ("users_id");
  CREATE INDEX "payload_migrations_updated_at_idx" ON "payload_migrations" USING btree ("updated_at");
  CREATE INDEX "payload_migrations_created_at_idx" ON "payload_migrations" USING btree ("created_at");`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
   DROP TABLE "users_sessions" CASCADE;
  DROP TABLE "users" CASCADE;
  DROP TABLE "generated_assets" CASCADE;
  DROP TABLE "generated_assets_rels" CASCADE;
  DROP TABLE "generated_asset_posters" CASCADE;
  DROP TABLE "payload_kv" CASCADE;
  DROP TABLE "payload_jobs_log" CASCADE;
  DROP TABLE "payload_jobs" CASCADE;
  DROP TABLE "payload_locked_documents" CASCADE;
  DROP TABLE "payload_locked_documents_rels" CASCADE;
  DROP TABLE "payload_preferences" CASCADE;
  DROP TABLE "payload_preferences_rels" CASCADE;
  DROP TABLE "payload_migrations" CASCADE;
  DROP TYPE "public"."enum_generated_assets_kind";
  DROP TYPE "public"."enum_generated_assets_status";
  DROP TYPE "public"."enum_payload_jobs_log_task_slug";
  DROP TYPE "public"."enum_payload_jobs_log_state";
  DROP TYPE "public"."enum_payload_jobs_task_slug";`)
}
