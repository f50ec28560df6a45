import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const bin = join(import.meta.dirname, 'bin.ts');

/** Kafka configured but down: nothing listens on port 9 of loopback. */
function abepWithKafkaDown(args: string[]) {
  const result = spawnSync(process.execPath, [bin, ...args], {
    encoding: 'utf8',
    env: {
      PATH: process.env.PATH ?? '',
      ABEP_STORE_DIR: mkdtempSync(join(tmpdir(), 'abep-store-only-')),
      ABEP_KAFKA_BROKERS: '127.0.0.1:9',
      ABEP_LOG_LEVEL: 'error',
    },
    timeout: 60_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('commands that only read the store', () => {
  it('list snapshots while Kafka is configured but down', () => {
    const r = abepWithKafkaDown(['snapshots', 'list']);
    expect(r.stderr).not.toMatch(/BUS_UNAVAILABLE|kafka/i);
    expect(r.code).toBe(0);
    expect(r.stdout.trim()).toBe('no versions published yet');
  }, 60_000);

  it('promote names the problem (a version not listed) without touching Kafka', () => {
    const r = abepWithKafkaDown(['snapshots', 'promote', '20990101T000000Z-000000000000']);
    expect(r.stderr).not.toMatch(/BUS_UNAVAILABLE|kafka/i);
    expect(r.stderr).toMatch(/is not in register\/versions\.json/);
    expect(r.code).toBe(2);
  }, 60_000);

  it('show crawl status while Kafka is configured but down', () => {
    const r = abepWithKafkaDown(['status']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^no crawl status found in directory /);
  }, 60_000);
});
