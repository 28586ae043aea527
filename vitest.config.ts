import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['test/unit/**/*.test.ts', 'test/workflow/**/*.test.ts', 'test/infra/**/*.test.ts'],
          setupFiles: ['test/support/aws-matchers.ts'],
          testTimeout: 60_000,
        },
      },
      {
        test: {
          // The KPI brute-force check: its own DynamoDB Local, no shared stack.
          name: 'reports',
          include: ['test/reports/**/*.test.ts'],
          testTimeout: 300_000,
          hookTimeout: 1_800_000,
        },
      },
      {
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts', 'test/browser/**/*.test.ts'],
          // One local stack (started as `npm start` would, which builds the web app when stale) serves
          // every integration and browser test file.
          globalSetup: ['test/support/local-stack.global-setup.ts'],
          setupFiles: ['test/support/aws-matchers.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
