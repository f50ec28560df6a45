import { describe, expect, it } from 'vitest';
import { judgeRemovals } from './removal-guard.ts';

const ids = (n: number) => Array.from({ length: n }, (_, i) => `abep-${i}`);
const judge = (previous: number, removed: string[], withdrawn: string[] = [], maxShare = 0.2) =>
  judgeRemovals({
    previousPartnerships: previous,
    removedIds: removed,
    withdrawnIds: new Set(withdrawn),
    maxShare,
    version: 'v2',
  });

describe('removal guard', () => {
  it('holds latest when more than the share leaves without evidence, and says why and how to promote', () => {
    const j = judge(10, ids(3));
    expect(j).toMatchObject({ hold: true, removed: 3, removedWithoutEvidence: 3, share: 0.3 });
    expect(j.reason).toContain('3 of 10 partnerships (30.0%)');
    expect(j.reason).toContain('abep snapshots promote v2');
  });

  it('moves latest at exactly the share (the limit is "more than")', () => {
    expect(judge(10, ids(2)).hold).toBe(false);
  });

  it('counts withdrawn (merged or suppressed) records as removals with evidence', () => {
    const j = judge(10, ids(5), ids(5).slice(0, 4));
    expect(j).toMatchObject({ hold: false, removed: 5, removedWithoutEvidence: 1, share: 0.1 });
  });

  it('a register that lost everything is held', () => {
    expect(judge(24, ids(24)).hold).toBe(true);
  });

  it('nothing before, nothing to lose', () => {
    expect(judge(0, []).hold).toBe(false);
  });

  it('share 1 turns the guard off; share 0 holds on any unevidenced removal', () => {
    expect(judge(10, ids(10), [], 1).hold).toBe(false);
    expect(judge(100, ids(1), [], 0).hold).toBe(true);
  });
});
