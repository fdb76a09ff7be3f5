import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-sqlite'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.run(sql`ALTER TABLE \`generated_assets\` ADD \`c2pa\` text;`)
  await db.run(sql`ALTER TABLE \`generated_assets\` ADD \`c2pa_error\` text;`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.run(sql`ALTER TABLE \`generated_assets\` DROP COLUMN \`c2pa\`;`)
  await db.run(sql`ALTER TABLE \`generated_assets\` DROP COLUMN \`c2pa_error\`;`)
}
