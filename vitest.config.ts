import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['{lib,functions,infra,test}/**/*.test.ts'],
    globalSetup: ['test/global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 120_000,
    pool: 'forks',
    maxWorkers: 2,
  },
});
