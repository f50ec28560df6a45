import { createHash } from 'node:crypto';

/** Deterministic id: the same page capture and name always give the same id, so redelivery is idempotent. */
export function observationId(
  sourceUrl: string,
  pageSha256: string,
  name: string,
  kind = 'partnership',
): string {
  const hash = createHash('sha256')
    .update(`${kind}\u0000${sourceUrl}\u0000${pageSha256}\u0000${name.trim().toLowerCase()}`)
    .digest('hex');
  return `obs-${hash.slice(0, 24)}`;
}
