import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-sqlite'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.run(sql`CREATE TABLE \`generated_asset_presets\` (
  	\`id\` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
  	\`name\` text NOT NULL,
  	\`model\` text NOT NULL,
  	\`params\` text,
  	\`prompt_prefix\` text,
  	\`prompt_suffix\` text,
  	\`negative_prompt\` text,
  	\`visibility\` text DEFAULT 'private' NOT NULL,
  	\`owner_id\` integer,
  	\`updated_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`created_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	FOREIGN KEY (\`owner_id\`) REFERENCES \`users\`(\`id\`) ON UPDATE no action ON DELETE set null
  );
  `)
  await db.run(sql`CREATE INDEX \`generated_asset_presets_model_idx\` ON \`generated_asset_presets\` (\`model\`);`)
  await db.run(sql`CREATE INDEX \`generated_asset_presets_visibility_idx\` ON \`generated_asset_presets\` (\`visibility\`);`)
  await db.run(sql`CREATE INDEX \`generated_asset_presets_owner_idx\` ON \`generated_asset_presets\` (\`owner_id\`);`)
  await db.run(sql`CREATE INDEX \`generated_asset_presets_updated_at_idx\` ON \`generated_asset_presets\` (\`updated_at\`);`)
  await db.run(sql`CREATE INDEX \`generated_asset_presets_created_at_idx\` ON \`generated_asset_presets\` (\`created_at\`);`)
  await db.run(sql`ALTER TABLE \`generated_assets\` ADD \`provenance_source\` text;`)
  await db.run(sql`ALTER TABLE \`generated_assets\` ADD \`provenance_digital_source_type\` text;`)
  await db.run(sql`ALTER TABLE \`generated_assets\` ADD \`provenance_ai_system_used\` text;`)
  await db.run(sql`ALTER TABLE \`generated_assets\` ADD \`provenance_ai_system_version_used\` text;`)
  await db.run(sql`ALTER TABLE \`generated_assets\` ADD \`provenance_created_at\` text;`)
  await db.run(sql`ALTER TABLE \`generated_assets\` ADD \`provenance_c2pa\` text;`)
  await db.run(sql`ALTER TABLE \`generated_assets\` ADD \`provenance_c2pa_status\` text;`)
  await db.run(sql`ALTER TABLE \`generated_assets\` ADD \`provenance_metadata_error\` text;`)
  await db.run(sql`ALTER TABLE \`generated_assets\` ADD \`provenance_c2pa_error\` text;`)
  // Rebuilt rather than altered: SQLite's ALTER TABLE ADD cannot give the new relationship column
  // its ON DELETE CASCADE (drizzle-kit then finds the table differs from the config's and rebuilds it).
  await db.run(sql`CREATE TABLE \`__new_payload_locked_documents_rels\` (
	\`id\` integer PRIMARY KEY NOT NULL,
	\`order\` integer,
	\`parent_id\` integer NOT NULL,
	\`path\` text NOT NULL,
	\`users_id\` integer,
	\`media_id\` integer,
	\`posts_id\` integer,
	\`generated_assets_id\` integer,
	\`generated_asset_posters_id\` integer,
	\`generated_asset_boards_id\` integer,
	\`generated_asset_reviews_id\` integer,
	\`generated_asset_presets_id\` integer,
	FOREIGN KEY (\`parent_id\`) REFERENCES \`payload_locked_documents\`(\`id\`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (\`users_id\`) REFERENCES \`users\`(\`id\`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (\`media_id\`) REFERENCES \`media\`(\`id\`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (\`posts_id\`) REFERENCES \`posts\`(\`id\`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (\`generated_assets_id\`) REFERENCES \`generated_assets\`(\`id\`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (\`generated_asset_posters_id\`) REFERENCES \`generated_asset_posters\`(\`id\`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (\`generated_asset_boards_id\`) REFERENCES \`generated_asset_boards\`(\`id\`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (\`generated_asset_reviews_id\`) REFERENCES \`generated_asset_reviews\`(\`id\`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (\`generated_asset_presets_id\`) REFERENCES \`generated_asset_presets\`(\`id\`) ON UPDATE no action ON DELETE cascade
);
`)
  await db.run(sql`INSERT INTO \`__new_payload_locked_documents_rels\`("id", "order", "parent_id", "path", "users_id", "media_id", "posts_id", "generated_assets_id", "generated_asset_posters_id", "generated_asset_boards_id", "generated_asset_reviews_id") SELECT "id", "order", "parent_id", "path", "users_id", "media_id", "posts_id", "generated_assets_id", "generated_asset_posters_id", "generated_asset_boards_id", "generated_asset_reviews_id" FROM \`payload_locked_documents_rels\`;`)
  await db.run(sql`DROP TABLE \`payload_locked_documents_rels\`;`)
  await db.run(sql`ALTER TABLE \`__new_payload_locked_documents_rels\` RENAME TO \`payload_locked_documents_rels\`;`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_order_idx\` ON \`payload_locked_documents_rels\` (\`order\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_parent_idx\` ON \`payload_locked_documents_rels\` (\`parent_id\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_path_idx\` ON \`payload_locked_documents_rels\` (\`path\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_users_id_idx\` ON \`payload_locked_documents_rels\` (\`users_id\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_media_id_idx\` ON \`payload_locked_documents_rels\` (\`media_id\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_posts_id_idx\` ON \`payload_locked_documents_rels\` (\`posts_id\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_generated_assets_id_idx\` ON \`payload_locked_documents_rels\` (\`generated_assets_id\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_generated_asset_posters_id_idx\` ON \`payload_locked_documents_rels\` (\`generated_asset_posters_id\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_generated_asset_boards_id_idx\` ON \`payload_locked_documents_rels\` (\`generated_asset_boards_id\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_generated_asset_reviews_id_idx\` ON \`payload_locked_documents_rels\` (\`generated_asset_reviews_id\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_generated_asset_presets_id_idx\` ON \`payload_locked_documents_rels\` (\`generated_asset_presets_id\`);`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.run(sql`DROP TABLE \`generated_asset_presets\`;`)
  await db.run(sql`PRAGMA foreign_keys=OFF;`)
  await db.run(sql`CREATE TABLE \`__new_payload_locked_documents_rels\` (
  	\`id\` integer PRIMARY KEY NOT NULL,
  	\`order\` integer,
  	\`parent_id\` integer NOT NULL,
  	\`path\` text NOT NULL,
  	\`users_id\` integer,
  	\`media_id\` integer,
  	\`posts_id\` integer,
  	\`generated_assets_id\` integer,
  	\`generated_asset_posters_id\` integer,
  	\`generated_asset_boards_id\` integer,
  	\`generated_asset_reviews_id\` integer,
  	FOREIGN KEY (\`parent_id\`) REFERENCES \`payload_locked_documents\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`users_id\`) REFERENCES \`users\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`media_id\`) REFERENCES \`media\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`posts_id\`) REFERENCES \`posts\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`generated_assets_id\`) REFERENCES \`generated_assets\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`generated_asset_posters_id\`) REFERENCES \`generated_asset_posters\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`generated_asset_boards_id\`) REFERENCES \`generated_asset_boards\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`generated_asset_reviews_id\`) REFERENCES \`generated_asset_reviews\`(\`id\`) ON UPDATE no action ON DELETE cascade
  );
  `)
  await db.run(sql`INSERT INTO \`__new_payload_locked_documents_rels\`("id", "order", "parent_id", "path", "users_id", "media_id", "posts_id", "generated_assets_id", "generated_asset_posters_id", "generated_asset_boards_id", "generated_asset_reviews_id") SELECT "id", "order", "parent_id", "path", "users_id", "media_id", "posts_id", "generated_assets_id", "generated_asset_posters_id", "generated_asset_boards_id", "generated_asset_reviews_id" FROM \`payload_locked_documents_rels\`;`)
  await db.run(sql`DROP TABLE \`payload_locked_documents_rels\`;`)
  await db.run(sql`ALTER TABLE \`__new_payload_locked_documents_rels\` RENAME TO \`payload_locked_documents_rels\`;`)
  await db.run(sql`PRAGMA foreign_keys=ON;`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_order_idx\` ON \`payload_locked_documents_rels\` (\`order\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_parent_idx\` ON \`payload_locked_documents_rels\` (\`parent_id\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_path_idx\` ON \`payload_locked_documents_rels\` (\`path\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_users_id_idx\` ON \`payload_locked_documents_rels\` (\`users_id\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_media_id_idx\` ON \`payload_locked_documents_rels\` (\`media_id\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_posts_id_idx\` ON \`payload_locked_documents_rels\` (\`posts_id\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_generated_assets_id_idx\` ON \`payload_locked_documents_rels\` (\`generated_assets_id\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_generated_asset_posters_id_idx\` ON \`payload_locked_documents_rels\` (\`generated_asset_posters_id\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_generated_asset_boards_id_idx\` ON \`payload_locked_documents_rels\` (\`generated_asset_boards_id\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_generated_asset_reviews_id_idx\` ON \`payload_locked_documents_rels\` (\`generated_asset_reviews_id\`);`)
  await db.run(sql`ALTER TABLE \`generated_assets\` DROP COLUMN \`provenance_source\`;`)
  await db.run(sql`ALTER TABLE \`generated_assets\` DROP COLUMN \`provenance_digital_source_type\`;`)
  await db.run(sql`ALTER TABLE \`generated_assets\` DROP COLUMN \`provenance_ai_system_used\`;`)
  await db.run(sql`ALTER TABLE \`generated_assets\` DROP COLUMN \`provenance_ai_system_version_used\`;`)
  await db.run(sql`ALTER TABLE \`generated_assets\` DROP COLUMN \`provenance_created_at\`;`)
  await db.run(sql`ALTER TABLE \`generated_assets\` DROP COLUMN \`provenance_c2pa\`;`)
  await db.run(sql`ALTER TABLE \`generated_assets\` DROP COLUMN \`provenance_c2pa_status\`;`)
  await db.run(sql`ALTER TABLE \`generated_assets\` DROP COLUMN \`provenance_metadata_error\`;`)
  await db.run(sql`ALTER TABLE \`generated_assets\` DROP COLUMN \`provenance_c2pa_error\`;`)
}
