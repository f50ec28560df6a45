/**
 * JSON with object keys sorted (arrays keep their order; undefined properties dropped, as JSON.stringify
 * drops them): equal content, equal bytes. The one encoder for comparing and publishing register records.
 */
export function canonicalJson(value: unknown, indent?: number): string {
  // A sorted copy then the native stringify: same bytes as a sorting replacer, at about half the cost.
  return JSON.stringify(sortedCopy(value), null, indent) ?? 'null';
}

/**
 * Objects rebuilt with their keys inserted in sorted order, as JSON.stringify then lists them (integer-like
 * keys still come first, as for any object); toJSON is applied first, as JSON.stringify would.
 */
function sortedCopy(v: unknown): unknown {
  if (v === null || typeof v !== 'object') return v;
  if (typeof (v as { toJSON?: unknown }).toJSON === 'function') return sortedCopy((v as Date).toJSON());
  if (Array.isArray(v)) return v.map(sortedCopy);
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(v).sort()) out[key] = sortedCopy((v as Record<string, unknown>)[key]);
  return out;
}
