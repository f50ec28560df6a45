import type { Bus } from '@abep/bus';
import { type LocalAuthorityProfileV1, type PartnershipV1, registerKey, topics } from '@abep/schemas';

export interface RegisterContent {
  /** Current, not withdrawn; sorted by id. */
  partnerships: PartnershipV1[];
  /** Latest profile per LA code, sorted by code. */
  profiles: LocalAuthorityProfileV1[];
  /** Withdrawn (merged or suppressed) partnerships, left out of the snapshot. */
  withdrawn: number;
  /** Their ids, sorted: the partnerships that leave the register with evidence. */
  withdrawnIds: string[];
  /** Messages on the register topic that did not parse; they stay in the dead-letter topic, never published. */
  invalid: { count: number; byCode: Record<string, number> };
}

/**
 * Rebuilds the register from the compacted topic: the latest valid record per key wins. A message that does
 * not parse is counted and skipped, so it neither publishes nor erases the last good record for its key.
 */
export async function readRegister(bus: Bus): Promise<RegisterContent> {
  const latest = new Map<string, PartnershipV1 | LocalAuthorityProfileV1>();
  const byCode: Record<string, number> = {};
  let invalid = 0;
  for await (const result of bus.readToEnd(topics.registerUpdated.name)) {
    if (!result.ok) {
      invalid++;
      byCode[result.error.code] = (byCode[result.error.code] ?? 0) + 1;
      continue;
    }
    latest.set(registerKey(result.delivery.value), result.delivery.value);
  }
  return fromRecords(latest.values(), { count: invalid, byCode });
}

export function fromRecords(
  records: Iterable<PartnershipV1 | LocalAuthorityProfileV1>,
  invalid: RegisterContent['invalid'] = { count: 0, byCode: {} },
): RegisterContent {
  const partnerships: PartnershipV1[] = [];
  const profiles: LocalAuthorityProfileV1[] = [];
  const withdrawnIds: string[] = [];
  for (const record of records) {
    if (record.kind === 'local-authority') profiles.push(record);
    else if (record.withdrawn) withdrawnIds.push(record.id);
    else partnerships.push(record);
  }
  withdrawnIds.sort();
  partnerships.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  profiles.sort((a, b) => (a.laCode < b.laCode ? -1 : a.laCode > b.laCode ? 1 : 0));
  return { partnerships, profiles, withdrawn: withdrawnIds.length, withdrawnIds, invalid };
}
