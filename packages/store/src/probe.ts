import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { AbepError } from '@abep/schemas';
import type { ObjectStore } from './object-store.ts';

export interface ProbeOptions {
  /** How the store is named in the error, e.g. "s3 http://127.0.0.1:9000/abep-register". */
  name: string;
  attempts?: number;
  /** Wait before the second attempt, doubled after each. */
  initialDelayMs?: number;
}

/**
 * Writes, reads back and deletes one small object, so a store that cannot be reached or written (a closed port,
 * a missing bucket, a directory that is a file or read-only) is reported at start, not waited out. Throws
 * STORE_UNAVAILABLE naming the store and the last reason after `attempts` tries.
 */
export async function probeStore(store: ObjectStore, options: ProbeOptions): Promise<void> {
  const attempts = options.attempts ?? 3;
  let delay = options.initialDelayMs ?? 250;
  let last: unknown;
  for (let attempt = 1; attempt <= attempts; attempt++) {
    const key = `probe/${randomUUID()}`;
    try {
      await store.put(key, 'probe', { contentType: 'text/plain' });
      const read = await store.head(key);
      if (!read) throw new Error('an object written could not be read back');
      await store.delete(key);
      return;
    } catch (err) {
      last = err;
      if (attempt < attempts) {
        await sleep(delay);
        delay *= 2;
      }
    }
  }
  const reason = last instanceof Error ? last.message : String(last);
  throw new AbepError(
    'STORE_UNAVAILABLE',
    `store ${options.name} is not usable (${attempts} attempts): ${reason}`,
    { retriable: true, cause: last },
  );
}
