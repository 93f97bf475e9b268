import {defineConfig} from 'vitest/config';

// e2e tests spawn the built binary and real PTYs; the machines have 2 cores, so
// files run in forks with a small pool and generous per-test timeouts (tests
// still poll for conditions; the timeout is only the give-up point).
export default defineConfig({
  test: {
    include: ['tests/**/*.test.{ts,tsx}'],
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 30_000,
    reporters: process.env.CI ? ['default'] : ['default'],
  },
});
