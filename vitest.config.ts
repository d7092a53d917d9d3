import { defineConfig } from 'vitest/config';

// 'forks' because yeoman-test calls process.chdir(), which worker threads refuse.
export default defineConfig({
  test: {
    pool: 'forks',
    // The default summary, then one plain closing line that CI reads (test/support/closing-line-reporter.ts).
    reporters: ['default', './test/support/closing-line-reporter.ts'],
    projects: [
      {
        extends: true,
        test: { name: 'unit', include: ['test/unit/**/*.spec.ts', 'test/generator/**/*.spec.ts'], testTimeout: 30_000 },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.spec.ts'],
          testTimeout: 20 * 60_000,
          hookTimeout: 20 * 60_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
