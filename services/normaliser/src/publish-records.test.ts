import { readFileSync } from 'node:fs';
import { createBus, MemoryTransport } from '@abep/bus';
import { silentLogger } from '@abep/logger';
import type { DeadLetterV1, PartnershipV1, RegisterRecordV1 } from '@abep/schemas';
import { describe, expect, it } from 'vitest';
import { publishRecords } from './publish-records.ts';

const partnership: PartnershipV1 = JSON.parse(
  readFileSync(
    new URL('../../../packages/schemas/fixtures/register.updated.v1.json', import.meta.url),
    'utf8',
  ),
);
const record = (i: number, description = 'short'): PartnershipV1 => ({
  ...partnership,
  id: `abep-${String(i).padStart(8, '0')}`,
  description,
});

/** A bus whose transport carries at most `limit` bytes a message, as a broker with a small message.max.bytes. */
function smallBus(limit: number) {
  const transport = new (class extends MemoryTransport {
    readonly maxMessageBytes = limit;
  })();
  return createBus(transport);
}

async function read(bus: ReturnType<typeof smallBus>) {
  const register: RegisterRecordV1[] = [];
  const letters: DeadLetterV1[] = [];
  for await (const r of bus.readToEnd('register.updated.v1')) if (r.ok) register.push(r.delivery.value);
  for await (const r of bus.readToEnd('message.dead-lettered.v1')) if (r.ok) letters.push(r.delivery.value);
  return { register, letters };
}

const context = {
  groupId: 'normaliser',
  logger: silentLogger(),
  now: () => new Date('2026-01-01T00:00:00Z'),
};

describe('publishRecords: a record the bus refuses is a dead letter, not an outage', () => {
  it.each([
    ['none over', [100, 200, 300], []],
    ['one over', [100, 4000, 300], [1]],
    ['all but one over', [4000, 100, 4000], [0, 2]],
  ])('%s: the rest are published, each refused one dead-lettered once', async (_name, sizes, over) => {
    const bus = smallBus(3000);
    const records = sizes.map((n, i) => record(i, 'd'.repeat(n)));
    const published = await publishRecords(bus, records, context);
    const { register, letters } = await read(bus);
    const kept = records.filter((_, i) => !over.includes(i));
    expect(published).toEqual(kept);
    expect(register.map((r) => r.kind === 'partnership' && r.id).sort()).toEqual(kept.map((r) => r.id));
    expect(letters.map((l) => [l.topic, l.key, l.code])).toEqual(
      over.map((i) => ['register.updated.v1', `partnership:${records[i]?.id}`, 'MESSAGE_TOO_LARGE']),
    );
    // The letter keeps the record's bytes where it fits the bus (here: not; see the 100 kB bus below).
    for (const l of letters) expect(l.originalTruncated?.bytes).toBeGreaterThan(4000);
  });

  it('on the default bus, a record over 1 MB is dead-lettered with its first 256 KiB, length and sha256', async () => {
    const bus = createBus(new MemoryTransport());
    const schools = Array.from({ length: 5000 }, (_, i) => ({
      name: `School ${i}`,
      match: 'unresolved' as const,
      sourceUrl: `https://a.example/${i}/`.padEnd(300, 'x'),
    }));
    const huge = { ...record(1), memberSchools: schools };
    const bytes = Buffer.byteLength(JSON.stringify(huge));
    expect(bytes).toBeGreaterThan(1_000_000);
    expect(await publishRecords(bus, [record(2), huge], context)).toEqual([record(2)]);
    const { register, letters } = await read(bus);
    expect(register).toEqual([record(2)]);
    expect(letters).toHaveLength(1);
    expect(letters[0]?.originalTruncated?.bytes).toBe(bytes);
    expect(Buffer.from(letters[0]?.originalValue ?? '', 'base64')).toHaveLength(256 * 1024);
  });

  it('an outage is still thrown for the caller to retry', async () => {
    const bus = smallBus(3000);
    await bus.close();
    const transport = new (class extends MemoryTransport {
      override async send(): Promise<void> {
        throw Object.assign(new Error('down'), { code: 'ECONNREFUSED' });
      }
    })();
    await expect(publishRecords(createBus(transport), [record(1)], context)).rejects.toThrow('down');
  });
});
