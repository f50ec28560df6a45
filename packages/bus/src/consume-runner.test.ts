import { createLogger } from '@abep/logger';
import { AbepError, type DeadLetterV1, topics } from '@abep/schemas';
import { describe, expect, it } from 'vitest';
import { createMessageProcessor } from './consume-runner.ts';

const request = {
  crawlId: 'c-1',
  pipeline: 'la-websites',
  url: 'https://a.example/',
  depth: 0,
  requestedAt: '2025-01-06T10:00:00.000Z',
};
const raw = {
  topic: 'crawl.requested.v1',
  partition: 0,
  offset: '0',
  key: 'a.example',
  value: Buffer.from(JSON.stringify(request)),
  headers: {},
};

function processor(failures: number, code: 'BUS_UNAVAILABLE' | 'FETCH_TIMEOUT') {
  const letters: DeadLetterV1[] = [];
  let calls = 0;
  const process = createMessageProcessor(
    topics.crawlRequested,
    async () => {
      if (++calls <= failures) throw new AbepError(code, 'down', { retriable: true });
    },
    {
      groupId: 'g',
      retry: { maxAttempts: 3, initialDelayMs: 1, maxDelayMs: 2 },
      logger: createLogger({ level: 'silent' }),
      signal: new AbortController().signal,
      deadLetter: async (l) => {
        letters.push(l);
      },
    },
  );
  return { process, letters, calls: () => calls };
}

describe('createMessageProcessor', () => {
  it('waits out a broker outage longer than the retry budget instead of dead-lettering the message', async () => {
    const p = processor(10, 'BUS_UNAVAILABLE');
    await p.process(raw);
    expect(p.calls()).toBe(11);
    expect(p.letters).toEqual([]);
  });

  it('still dead-letters other retriable failures once the attempts are spent', async () => {
    const p = processor(10, 'FETCH_TIMEOUT');
    await p.process(raw);
    expect(p.calls()).toBe(3);
    expect(p.letters.map((l) => l.code)).toEqual(['RETRIES_EXHAUSTED']);
  });
});

describe('alreadyDeadLettered', () => {
  const poison = { ...raw, offset: '7', value: Buffer.from('not json') };
  const run = async (already?: (m: { topic: string; partition: number; offset: string }) => boolean) => {
    const letters: DeadLetterV1[] = [];
    const process = createMessageProcessor(topics.crawlRequested, async () => {}, {
      groupId: 'crawl-tracker-x',
      retry: { maxAttempts: 3, initialDelayMs: 1, maxDelayMs: 2 },
      logger: createLogger({ level: 'silent' }),
      signal: new AbortController().signal,
      deadLetter: async (l) => {
        letters.push(l);
      },
      ...(already ? { alreadyDeadLettered: already } : {}),
    });
    await process(poison);
    return letters.length;
  };
  const seen = (m: { topic: string; partition: number; offset: string }) =>
    `${m.topic}/${m.partition}/${m.offset}` === 'crawl.requested.v1/0/7';

  it('skips (and so commits) a poison message an earlier run dead-lettered, without a second letter', async () => {
    expect(await run(seen)).toBe(0);
  });

  it('dead-letters one no earlier run did, and every one when unset', async () => {
    expect(await run(() => false)).toBe(1);
    expect(await run()).toBe(1);
  });
});
