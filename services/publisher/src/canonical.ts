import { createHash } from 'node:crypto';

/** JSON with object keys sorted (arrays keep their order): equal content, equal bytes. */
export function canonicalJson(value: unknown, indent?: number): string {
  return JSON.stringify(
    value,
    (_key, v: unknown) => (v && typeof v === 'object' && !Array.isArray(v) ? sortKeys(v) : v),
    indent,
  );
}

function sortKeys(v: object): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(v).sort()) out[key] = (v as Record<string, unknown>)[key];
  return out;
}

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
