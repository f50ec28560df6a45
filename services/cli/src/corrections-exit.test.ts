import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const bin = join(import.meta.dirname, 'bin.ts');
const dir = mkdtempSync(join(tmpdir(), 'abep-corrections-'));

function run(corrections: string) {
  const r = spawnSync(process.execPath, [bin, 'run', '--la', 'Camden', '--deadline-minutes', '1'], {
    encoding: 'utf8',
    env: {
      PATH: process.env.PATH ?? '',
      ABEP_STORE_DIR: join(dir, 'store'),
      ABEP_NORMALISER_CORRECTIONS: corrections,
      ABEP_LOG_LEVEL: 'error',
    },
    timeout: 90_000,
  });
  return { code: r.status, stderr: r.stderr };
}

// A bad corrections file stops `abep run` before it starts (exit 2), naming what to fix.
describe('abep run with bad corrections', { timeout: 100_000 }, () => {
  it('exits 2 listing each wrongly typed value by file, entry and field', () => {
    const file = join(dir, 'corrections.yaml');
    const entry = 'id: abep-0123456789ab, by: x, reason: y, date: 2025-01-01';
    writeFileSync(
      file,
      `corrections:\n  - {action: pin, field: foundedYear, value: not-a-year, ${entry}}\n  - {action: pin, field: website, value: "javascript:alert(1)", ${entry}}\n`,
    );
    const r = run(file);
    expect(r.stderr).toContain(`${file}: 2 problem(s)`);
    expect(r.stderr).toContain('corrections[0] (pin abep-0123456789ab) field value (foundedYear)');
    expect(r.stderr).toContain('corrections[1] (pin abep-0123456789ab) field value (website)');
    expect(r.code).toBe(2);
  });

  it('exits 2 naming the variable when the file is missing', () => {
    const r = run(join(dir, 'missing.yaml'));
    expect(r.stderr).toContain(`ABEP_NORMALISER_CORRECTIONS=${join(dir, 'missing.yaml')}: no such file`);
    expect(r.code).toBe(2);
  });
});
