import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { AbepError } from '@abep/schemas';
import { describe, expect, it } from 'vitest';
import { MAX_DEADLINE_MINUTES, readSettings } from './settings.ts';

const TIMER_MAX_MS = 2 ** 31 - 1;

function problem(env: Record<string, string>): string | undefined {
  try {
    readSettings(env);
    return undefined;
  } catch (err) {
    expect(err).toBeInstanceOf(AbepError);
    expect((err as AbepError).code).toBe('CONFIG_INVALID');
    return (err as AbepError).message;
  }
}

// Every duration fits Node's timer (past 2^31-1 ms a timer fires at once), and brokers are host:port.
describe('settings at their edges', () => {
  it.each([
    ['ABEP_RUN_DEADLINE_MINUTES', MAX_DEADLINE_MINUTES],
    ['ABEP_NORMALISER_GRACE_MS', 86_400_000],
    ['ABEP_FETCH_PER_HOST_DELAY_MS', 3_600_000],
    ['ABEP_CRAWLER_WARC_ROLL_MS', 3_600_000],
    ['ABEP_EXTRACTOR_PAGE_BUDGET_MS', TIMER_MAX_MS],
  ])('%s: %i is accepted, one more and 2^31 ms are refused naming it', (variable, max) => {
    expect(problem({ [variable]: String(max) })).toBeUndefined();
    expect(problem({ [variable]: String(max + 1) })).toContain(variable);
    expect(problem({ [variable]: String(2 ** 31) })).toContain(variable);
    expect(problem({ [variable]: '1e20' })).toContain(variable);
  });

  it('the longest run limit (deadline + grace + 1 min) fits a timer', () => {
    const s = readSettings({
      ABEP_RUN_DEADLINE_MINUTES: String(MAX_DEADLINE_MINUTES),
      ABEP_NORMALISER_GRACE_MS: '86400000',
    });
    expect(s.run.deadlineMinutes * 60_000 + s.normaliser.graceMs + 60_000).toBeLessThanOrEqual(TIMER_MAX_MS);
  });

  it.each(['127.0.0.1:9092', 'kafka-1.internal:9092,kafka-2.internal:9093', '[::1]:9092', 'k:1', 'k:65535'])(
    'broker list %s is accepted',
    (brokers) => {
      expect(problem({ ABEP_KAFKA_BROKERS: brokers })).toBeUndefined();
    },
  );

  it.each([
    'not-a-broker',
    'k:99999',
    'k:0',
    'k:65536',
    ':9092',
    'k:',
    'k:9092:1',
    'a b:9092',
    '127.0.0.1:9092,oops',
    '1.2.3.999:9092',
    '[:::::]:9092',
    'a..b:9092',
    '-kafka.internal:9092',
  ])('broker list %s is refused naming ABEP_KAFKA_BROKERS', (brokers) => {
    expect(problem({ ABEP_KAFKA_BROKERS: brokers })).toContain('ABEP_KAFKA_BROKERS');
  });

  it('--deadline-minutes past the limit exits 2', () => {
    const r = spawnSync(
      process.execPath,
      [join(import.meta.dirname, 'bin.ts'), 'run', '--deadline-minutes', String(MAX_DEADLINE_MINUTES + 1)],
      { encoding: 'utf8', env: { PATH: process.env.PATH ?? '' }, timeout: 60_000 },
    );
    expect(r.stderr).toContain(`at most ${MAX_DEADLINE_MINUTES}`);
    expect(r.status).toBe(2);
  }, 60_000);
});
