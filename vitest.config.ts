import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    projects: [
      {
        extends: true,
        test: {
          include: ['plugins/**/src/**/*.test.ts'],
          name: 'unit',
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
          testTimeout: 60_000,
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
          testTimeout: 120_000,
        },
      },
    ],
  },
})
