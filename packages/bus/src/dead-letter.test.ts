import { createHash } from 'node:crypto';
import { createLogger } from '@abep/logger';
import { AbepError, DEAD_LETTER_MAX_ORIGINAL_BYTES, DeadLetterV1, topics } from '@abep/schemas';
import { describe, expect, it } from 'vitest';
import { createMessageProcessor, type KeepOriginal } from './consume-runner.ts';
import { deadLetterOf } from './dead-letter.ts';
import type { RawMessage } from './transport.ts';
import { DEFAULT_MAX_MESSAGE_BYTES } from './transport.ts';

const raw = (bytes: number, headers: Record<string, string> = {}): RawMessage => ({
  topic: 'crawl.finished.v1',
  partition: 0,
  offset: '7',
  key: 'c-1',
  value: Buffer.alloc(bytes, 0x7b),
  headers,
});
const encodedBytes = (letter: DeadLetterV1) => Buffer.byteLength(JSON.stringify(DeadLetterV1.parse(letter)));
const context = { groupId: 'g', attempts: 1, now: new Date('2026-01-01T00:00:00Z') };
const notJson = new AbepError('MESSAGE_NOT_JSON', 'not JSON');

describe('dead letters always fit on the bus', () => {
  const max = DEAD_LETTER_MAX_ORIGINAL_BYTES;
  it.each([0, 1, max - 1, max, max + 1, 900 * 1024, 1024 * 1024, 8 * 1024 * 1024])(
    'a %i-byte original: kept whole up to the limit, cut past it with its length and sha256',
    (bytes) => {
      const message = raw(bytes);
      const letter = deadLetterOf(message, notJson, context);
      expect(encodedBytes(letter)).toBeLessThan(DEFAULT_MAX_MESSAGE_BYTES / 2);
      const kept = Buffer.from(letter.originalValue, 'base64');
      expect(kept.equals(message.value.subarray(0, Math.min(bytes, max)))).toBe(true);
      if (bytes > max) {
        expect(letter.originalTruncated).toEqual({
          bytes,
          sha256: createHash('sha256').update(message.value).digest('hex'),
        });
      } else expect(letter.originalTruncated).toBeUndefined();
      expect(letter.code).toBe('MESSAGE_NOT_JSON');
    },
  );

  it('bounds the error details (100,000 zod issues), the key and the headers', () => {
    const issues = Array.from({ length: 100_000 }, (_, i) => ({ code: 'too_big', path: ['aliases', i] }));
    const error = new AbepError('SCHEMA_INVALID', 'x'.repeat(50_000), { details: { issues } });
    const headers = Object.fromEntries(Array.from({ length: 2000 }, (_, i) => [`h${i}`, 'v'.repeat(1000)]));
    const message = { ...raw(2 * 1024 * 1024, headers), key: 'k'.repeat(500_000) };
    const letter = deadLetterOf(message, error, context);
    expect(encodedBytes(letter)).toBeLessThan(DEFAULT_MAX_MESSAGE_BYTES / 2);
    expect(letter.details?.issueCount).toBe(100_000);
    expect(letter.details?.issues).toEqual(
      expect.arrayContaining([expect.objectContaining({ code: 'too_big' })]),
    );
    expect(letter.code).toBe('SCHEMA_INVALID');
  });
});

describe('a dead letter that cannot be written', () => {
  const run = (refuse: (letter: DeadLetterV1) => AbepError | undefined) => {
    const written: DeadLetterV1[] = [];
    const process = createMessageProcessor(topics.crawlFinished, async () => {}, {
      groupId: 'g',
      retry: { maxAttempts: 1, initialDelayMs: 1, maxDelayMs: 1 },
      logger: createLogger({ level: 'silent' }),
      signal: new AbortController().signal,
      deadLetter: async (letter) => {
        const error = refuse(letter);
        if (error) throw error;
        written.push(letter);
      },
    });
    return { written, process: () => process(raw(10)) };
  };
  const tooLarge = () => new AbepError('MESSAGE_TOO_LARGE', 'too large');

  it('is written again without its optional parts when refused for good', async () => {
    const p = run((l) => (l.originalValue.length > 0 ? tooLarge() : undefined));
    await p.process();
    expect(p.written).toHaveLength(1);
    expect(p.written[0]?.originalTruncated?.bytes).toBe(10);
  });

  it('is given up (the consumer moves on) when even the minimal letter is refused for good', async () => {
    const p = run(() => tooLarge());
    await expect(p.process()).resolves.toBeUndefined();
  });

  const processorKeeping = (keepOriginal: KeepOriginal, written: (letter: DeadLetterV1) => void = () => {}) =>
    createMessageProcessor(topics.crawlFinished, async () => {}, {
      groupId: 'g',
      retry: { maxAttempts: 1, initialDelayMs: 1, maxDelayMs: 1 },
      logger: createLogger({ level: 'silent' }),
      signal: new AbortController().signal,
      deadLetter: async (letter) => written(letter),
      keepOriginal,
    });

  it('keeps the whole original of a message too large for its letter where it is told to, and says where', async () => {
    const kept = new Map<string, Buffer>();
    const written: DeadLetterV1[] = [];
    const process = processorKeeping(
      async (m, bytes) => {
        const key = `dl/${m.topic}/${m.partition}/${m.offset}-${m.sha256.slice(0, 8)}`;
        kept.set(key, bytes);
        return key;
      },
      (letter) => void written.push(letter),
    );
    const small = raw(10);
    const large = raw(DEAD_LETTER_MAX_ORIGINAL_BYTES + 1);
    await process(small);
    await process(large);
    expect(kept.size).toBe(1);
    const [letterOfSmall, letterOfLarge] = written;
    expect(letterOfSmall?.originalTruncated).toBeUndefined();
    const storedAt = letterOfLarge?.originalTruncated?.storedAt as string;
    expect(kept.get(storedAt)?.equals(large.value)).toBe(true);
    expect(letterOfLarge?.originalTruncated?.sha256).toBe(
      createHash('sha256').update(large.value).digest('hex'),
    );
  });

  it('is retried by redelivery (rejects) while the store keeping a large original is down', async () => {
    const process = processorKeeping(async () => {
      throw new AbepError('STORE_UNAVAILABLE', 'down', { retriable: true });
    });
    await expect(process(raw(DEAD_LETTER_MAX_ORIGINAL_BYTES + 1))).rejects.toMatchObject({
      code: 'STORE_UNAVAILABLE',
    });
  });

  it('is retried by redelivery (rejects) while the bus is unavailable', async () => {
    const p = run(() => new AbepError('BUS_UNAVAILABLE', 'down', { retriable: true }));
    await expect(p.process()).rejects.toMatchObject({ code: 'BUS_UNAVAILABLE' });
  });
});
