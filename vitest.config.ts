import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    projects: [
      {
        extends: true,
        test: {
          include: ['plugins/**/src/**/*.test.ts', 'test/fakes/**/*.test.ts', 'test/migrations/**/*.test.ts'],
          name: 'unit',
          sequence: { groupOrder: 0 },
        },
      },
      {
        extends: true,
        test: {
          fileParallelism: false,
          globalSetup: ['test/setup/globalSetup.ts'],
          hookTimeout: 240_000,
          include: ['test/integration/**/*.test.ts'],
          name: 'integration',
          // Projects that share the database run one after another, never side by side.
          sequence: { groupOrder: 1 },
          testTimeout: 60_000,
        },
      },
      {
        extends: true,
        test: {
          fileParallelism: false,
          globalSetup: ['test/setup/globalSetup.ts'],
          hookTimeout: 240_000,
          include: ['test/hardening/**/*.test.ts'],
          name: 'hardening',
          sequence: { groupOrder: 3 },
          testTimeout: 600_000,
        },
      },
      {
        extends: true,
        test: {
          fileParallelism: false,
          globalSetup: ['test/setup/globalSetup.ts'],
          hookTimeout: 600_000,
          include: ['test/browser/**/*.test.ts'],
          name: 'browser',
          sequence: { groupOrder: 2 },
          testTimeout: 120_000,
        },
      },
    ],
  },
})
