import { defineConfig } from 'vitest/config';

// One scenario file at a time: the outage scenario stops the shared broker and S3 server, and every
// scenario is timing-sensitive on a 2-core machine. Hooks start and stop processes, servers and topics: on a
// loaded CI machine that has taken over vitest's 10 s default.
export default defineConfig({
  test: {
    include: ['**/*.test.ts'],
    exclude: ['node_modules/**'],
    fileParallelism: false,
    hookTimeout: 120_000,
  },
});
