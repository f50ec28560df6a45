import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { abepBin as bin, measureStartMs, spawnBudgetMs } from './spawn-budget.test-helper.ts';

const startMs = measureStartMs();
const HELP = [['--help'], ['run', '--help'], ['snapshots', 'download', '--help'], ['serve', '--help']];
/** The unreachable-broker case retries for a bounded time before exiting 3: measured 5 s beyond the start at load 19. */
const BROKER_RETRIES_MS = 30_000;

function abep(args: string[], env: Record<string, string> = {}) {
  const result = spawnSync(process.execPath, [bin, ...args], {
    encoding: 'utf8',
    env: { PATH: process.env.PATH ?? '', ABEP_STORE_DIR: mkdtempSync(join(tmpdir(), 'abep-cli-')), ...env },
    timeout: spawnBudgetMs(startMs, 1, BROKER_RETRIES_MS),
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('abep command line', { timeout: spawnBudgetMs(startMs) }, () => {
  it('prints help for every command and exits 0', { timeout: spawnBudgetMs(startMs, HELP.length) }, () => {
    for (const args of HELP) {
      const r = abep(args);
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(/^Usage: abep/);
    }
  });

  it('refuses broken configuration with one line naming the variable, exit 2, no stack trace', () => {
    const r = abep(['status'], { ABEP_S3_ENDPOINT: 'not a url', ABEP_S3_BUCKET: 'b' });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^abep: CONFIG_INVALID: ABEP_S3_ENDPOINT: /);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('refuses an unknown LA with the fix, exit 2', () => {
    const r = abep(['run', '--la', 'Narnia']);
    expect(r.code).toBe(2);
    expect(r.stderr.trim()).toMatch(/^abep: CONFIG_INVALID: --la "Narnia": not an English LA/);
  });

  it('refuses a malformed URL list naming the line, exit 2', () => {
    const dir = mkdtempSync(join(tmpdir(), 'abep-urls-'));
    const file = join(dir, 'urls.txt');
    writeFileSync(file, 'https://ok.example/\nhttp//broken\n');
    const r = abep(['run', '--urls', file]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--urls line 2: "http\/\/broken" is not a URL/);
  });

  it('refuses a bad cron expression in the schedules, exit 2', () => {
    const r = abep(['serve', 'scheduler'], {
      ABEP_SCHEDULER_SCHEDULES: '[{"name":"weekly","pipelines":["la-websites"],"cron":"every monday"}]',
      ABEP_METRICS_PORT: '0',
    });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(
      /ABEP_SCHEDULER_SCHEDULES\[0\]\.cron: "every monday" is not a valid cron expression/,
    );
  });

  const brokerBudget = spawnBudgetMs(startMs, 1, BROKER_RETRIES_MS);
  it('names an unreachable broker and exits 3 after bounded retries, not a hang', {
    timeout: brokerBudget,
  }, () => {
    const r = abep(['crawl', '--la', 'Sheffield'], { ABEP_KAFKA_BROKERS: '127.0.0.1:1' });
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/BUS_UNAVAILABLE: .*127\.0\.0\.1:1/);
  });
});
