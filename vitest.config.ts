import { randomUUID } from 'node:crypto';
import { defineConfig } from 'vitest/config';

// One id per run, in every worker's environment: the processes tests start carry it, so the global
// teardown finds any that outlived the run (test/helpers/leftovers.ts).
process.env.GSMKEEPER_TEST_RUN ??= randomUUID();

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    pool: 'forks',
    env: { GSMKEEPER_TEST_RUN: process.env.GSMKEEPER_TEST_RUN },
    setupFiles: ['test/helpers/stop-spawned.ts'],
    globalSetup: ['test/helpers/global-setup.ts'],
  },
});
