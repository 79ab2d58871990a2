import { defineConfig } from 'vitest/config';

// Two cores: cap the workers so Chromium instances in integration tests do not starve each other.
export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 60_000,
    hookTimeout: 120_000,
    reporters: ['default'],
  },
});
