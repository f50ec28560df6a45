import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Bus, createBus, MemoryTransport } from '@abep/bus';
import { loadGazetteer } from '@abep/gazetteer';
import { silentLogger } from '@abep/logger';
import type { RegisterRecordV1 } from '@abep/schemas';
import type { ObjectStore } from '@abep/store';
import { DirectoryStore } from '@abep/store';
import { createPublisher, type PublisherDeps } from '../app.ts';

export const gazetteer = loadGazetteer();

/** A memory bus holding `records` on the register topic, plus `raw` undecodable messages. */
export async function registerBus(
  records: RegisterRecordV1[],
  raw: string[] = [],
): Promise<{ bus: Bus; transport: MemoryTransport }> {
  const transport = new MemoryTransport();
  const bus = createBus(transport);
  await bus.publish('register.updated.v1', records);
  if (raw.length) {
    await transport.send(
      'register.updated.v1',
      raw.map((value, i) => ({ key: `partnership:bad-${i}`, value: Buffer.from(value) })),
    );
  }
  return { bus, transport };
}

export async function tempStore(): Promise<{ store: DirectoryStore; cleanup: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'abep-publisher-'));
  return { store: new DirectoryStore(dir), cleanup: () => rm(dir, { recursive: true, force: true }) };
}

/** A clock that advances one minute per call, so versions never share a second unless a test wants it. */
export function steppingClock(start = Date.parse('2026-11-24T01:20:10Z')): () => Date {
  let t = start;
  return () => {
    const d = new Date(t);
    t += 60_000;
    return d;
  };
}

export function publisherFor(bus: Bus, store: ObjectStore, extra: Partial<PublisherDeps> = {}) {
  return createPublisher({ bus, store, logger: silentLogger(), gazetteer, now: steppingClock(), ...extra });
}
