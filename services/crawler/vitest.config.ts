import { defineConfig } from 'vitest/config';

// Integration hooks create and delete topics on the real broker: slower than vitest's 10 s default under load.
export default defineConfig({ test: { include: ['src/**/*.test.ts'], hookTimeout: 60_000 } });
