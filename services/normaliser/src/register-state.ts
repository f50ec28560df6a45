import { type LocalAuthorityProfileV1, type PartnershipV1, registerKey } from '@abep/schemas';
import type { Entity } from './claim.ts';
import { entityFromRecord } from './rebuild.ts';
import { stableJson } from './stable-json.ts';

/** The normaliser's memory: entities with their claims, and what was last published per register key. */
export interface RegisterState {
  entities: Map<string, Entity>;
  /** register key → stable JSON of the record last published (or read back on start). */
  published: Map<string, string>;
  profiles: Map<string, LocalAuthorityProfileV1>;
  /** Last built record per id; rebuilt only when its entity changed. */
  records: Map<string, PartnershipV1>;
}

export function createRegisterState(
  records: Iterable<PartnershipV1 | LocalAuthorityProfileV1> = [],
): RegisterState {
  const state: RegisterState = {
    entities: new Map(),
    published: new Map(),
    profiles: new Map(),
    records: new Map(),
  };
  for (const record of records) {
    if (record.kind === 'partnership') {
      state.entities.set(record.id, entityFromRecord(record));
      state.published.set(registerKey(record), stableJson(record));
    } else {
      state.profiles.set(record.laCode, record);
      state.published.set(registerKey(record), stableJson(record));
    }
  }
  return state;
}
