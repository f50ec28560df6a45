import { createHash } from 'node:crypto';
import type { Bus, Delivery, Transport } from '@abep/bus';
import { AbepError, type CrawlRequestedV1, DeadLetterV1, hostKey } from '@abep/schemas';
import { afterEach, describe, expect, it } from 'vitest';
import { eventually, uniqueId } from './eventually.ts';

export interface BusUnderTest {
  bus: Bus;
  /** The same transport the bus uses, for writing raw (poison) bytes onto a topic. */
  transport: Transport;
  dispose(): Promise<void>;
}

const TOPIC = 'crawl.requested.v1';
type Req = Delivery<typeof TOPIC>;

export function request(host: string, n: number): CrawlRequestedV1 {
  return {
    crawlId: 'contract',
    pipeline: 'la-websites',
    url: `https://${host}/page/${n}`,
    depth: 0,
    requestedAt: '2026-01-01T00:00:00.000Z',
  };
}

async function deadLetters(bus: Bus): Promise<DeadLetterV1[]> {
  const letters: DeadLetterV1[] = [];
  for await (const read of bus.readToEnd('message.dead-lettered.v1')) {
    if (read.ok) letters.push(DeadLetterV1.parse(read.delivery.value));
  }
  return letters;
}

export const fast = { maxAttempts: 3, initialDelayMs: 10, maxDelayMs: 50 };

/**
 * The Bus contract: runs unchanged against the in-process twin and the real Kafka broker.
 * `create` must give a bus on fresh, empty topics each time.
 */
