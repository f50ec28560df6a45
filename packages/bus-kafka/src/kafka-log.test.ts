import { Writable } from 'node:stream';
import { createLogger } from '@abep/logger';
import { logLevel } from 'kafkajs';
import { describe, expect, it } from 'vitest';
import { kafkaLogCreator } from './kafka-log.ts';

function capture() {
  const lines: Record<string, unknown>[] = [];
  const destination = new Writable({
    write(chunk, _enc, cb) {
      lines.push(JSON.parse(String(chunk)));
      cb();
    },
  });
  return { lines, logger: createLogger({ level: 'info', destination }) };
}

const entry = (level: logLevel, message: string) => ({
  namespace: 'Consumer',
  level,
  label: 'X',
  log: { timestamp: '2026-01-01T00:00:00.000Z', logger: 'kafkajs', message, groupId: 'g1' },
});

describe('kafkaLogCreator', () => {
  it('passes kafkajs warnings and errors to pino at warn with their context, and nothing chattier', () => {
    const { lines, logger } = capture();
    const log = kafkaLogCreator(logger)(logLevel.WARN);
    log(entry(logLevel.INFO, 'Starting'));
    log(entry(logLevel.DEBUG, 'Fetching'));
    log(entry(logLevel.WARN, 'The group is rebalancing, re-joining'));
    log(entry(logLevel.ERROR, 'Crash: KafkaJSNumberOfRetriesExceeded'));
    expect(lines.map((l) => [l.level, l.msg, l.component, l.groupId])).toEqual([
      [40, 'The group is rebalancing, re-joining', 'kafkajs', 'g1'],
      [40, 'Crash: KafkaJSNumberOfRetriesExceeded', 'kafkajs', 'g1'],
    ]);
  });

  it('keeps the expected bounded-retries warning of the idempotent producer out of warn', () => {
    const { lines, logger } = capture();
    kafkaLogCreator(logger)(logLevel.WARN)(
      entry(logLevel.WARN, 'Limiting retries for the idempotent producer may invalidate EoS guarantees'),
    );
    expect(lines).toHaveLength(0);
  });
});
