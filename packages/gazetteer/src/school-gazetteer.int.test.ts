import { describe, expect, it } from 'vitest';
import { buildResolutionTestSet, scoreResolution } from './resolution-test-set.ts';
import { loadSchoolGazetteer } from './school-gazetteer.ts';

// The real GIAS lists in ../shared/data, read at run time (never copied into the repository).
describe('the real school lists', () => {
  const started = performance.now();
  const schools = loadSchoolGazetteer();
  const loadMs = performance.now() - started;

  it('loads both lists and the links in a few seconds', () => {
    expect(schools.openStateCount).toBe(22010);
    expect(schools.countsByLa().size).toBe(153);
    expect(loadMs).toBeLessThan(20_000);
  });

  it('resolves written variants of real names with precision ≥ 0.98 and recall ≥ 0.90, never an ambiguous one', {
    timeout: 60_000,
  }, () => {
    const las = [...schools.countsByLa().keys()].filter((_, i) => i % 3 === 0);
    const score = scoreResolution(
      schools,
      buildResolutionTestSet(schools, las, { step: 25, perRewrite: 120 }),
    );
    expect(score.cases).toBeGreaterThan(500);
    expect(score.precision).toBeGreaterThanOrEqual(0.98);
    expect(score.recall).toBeGreaterThanOrEqual(0.9);
    expect(score.ambiguousResolved).toBe(0);
  });
});
