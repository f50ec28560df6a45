import { createHash } from 'node:crypto';

import { canonicalJson } from '@abep/schemas';

export { canonicalJson };

export function sha256Hex(bytes: Uint8Array | string): string {
  return createHash('sha256').update(bytes).digest('hex');
}

export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Sorted unique strings. */
export function uniqueSorted(values: Iterable<string>): string[] {
  return [...new Set(values)].sort(compareText);
}

export function jsonBytes(value: unknown): Buffer {
  return Buffer.from(`${canonicalJson(value, 2)}\n`);
}
