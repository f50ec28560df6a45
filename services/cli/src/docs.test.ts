import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { configTable, topicTable } from './docs.ts';

const readme = readFileSync(join(import.meta.dirname, '..', '..', '..', 'README.md'), 'utf8');

describe('README', () => {
  it('lists every environment variable the services read (regenerate: node services/cli/src/docs.ts)', () => {
    for (const row of configTable().split('\n')) expect(readme).toContain(row);
  });

  it('lists every topic of the catalogue', () => {
    for (const row of topicTable().split('\n')) expect(readme).toContain(row);
  });
});
