import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-sqlite'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.run(sql`ALTER TABLE \`generated_assets\` ADD \`alt\` text;`)
  await db.run(sql`ALTER TABLE \`generated_assets\` ADD \`batch\` text;`)
  await db.run(sql`ALTER TABLE \`generated_assets\` ADD \`batch_index\` numeric;`)
  await db.run(sql`ALTER TABLE \`generated_assets\` ADD \`batch_size\` numeric;`)
  await db.run(sql`CREATE INDEX \`generated_assets_batch_idx\` ON \`generated_assets\` (\`batch\`);`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.run(sql`DROP INDEX \`generated_assets_batch_idx\`;`)
  await db.run(sql`ALTER TABLE \`generated_assets\` DROP COLUMN \`alt\`;`)
  await db.run(sql`ALTER TABLE \`generated_assets\` DROP COLUMN \`batch\`;`)
  await db.run(sql`ALTER TABLE \`generated_assets\` DROP COLUMN \`batch_index\`;`)
  await db.run(sql`ALTER TABLE \`generated_assets\` DROP COLUMN \`batch_size\`;`)
}
