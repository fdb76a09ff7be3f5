import { defineConfig, type TestProjectInlineConfiguration } from 'vitest/config'

/**
 * A project on the real services of test/setup/globalSetup.ts. `database: 'sqlite'` runs the same
 * files on SQLite (DATABASE_URL a `file:` URL, `migrations-sqlite/`) instead of Postgres.
 * Projects run one after another in `groupOrder`, never side by side: the Postgres ones share one
 * database, the SQLite ones another file, and they share the machine's two cores.
 */
const withServices = ({
  database = 'postgres',
  groupOrder,
  ...test
}: { database?: 'postgres' | 'sqlite'; groupOrder: number } & NonNullable<TestProjectInlineConfiguration['test']>) =>
  ({
    extends: true,
    test: {
      fileParallelism: false,
      globalSetup: ['test/setup/globalSetup.ts'],
      sequence: { groupOrder },
      setupFiles: ['test/setup/testEnv.ts'],
      ...(database === 'sqlite' ? { env: { TEST_DATABASE: 'sqlite' } } : {}),
      ...test,
    },
  }) satisfies TestProjectInlineConfiguration

export default defineConfig({
  test: {
    projects: [
      {
        extends: true,
        test: {
          include: ['plugins/**/src/**/*.test.ts', 'test/fakes/**/*.test.ts', 'test/lockfile/**/*.test.ts', 'test/migrations/**/*.test.ts'],
          name: 'unit',
          sequence: { groupOrder: 0 },
        },
      },
      withServices({
        groupOrder: 1,
        hookTimeout: 240_000,
        include: ['test/integration/**/*.test.ts'],
        name: 'integration',
        testTimeout: 60_000,
      }),
      withServices({
        groupOrder: 2,
        hookTimeout: 600_000,
        include: ['test/browser/**/*.test.ts'],
        name: 'browser',
        testTimeout: 120_000,
      }),
      withServices({
        groupOrder: 3,
        hookTimeout: 240_000,
        include: ['test/hardening/**/*.test.ts'],
        name: 'hardening',
        testTimeout: 600_000,
      }),
      withServices({
        database: 'sqlite',
        groupOrder: 4,
        hookTimeout: 240_000,
        include: ['test/integration/**/*.test.ts'],
        name: 'integration-sqlite',
        testTimeout: 60_000,
      }),
      withServices({
        database: 'sqlite',
        groupOrder: 5,
        hookTimeout: 240_000,
        include: ['test/hardening/**/*.test.ts'],
        name: 'hardening-sqlite',
        testTimeout: 600_000,
      }),
    ],
  },
})
