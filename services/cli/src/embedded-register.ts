import type { Bus } from '@abep/bus';
import type { Logger } from '@abep/logger';
import { RegisterRecordV1, registerKey } from '@abep/schemas';
import { type ObjectStore, readBytes } from '@abep/store';

/**
 * The register of embedded runs, kept in the store between runs: what the compacted register.updated topic
 * holds over Kafka (the last record per key), one canonical record per line, sorted by key. Outside the
 * publisher's tree, so it is never mistaken for a snapshot.
 */
export const EMBEDDED_REGISTER_KEY = 'state/register.updated.v1.jsonl';

/** Puts the saved register on the in-process bus's register topic before any service starts. */
export async function loadEmbeddedRegister(bus: Bus, store: ObjectStore, logger: Logger): Promise<number> {
  const bytes = await readBytes(store, EMBEDDED_REGISTER_KEY);
  if (!bytes) return 0;
  const records: RegisterRecordV1[] = [];
  let unreadable = 0;
  for (const line of bytes.toString('utf8').split('\n')) {
    if (!line.trim()) continue;
    let json: unknown;
    try {
      json = JSON.parse(line);
    } catch {
      unreadable++;
      continue;
    }
    const parsed = RegisterRecordV1.safeParse(json);
    if (parsed.success) records.push(parsed.data);
    else unreadable++;
  }
  for (let i = 0; i < records.length; i += 500)
    await bus.publish('register.updated.v1', records.slice(i, i + 500));
  logger.info(
    { key: EMBEDDED_REGISTER_KEY, records: records.length, unreadable },
    'embedded register loaded',
  );
  return records.length;
}

/** Saves the bus's register topic (last valid record per key) for the next embedded run. */
export async function saveEmbeddedRegister(bus: Bus, store: ObjectStore, logger: Logger): Promise<number> {
  const latest = new Map<string, RegisterRecordV1>();
  for await (const read of bus.readToEnd('register.updated.v1'))
    if (read.ok) latest.set(registerKey(read.delivery.value), read.delivery.value);
  const keys = [...latest.keys()].sort();
  const body = keys.map((k) => `${JSON.stringify(latest.get(k))}\n`).join('');
  await store.put(EMBEDDED_REGISTER_KEY, body, { contentType: 'application/x-ndjson' });
  logger.info({ key: EMBEDDED_REGISTER_KEY, records: keys.length }, 'embedded register saved');
  return keys.length;
}
