import type { Claim, Entity } from './claim.ts';
import type { Correction } from './corrections.ts';
import { idFor } from './identity.ts';
import type { RegisterState } from './register-state.ts';

type Pin = Extract<Correction, { action: 'pin' | 'override' }>;

export function pinsById(corrections: readonly Correction[]): Map<string, { pin: Pin; index: number }[]> {
  const pins = new Map<string, { pin: Pin; index: number }[]>();
  corrections.forEach((c, index) => {
    if (c.action !== 'pin' && c.action !== 'override') return;
    const list = pins.get(c.id) ?? [];
    list.push({ pin: c, index });
    pins.set(c.id, list);
  });
  return pins;
}

function moveClaim(from: Entity, to: Entity, claim: Claim): void {
  from.claims.delete(claim.sourceUrl);
  const current = to.claims.get(claim.sourceUrl);
  if (!current || claim.fetchedAt >= current.fetchedAt) to.claims.set(claim.sourceUrl, claim);
  if (claim.fetchedAt < to.firstSeen) to.firstSeen = claim.fetchedAt;
  if (claim.fetchedAt > to.lastSeen) to.lastSeen = claim.fetchedAt;
  for (const crawl of from.observedIn) to.observedIn.add(crawl);
}

/** Structural corrections (merge, split, suppress by id), applied to the state on every batch; idempotent. */
export function applyCorrections(state: RegisterState, corrections: readonly Correction[]): void {
  for (const c of corrections) {
    if (c.action === 'merge') {
      const [keep, ...others] = c.ids;
      const target = keep === undefined ? undefined : state.entities.get(keep);
      if (!target) continue;
      for (const id of others) {
        const absorbed = state.entities.get(id);
        if (!absorbed || absorbed === target) continue;
        for (const claim of [...absorbed.claims.values()]) moveClaim(absorbed, target, claim);
        if (absorbed.firstSeen < target.firstSeen) target.firstSeen = absorbed.firstSeen;
        absorbed.withdrawn = { reason: `merged: ${c.reason}`, mergedInto: target.id, by: c.by };
      }
    } else if (c.action === 'split') {
      const source = state.entities.get(c.id);
      if (!source) continue;
      const pattern = new RegExp(c.sourceUrlPattern);
      const moving = [...source.claims.values()].filter((claim) => pattern.test(claim.sourceUrl));
      if (moving.length === 0) continue;
      const key = `split:${c.id}:${c.sourceUrlPattern}`;
      const existingId = idFor(key, () => false);
      const id = state.entities.has(existingId) ? existingId : idFor(key, (x) => state.entities.has(x));
      let target = state.entities.get(id);
      if (!target) {
        const first = moving.map((cl) => cl.fetchedAt).sort()[0] ?? '';
        target = {
          id,
          claims: new Map(),
          firstSeen: first,
          lastSeen: first,
          crawlsUnseen: source.crawlsUnseen,
          observedIn: new Set(),
        };
        state.entities.set(id, target);
      }
      for (const claim of moving) moveClaim(source, target, claim);
    } else if (c.action === 'suppress' && c.id) {
      const entity = state.entities.get(c.id);
      if (entity) entity.withdrawn = { reason: `suppressed: ${c.reason}`, by: c.by };
    }
  }
}
