import { defineConfig } from 'vitest/config';

// `pnpm test:unit`: every package's fast tests in one process, without the real broker or S3 server
// (`*.int.test.ts` and the end-to-end scenarios need them and run in `pnpm test`).
export default defineConfig({
  test: { projects: ['../packages/*', '../services/*', '../pipelines/*'] },
});
