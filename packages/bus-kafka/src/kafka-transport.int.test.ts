import { setTimeout as sleep } from 'node:timers/promises';
import type { RawMessage } from '@abep/bus';
import { eventually, requireService, uniqueId } from '@abep/testkit';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createTestKafkaBus } from './test-kafka-bus.ts';

const TOPIC = 'crawl.requested.v1';
const payload = (n: number) => ({ key: 'a.example', value: Buffer.from(`m${n}`) });
const body = (m: RawMessage) => m.value.toString();

describe('KafkaTransport on the real broker', { timeout: 30_000 }, () => {
  let dispose: (() => Promise<void>) | undefined;
  beforeAll(() => requireService('kafka'));
  afterEach(async () => {
    await dispose?.();
    dispose = undefined;
  });

  it('hands a message whose handle rejected over again, never skipping it, under its logical topic name', async () => {
    const { transport, dispose: d } = await createTestKafkaBus();
    dispose = d;
    await transport.send(TOPIC, [0, 1, 2].map(payload));
    const seen: string[] = [];
    let failures = 0;
    await transport.consume({
      topic: TOPIC,
      groupId: uniqueId('g'),
      fromBeginning: true,
      partitionConcurrency: 1,
      handle: async (m) => {
        expect(m.topic).toBe(TOPIC);
        seen.push(body(m));
        if (body(m) === 'm1' && failures++ < 2) throw new Error('not yet');
      },
    });
    await eventually(() => expect(seen).toEqual(['m0', 'm1', 'm1', 'm1', 'm2']), 20_000);
  });

  it('close lets the in-flight handler finish and commits it, so the group resumes after it', async () => {
    const { transport, dispose: d } = await createTestKafkaBus();
    dispose = d;
    const groupId = uniqueId('g');
    await transport.send(TOPIC, [0, 1, 2].map(payload));
    const first: string[] = [];
    const release = Promise.withResolvers<void>();
    const consumer = await transport.consume({
      topic: TOPIC,
      groupId,
      fromBeginning: true,
      partitionConcurrency: 1,
      handle: async (m) => {
        first.push(body(m));
        if (body(m) === 'm1') await release.promise;
      },
    });
    await eventually(() => expect(first).toEqual(['m0', 'm1']), 20_000);
    const closing = consumer.close();
    await sleep(200);
    release.resolve();
    await closing;
    expect(first).toEqual(['m0', 'm1']);

    const second: string[] = [];
    await transport.consume({
      topic: TOPIC,
      groupId,
      fromBeginning: true,
      partitionConcurrency: 1,
      handle: async (m) => {
        second.push(body(m));
      },
    });
    await eventually(() => expect(second).toEqual(['m2']), 20_000);
  });

  it('maps a record the broker refuses as too large to MESSAGE_TOO_LARGE, not retriable, and keeps producing', async () => {
    const { transport, dispose: d } = await createTestKafkaBus();
    dispose = d;
    for (const bytes of [1_100_000, 2 * 1024 * 1024]) {
      const error = await transport
        .send(TOPIC, [{ key: 'a.example', value: Buffer.alloc(bytes, 0x61) }])
        .catch((e: unknown) => e);
      expect(error).toMatchObject({ code: 'MESSAGE_TOO_LARGE', retriable: false });
    }
    await transport.send(TOPIC, [payload(1)]);
    const read: RawMessage[] = [];
    for await (const m of transport.readToEnd(TOPIC)) read.push(m);
    expect(read.map(body)).toEqual(['m1']);
  });

  it('reads a topic to the end as of the call, partition by partition, and leaves no group behind', async () => {
    const { transport, dispose: d } = await createTestKafkaBus();
    dispose = d;
    const hosts = ['a.example', 'b.example', 'c.example', 'd.example', 'e.example'];
    await transport.send(
      TOPIC,
      hosts.flatMap((key) => [0, 1].map((n) => ({ key, value: Buffer.from(`${key}#${n}`) }))),
    );
    const admin = await transport.admin();
    const readGroups = async () =>
      (await admin.listGroups()).groups
        .map((g) => g.groupId)
        .filter((id) => id.startsWith('abep-read-to-end-'));
    const before = await readGroups();
    const read: RawMessage[] = [];
    for await (const m of transport.readToEnd(TOPIC)) {
      if (read.length === 0) await transport.send(TOPIC, [{ key: 'a.example', value: Buffer.from('late') }]);
      read.push(m);
    }
    expect(read).toHaveLength(10);
    expect(read.map((m) => m.partition)).toEqual([...read.map((m) => m.partition)].sort((a, b) => a - b));
    for (const key of hosts) {
      expect(read.filter((m) => m.key === key).map(body)).toEqual([`${key}#0`, `${key}#1`]);
    }
    expect((await readGroups()).filter((id) => !before.includes(id))).toEqual([]);
  });
});
