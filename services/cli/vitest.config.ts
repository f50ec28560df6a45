import { defineConfig } from 'vitest/config';

// CLI tests spawn `abep` processes; each takes seconds to start on a loaded machine, so 5 s per test is too tight.
export default defineConfig({ test: { include: ['src/**/*.test.ts'], testTimeout: 60_000 } });
