import type { RawOutgoing } from '@abep/bus';

/**
 * Splits a publish into runs of at most `maxBytes` of keys and values (a message larger than that goes
 * alone), keeping order, so no produce request exceeds the broker's message.max.bytes (1 MiB by default).
 */
export function chunkBySize(messages: readonly RawOutgoing[], maxBytes: number): RawOutgoing[][] {
  const chunks: RawOutgoing[][] = [];
  let current: RawOutgoing[] = [];
  let size = 0;
  for (const message of messages) {
    const bytes = message.value.length + Buffer.byteLength(message.key) + 64;
    if (current.length > 0 && size + bytes > maxBytes) {
      chunks.push(current);
      current = [];
      size = 0;
    }
    current.push(message);
    size += bytes;
  }
  if (current.length > 0) chunks.push(current);
  return chunks;
}
