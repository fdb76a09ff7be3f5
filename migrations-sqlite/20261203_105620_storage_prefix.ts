import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-sqlite'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.run(sql`ALTER TABLE \`generated_assets\` ADD \`prefix\` text;`)
  await db.run(sql`ALTER TABLE \`generated_asset_posters\` ADD \`prefix\` text;`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.run(sql`ALTER TABLE \`generated_assets\` DROP COLUMN \`prefix\`;`)
  await db.run(sql`ALTER TABLE \`generated_asset_posters\` DROP COLUMN \`prefix\`;`)
}
