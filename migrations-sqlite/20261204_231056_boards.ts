import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-sqlite'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.run(sql`CREATE TABLE \`generated_asset_boards\` (
  	\`id\` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
  	\`title\` text NOT NULL,
  	\`description\` text,
  	\`cover_id\` integer,
  	\`show_prompts\` integer DEFAULT false,
  	\`created_by_id\` integer,
  	\`share_token\` text,
  	\`shared_at\` text,
  	\`updated_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`created_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	FOREIGN KEY (\`cover_id\`) REFERENCES \`generated_assets\`(\`id\`) ON UPDATE no action ON DELETE set null,
  	FOREIGN KEY (\`created_by_id\`) REFERENCES \`users\`(\`id\`) ON UPDATE no action ON DELETE set null
  );
  `)
  await db.run(sql`CREATE INDEX \`generated_asset_boards_cover_idx\` ON \`generated_asset_boards\` (\`cover_id\`);`)
  await db.run(sql`CREATE INDEX \`generated_asset_boards_created_by_idx\` ON \`generated_asset_boards\` (\`created_by_id\`);`)
  await db.run(sql`CREATE UNIQUE INDEX \`generated_asset_boards_share_token_idx\` ON \`generated_asset_boards\` (\`share_token\`);`)
  await db.run(sql`CREATE INDEX \`generated_asset_boards_updated_at_idx\` ON \`generated_asset_boards\` (\`updated_at\`);`)
  await db.run(sql`CREATE INDEX \`generated_asset_boards_created_at_idx\` ON \`generated_asset_boards\` (\`created_at\`);`)
  await db.run(sql`CREATE TABLE \`generated_asset_reviews\` (
  	\`id\` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
  	\`asset_id\` integer NOT NULL,
  	\`board_id\` integer,
  	\`verdict\` text,
  	\`comment\` text,
  	\`name\` text,
  	\`updated_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`created_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	FOREIGN KEY (\`asset_id\`) REFERENCES \`generated_assets\`(\`id\`) ON UPDATE no action ON DELETE set null,
  	FOREIGN KEY (\`board_id\`) REFERENCES \`generated_asset_boards\`(\`id\`) ON UPDATE no action ON DELETE set null
  );
  `)
  await db.run(sql`CREATE INDEX \`generated_asset_reviews_asset_idx\` ON \`generated_asset_reviews\` (\`asset_id\`);`)
  await db.run(sql`CREATE INDEX \`generated_asset_reviews_board_idx\` ON \`generated_asset_reviews\` (\`board_id\`);`)
  await db.run(sql`CREATE INDEX \`generated_asset_reviews_updated_at_idx\` ON \`generated_asset_reviews\` (\`updated_at\`);`)
  await db.run(sql`CREATE INDEX \`generated_asset_reviews_created_at_idx\` ON \`generated_asset_reviews\` (\`created_at\`);`)
  await db.run(sql`ALTER TABLE \`generated_assets\` ADD \`verdict\` text;`)
  await db.run(sql`CREATE INDEX \`generated_assets_verdict_idx\` ON \`generated_assets\` (\`verdict\`);`)
  // Rebuilt rather than altered: SQLite's ALTER TABLE ADD cannot give the new relationship column
  // its ON DELETE CASCADE (drizzle-kit then finds the table differs from the config's and rebuilds it).
  await db.run(sql`CREATE TABLE \`__new_generated_assets_rels\` (
	\`id\` integer PRIMARY KEY NOT NULL,
	\`order\` integer,
	\`parent_id\` integer NOT NULL,
	\`path\` text NOT NULL,
	\`generated_asset_boards_id\` integer,
	\`generated_assets_id\` integer,
	FOREIGN KEY (\`parent_id\`) REFERENCES \`generated_assets\`(\`id\`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (\`generated_asset_boards_id\`) REFERENCES \`generated_asset_boards\`(\`id\`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (\`generated_assets_id\`) REFERENCES \`generated_assets\`(\`id\`) ON UPDATE no action ON DELETE cascade
);
`)
  await db.run(sql`INSERT INTO \`__new_generated_assets_rels\`("id", "order", "parent_id", "path", "generated_assets_id") SELECT "id", "order", "parent_id", "path", "generated_assets_id" FROM \`generated_assets_rels\`;`)
  await db.run(sql`DROP TABLE \`generated_assets_rels\`;`)
  await db.run(sql`ALTER TABLE \`__new_generated_assets_rels\` RENAME TO \`generated_assets_rels\`;`)
  await db.run(sql`CREATE INDEX \`generated_assets_rels_order_idx\` ON \`generated_assets_rels\` (\`order\`);`)
  await db.run(sql`CREATE INDEX \`generated_assets_rels_parent_idx\` ON \`generated_assets_rels\` (\`parent_id\`);`)
  await db.run(sql`CREATE INDEX \`generated_assets_rels_path_idx\` ON \`generated_assets_rels\` (\`path\`);`)
  await db.run(sql`CREATE INDEX \`generated_assets_rels_generated_asset_boards_id_idx\` ON \`generated_assets_rels\` (\`generated_asset_boards_id\`);`)
  await db.run(sql`CREATE INDEX \`generated_assets_rels_generated_assets_id_idx\` ON \`generated_assets_rels\` (\`generated_assets_id\`);`)
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
  await db.run(sql`INSERT INTO \`__new_payload_locked_documents_rels\`("id", "order", "parent_id", "path", "users_id", "media_id", "posts_id", "generated_assets_id", "generated_asset_posters_id") SELECT "id", "order", "parent_id", "path", "users_id", "media_id", "posts_id", "generated_assets_id", "generated_asset_posters_id" FROM \`payload_locked_documents_rels\`;`)
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
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.run(sql`DROP TABLE \`generated_asset_boards\`;`)
  await db.run(sql`DROP TABLE \`generated_asset_reviews\`;`)
  await db.run(sql`PRAGMA foreign_keys=OFF;`)
  await db.run(sql`CREATE TABLE \`__new_generated_assets_rels\` (
  	\`id\` integer PRIMARY KEY NOT NULL,
  	\`order\` integer,
  	\`parent_id\` integer NOT NULL,
  	\`path\` text NOT NULL,
  	\`generated_assets_id\` integer,
  	FOREIGN KEY (\`parent_id\`) REFERENCES \`generated_assets\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`generated_assets_id\`) REFERENCES \`generated_assets\`(\`id\`) ON UPDATE no action ON DELETE cascade
  );
  `)
  await db.run(sql`INSERT INTO \`__new_generated_assets_rels\`("id", "order", "parent_id", "path", "generated_assets_id") SELECT "id", "order", "parent_id", "path", "generated_assets_id" FROM \`generated_assets_rels\`;`)
  await db.run(sql`DROP TABLE \`generated_assets_rels\`;`)
  await db.run(sql`ALTER TABLE \`__new_generated_assets_rels\` RENAME TO \`generated_assets_rels\`;`)
  await db.run(sql`PRAGMA foreign_keys=ON;`)
  await db.run(sql`CREATE INDEX \`generated_assets_rels_order_idx\` ON \`generated_assets_rels\` (\`order\`);`)
  await db.run(sql`CREATE INDEX \`generated_assets_rels_parent_idx\` ON \`generated_assets_rels\` (\`parent_id\`);`)
  await db.run(sql`CREATE INDEX \`generated_assets_rels_path_idx\` ON \`generated_assets_rels\` (\`path\`);`)
  await db.run(sql`CREATE INDEX \`generated_assets_rels_generated_assets_id_idx\` ON \`generated_assets_rels\` (\`generated_assets_id\`);`)
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
  	FOREIGN KEY (\`parent_id\`) REFERENCES \`payload_locked_documents\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`users_id\`) REFERENCES \`users\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`media_id\`) REFERENCES \`media\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`posts_id\`) REFERENCES \`posts\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`generated_assets_id\`) REFERENCES \`generated_assets\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`generated_asset_posters_id\`) REFERENCES \`generated_asset_posters\`(\`id\`) ON UPDATE no action ON DELETE cascade
  );
  `)
  await db.run(sql`INSERT INTO \`__new_payload_locked_documents_rels\`("id", "order", "parent_id", "path", "users_id", "media_id", "posts_id", "generated_assets_id", "generated_asset_posters_id") SELECT "id", "order", "parent_id", "path", "users_id", "media_id", "posts_id", "generated_assets_id", "generated_asset_posters_id" FROM \`payload_locked_documents_rels\`;`)
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
  await db.run(sql`DROP INDEX \`generated_assets_verdict_idx\`;`)
  await db.run(sql`ALTER TABLE \`generated_assets\` DROP COLUMN \`verdict\`;`)
}
