/**
 * The rule that keeps `latest` from going backwards in content by accident. A partnership that leaves the
 * register has positive evidence for leaving only when the register still holds its record, marked withdrawn
 * (merged into another, or suppressed by a correction). One that simply vanishes — a lost or reset register,
 * a different topic prefix, a demotion to candidate by a changed rule — has none. When the share of the
 * previous version's partnerships leaving without evidence is above `maxShare`, the version is published
 * but `latest` stays where it was until someone promotes it.
 */
export interface RemovalJudgement {
  /** true: publish the version, leave latest. */
  hold: boolean;
  removed: number;
  removedWithoutEvidence: number;
  previousPartnerships: number;
  /** removedWithoutEvidence / previousPartnerships (0 when there was nothing before). */
  share: number;
  maxShare: number;
  /** Set when held: says what would have been lost and how to promote anyway. */
  reason?: string;
}

export function judgeRemovals(input: {
  previousPartnerships: number;
  removedIds: readonly string[];
  /** Ids the register marks withdrawn: removals with evidence. */
  withdrawnIds: ReadonlySet<string>;
  maxShare: number;
  version: string;
}): RemovalJudgement {
  const { previousPartnerships, removedIds, withdrawnIds, maxShare } = input;
  const removedWithoutEvidence = removedIds.filter((id) => !withdrawnIds.has(id)).length;
  const share = previousPartnerships === 0 ? 0 : removedWithoutEvidence / previousPartnerships;
  const judgement: RemovalJudgement = {
    hold: share > maxShare,
    removed: removedIds.length,
    removedWithoutEvidence,
    previousPartnerships,
    share,
    maxShare,
  };
  if (!judgement.hold) return judgement;
  const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
  return {
    ...judgement,
    reason:
      `${removedWithoutEvidence} of ${previousPartnerships} partnerships (${pct(share)}) would leave the register ` +
      `without evidence (not withdrawn or merged), more than the ${pct(maxShare)} allowed; ` +
      `version ${input.version} is published but latest was not moved (abep snapshots promote ${input.version} to move it)`,
  };
}
