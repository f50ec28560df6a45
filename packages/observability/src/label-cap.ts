/** The label value every host past the cap is folded into. */
export const OVERFLOW_LABEL = 'other';

/**
 * Bounds a label's cardinality: the first `max` distinct values keep their own label, every later value
 * maps to {@link OVERFLOW_LABEL}. Values are lower-cased, so `Example.org` and `example.org` are one series.
 */
export function createLabelCap(max: number): (value: string) => string {
  if (!Number.isInteger(max) || max < 0)
    throw new RangeError(`label cap must be a non-negative integer (got ${max})`);
  const seen = new Set<string>();
  return (value) => {
    const v = value.toLowerCase();
    if (seen.has(v)) return v;
    if (seen.size >= max) return OVERFLOW_LABEL;
    seen.add(v);
    return v;
  };
}
