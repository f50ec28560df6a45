import { AbepError } from '@abep/schemas';
import type { GetOptions, ObjectStore } from './object-store.ts';

export async function streamToBuffer(stream: AsyncIterable<Uint8Array | string>): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream)
    chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : Buffer.from(chunk));
  return Buffer.concat(chunks);
}

/** The whole object (or range) in memory; for small objects such as manifests and pointers. */
export async function readBytes(
  store: ObjectStore,
  key: string,
  options?: GetOptions,
): Promise<Buffer | undefined> {
  const object = await store.get(key, options);
  return object ? streamToBuffer(object.body) : undefined;
}

export async function readJson(store: ObjectStore, key: string): Promise<unknown> {
  const bytes = await readBytes(store, key);
  if (!bytes) throw new AbepError('STORE_NOT_FOUND', `object ${key} does not exist`);
  try {
    return JSON.parse(bytes.toString('utf8'));
  } catch (cause) {
    throw new AbepError('MANIFEST_INVALID', `object ${key} is not valid JSON`, { cause });
  }
}