export function busContract(name: string, create: () => Promise<BusUnderTest>, timeoutMs = 60_000): void {
  describe(`Bus contract: ${name}`, { timeout: timeoutMs }, () => {
    let current: BusUnderTest | undefined;
    const open = async () => {
      current = await create();
      return current;
    };
    afterEach(async () => {
      await current?.dispose();
      current = undefined;
    });

    it('refuses a message that fails its schema before it reaches the topic', async () => {
      const { bus } = await open();
      const bad = { ...request('a.example', 1), url: 'not a url' };
      const error = await bus.publish(TOPIC, [request('a.example', 0), bad]).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(AbepError);
      expect((error as AbepError).code).toBe('SCHEMA_INVALID');
      expect((error as AbepError).details?.issues).toBeDefined();
      const read = [];
      for await (const r of bus.readToEnd(TOPIC)) read.push(r);
      expect(read).toHaveLength(0);
    });

    it('delivers messages with one key in publish order, each once', async () => {
      const { bus } = await open();
      const hosts = ['a.example', 'b.example', 'c.example', 'd.example'];
      const sent = Array.from({ length: 40 }, (_, i) => request(hosts[i % hosts.length] as string, i));
      for (let i = 0; i < sent.length; i += 7) await bus.publish(TOPIC, sent.slice(i, i + 7));
      const seen: Req[] = [];
      await bus.subscribe({
        topic: TOPIC,
        groupId: uniqueId('g'),
        partitionConcurrency: 3,
        handler: async (d) => {
          seen.push(d);
        },
      });
      await eventually(() => expect(seen).toHaveLength(sent.length), timeoutMs / 2);
      for (const host of hosts) {
        const got = seen.filter((d) => d.key === host).map((d) => d.value.url);
        const want = sent.filter((r) => hostKey(r.url) === host).map((r) => r.url);
        expect(got).toEqual(want);
      }
    });

    it('redelivers a message whose handler failed retriably, then carries on in order', async () => {
      const { bus } = await open();
      await bus.publish(
        TOPIC,
        [0, 1, 2].map((n) => request('a.example', n)),
      );
      const calls: string[] = [];
      await bus.subscribe({
        topic: TOPIC,
        groupId: uniqueId('g'),
        retry: fast,
        handler: async (d) => {
          calls.push(`${d.value.url}#${d.attempt}`);
          if (d.value.url.endsWith('/1') && d.attempt < 3) {
            throw new AbepError('FETCH_TIMEOUT', 'flaky', { retriable: true });
          }
        },
      });
      await eventually(() => expect(calls).toHaveLength(5), timeoutMs / 2);
      expect(calls).toEqual([
        'https://a.example/page/0#1',
        'https://a.example/page/1#1',
        'https://a.example/page/1#2',
        'https://a.example/page/1#3',
        'https://a.example/page/2#1',
      ]);
      expect(await deadLetters(bus)).toHaveLength(0);
    });

    it('commits only after the handler succeeds: a restarted consumer resumes at the unfinished message', async () => {
      const { bus } = await open();
      const groupId = uniqueId('g');
      await bus.publish(
        TOPIC,
        [0, 1, 2, 3].map((n) => request('a.example', n)),
      );
      const first: string[] = [];
      const sub = await bus.subscribe({
        topic: TOPIC,
        groupId,
        retry: { maxAttempts: 1000, initialDelayMs: 50, maxDelayMs: 50 },
        handler: async (d) => {
          first.push(d.value.url);
          if (d.value.url.endsWith('/2'))
            throw new AbepError('STORE_UNAVAILABLE', 'down', { retriable: true });
        },
      });
      await eventually(
        () => expect(first.filter((u) => u.endsWith('/2')).length).toBeGreaterThan(1),
        timeoutMs / 2,
      );
      await sub.close();
      const second: string[] = [];
      await bus.subscribe({
        topic: TOPIC,
        groupId,
        handler: async (d) => {
          second.push(d.value.url);
        },
      });
      await eventually(
        () => expect(second).toEqual(['https://a.example/page/2', 'https://a.example/page/3']),
        timeoutMs / 2,
      );
    });

    it('with maxInFlight, a message still in its handler does not hold back later ones on its partition', async () => {
      const { bus } = await open();
      await bus.publish(
        TOPIC,
        [0, 1, 2, 3].map((n) => request('a.example', n)),
      );
      const release = Promise.withResolvers<void>();
      const done: string[] = [];
      await bus.subscribe({
        topic: TOPIC,
        groupId: uniqueId('g'),
        maxInFlight: 10,
        handler: async (d) => {
          if (d.value.url.endsWith('/0')) await release.promise;
          done.push(d.value.url);
        },
      });
      await eventually(() => expect(done).toHaveLength(3), timeoutMs / 2);
      expect(done).not.toContain('https://a.example/page/0');
      release.resolve();
      await eventually(() => expect(done).toContain('https://a.example/page/0'), timeoutMs / 2);
    });

    it('with maxInFlight, commits only up to the oldest unsettled message; close aborts its handler', async () => {
      const { bus } = await open();
      const groupId = uniqueId('g');
      await bus.publish(
        TOPIC,
        [0, 1, 2, 3].map((n) => request('a.example', n)),
      );
      const done: string[] = [];
      let aborted = 0;
      const sub = await bus.subscribe({
        topic: TOPIC,
        groupId,
        maxInFlight: 10,
        handler: async (d) => {
          if (d.value.url.endsWith('/1')) {
            await new Promise((_, reject) =>
              d.signal.addEventListener('abort', () => {
                aborted++;
                reject(d.signal.reason);
              }),
            );
          }
          done.push(d.value.url);
        },
      });
      await eventually(() => expect(done).toHaveLength(3), timeoutMs / 2);
      // close() commits what has settled (the port's contract), so no wait for a commit timer.
      await sub.close();
      expect(aborted).toBe(1);
      const second: string[] = [];
      await bus.subscribe({
        topic: TOPIC,
        groupId,
        handler: async (d) => {
          second.push(d.value.url);
        },
      });
      await eventually(() => expect(second).toHaveLength(3), timeoutMs / 2);
      expect(second).toEqual([
        'https://a.example/page/1',
        'https://a.example/page/2',
        'https://a.example/page/3',
      ]);
    });

    it('dead-letters a non-retriable failure with its code and the original message, and moves on', async () => {
      const { bus } = await open();
      await bus.publish(
        TOPIC,
        [0, 1].map((n) => request('a.example', n)),
      );
      const handled: string[] = [];
      await bus.subscribe({
        topic: TOPIC,
        groupId: uniqueId('g'),
        retry: fast,
        handler: async (d) => {
          if (d.value.url.endsWith('/0')) throw new AbepError('EXTRACT_FAILED', 'cannot read page');
          handled.push(d.value.url);
        },
      });
      await eventually(() => expect(handled).toEqual(['https://a.example/page/1']), timeoutMs / 2);
      const letters = await eventually(async () => {
        const l = await deadLetters(bus);
        expect(l).toHaveLength(1);
        return l;
      }, timeoutMs / 2);
      const letter = letters[0] as DeadLetterV1;
      expect(letter.code).toBe('EXTRACT_FAILED');
      expect(letter.topic).toBe(TOPIC);
      expect(JSON.parse(Buffer.from(letter.originalValue, 'base64').toString('utf8'))).toEqual(
        request('a.example', 0),
      );
    });

    it('dead-letters a message whose retries are exhausted, naming the last error', async () => {
      const { bus } = await open();
      await bus.publish(TOPIC, [request('a.example', 0)]);
      let calls = 0;
      await bus.subscribe({
        topic: TOPIC,
        groupId: uniqueId('g'),
        retry: fast,
        handler: async () => {
          calls++;
          throw new AbepError('HTTP_SERVER_ERROR', '503', { retriable: true });
        },
      });
      const letters = await eventually(async () => {
        const l = await deadLetters(bus);
        expect(l).toHaveLength(1);
        return l;
      }, timeoutMs / 2);
      expect(calls).toBe(fast.maxAttempts);
      expect(letters[0]?.code).toBe('RETRIES_EXHAUSTED');
      expect(letters[0]?.details?.lastCode).toBe('HTTP_SERVER_ERROR');
      expect(letters[0]?.attempts).toBe(fast.maxAttempts);
    });

    it('skips poison messages (not JSON, wrong schema) to the dead-letter topic without stalling', async () => {
      const { bus, transport } = await open();
      await transport.send(TOPIC, [
        { key: 'a.example', value: Buffer.from('\u0000\u00ffnot json{') },
        { key: 'a.example', value: Buffer.from(JSON.stringify({ crawlId: 'x', url: 42 })) },
      ]);
      await bus.publish(TOPIC, [request('a.example', 7)]);
      const handled: string[] = [];
      await bus.subscribe({
        topic: TOPIC,
        groupId: uniqueId('g'),
        handler: async (d) => {
          handled.push(d.value.url);
        },
      });
      await eventually(() => expect(handled).toEqual(['https://a.example/page/7']), timeoutMs / 2);
      const letters = await eventually(async () => {
        const l = await deadLetters(bus);
        expect(l).toHaveLength(2);
        return l;
      }, timeoutMs / 2);
      expect(letters.map((l) => l.code)).toEqual(['MESSAGE_NOT_JSON', 'SCHEMA_INVALID']);
      expect(Buffer.from(letters[0]?.originalValue ?? '', 'base64').toString('latin1')).toContain(
        'not json{',
      );
      const reads = [];
      for await (const r of bus.readToEnd(TOPIC)) reads.push(r.ok);
      expect(reads.sort()).toEqual([false, false, true]);
    });

    it('dead-letters messages too large to carry whole (cut, with length and sha256) and moves on', async () => {
      const { bus, transport } = await open();
      // Around the dead letter's own cut-off, and near the broker's 1 MiB limit, where base64 would not fit.
      const sizes = [200 * 1024, 256 * 1024, 256 * 1024 + 1, 700 * 1024, 1000 * 1024];
      const poison = sizes.map((n) => Buffer.alloc(n, 0x61));
      for (const value of poison) await transport.send(TOPIC, [{ key: 'a.example', value }]);
      await bus.publish(TOPIC, [request('a.example', 9)]);
      const handled: string[] = [];
      await bus.subscribe({
        topic: TOPIC,
        groupId: uniqueId('g'),
        handler: async (d) => {
          handled.push(d.value.url);
        },
      });
      await eventually(() => expect(handled).toEqual(['https://a.example/page/9']), timeoutMs / 2);
      const letters = await eventually(async () => {
        const l = await deadLetters(bus);
        expect(l).toHaveLength(sizes.length);
        return l;
      }, timeoutMs / 2);
      for (const [i, letter] of letters.entries()) {
        const size = sizes[i] as number;
        expect(letter.code).toBe('MESSAGE_NOT_JSON');
        const kept = Buffer.from(letter.originalValue, 'base64');
        expect(kept.equals((poison[i] as Buffer).subarray(0, kept.length))).toBe(true);
        if (size > 256 * 1024) {
          expect(letter.originalTruncated?.bytes).toBe(size);
          expect(letter.originalTruncated?.sha256).toBe(
            createHash('sha256')
              .update(poison[i] as Buffer)
              .digest('hex'),
          );
        } else expect(kept.length).toBe(size);
      }
    });

    it('refuses a message over the size limit with MESSAGE_TOO_LARGE (not retriable), sending none of the batch', async () => {
      const { bus } = await open();
      for (const extra of [1_000_001, 1_100_000, 5_000_000]) {
        // URLs are bounded by their schema (8 KiB); the one free-text field makes the message large.
        const huge = { ...request('a.example', 1), laCode: 'x'.repeat(extra) };
        const error = await bus.publish(TOPIC, [request('a.example', 0), huge]).catch((e: unknown) => e);
        expect(error).toBeInstanceOf(AbepError);
        expect((error as AbepError).code).toBe('MESSAGE_TOO_LARGE');
        expect((error as AbepError).retriable).toBe(false);
      }
      const read = [];
      for await (const r of bus.readToEnd(TOPIC)) read.push(r);
      expect(read).toHaveLength(0);
    });

    it('shares a group between two consumers: every message handled exactly once', async () => {
      const { bus } = await open();
      const groupId = uniqueId('g');
      const seen = new Map<string, number>();
      const handler = async (d: Req) => {
        seen.set(d.value.url, (seen.get(d.value.url) ?? 0) + 1);
      };
      const subs = [
        await bus.subscribe({ topic: TOPIC, groupId, handler }),
        await bus.subscribe({ topic: TOPIC, groupId, handler }),
      ];
      const sent = Array.from({ length: 30 }, (_, i) => request(`h${i % 10}.example`, i));
      await bus.publish(TOPIC, sent);
      await eventually(() => expect(seen.size).toBe(sent.length), timeoutMs / 2);
      // close() lets in-flight handlers finish: after it, the counts are final.
      await Promise.all(subs.map((s) => s.close()));
      expect([...seen].filter(([, n]) => n !== 1)).toEqual([]);
    });

    it('starts a new group at the end of the topic when asked not to start from the beginning', async () => {
      const { bus } = await open();
      await bus.publish(TOPIC, [request('a.example', 0)]);
      const seen: string[] = [];
      const ready = bus.subscribe({
        topic: TOPIC,
        groupId: uniqueId('g'),
        fromBeginning: false,
        handler: async (d) => {
          seen.push(d.value.url);
        },
      });
      await ready;
      // Kafka assigns partitions asynchronously after subscribe; keep publishing until one arrives.
      await eventually(
        async () => {
          await bus.publish(TOPIC, [request('a.example', 1)]);
          expect(seen.length).toBeGreaterThan(0);
        },
        timeoutMs / 2,
        1000,
      );
      expect(seen).not.toContain('https://a.example/page/0');
    });
  });
}
