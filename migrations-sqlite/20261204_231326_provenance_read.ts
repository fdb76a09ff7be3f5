import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-sqlite'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.run(sql`ALTER TABLE \`generated_assets\` ADD \`provenance_source\` text;`)
  await db.run(sql`ALTER TABLE \`generated_assets\` ADD \`provenance_digital_source_type\` text;`)
  await db.run(sql`ALTER TABLE \`generated_assets\` ADD \`provenance_ai_system_used\` text;`)
  await db.run(sql`ALTER TABLE \`generated_assets\` ADD \`provenance_ai_system_version_used\` text;`)
  await db.run(sql`ALTER TABLE \`generated_assets\` ADD \`provenance_created_at\` text;`)
  await db.run(sql`ALTER TABLE \`generated_assets\` ADD \`provenance_c2pa\` text;`)
  await db.run(sql`ALTER TABLE \`generated_assets\` ADD \`provenance_c2pa_status\` text;`)
  await db.run(sql`ALTER TABLE \`generated_assets\` ADD \`provenance_metadata_error\` text;`)
  await db.run(sql`ALTER TABLE \`generated_assets\` ADD \`provenance_c2pa_error\` text;`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
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
