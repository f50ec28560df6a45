import { ObservationV1, PUBLISH_CONFIDENCE } from '@abep/schemas';
import { describe, expect, it } from 'vitest';
import { findObservation, laAttributed, laRolesOf, loadFixtures, SCORED_FIELDS } from './evaluation.ts';
import type { Pipeline } from './pipeline.ts';
import type { Places } from './places.ts';

/**
 * The labelled-fixture regression suite every pipeline runs: each page's observations are valid, end with one
 * page-examined, and match its labels (decision, look-alike type, LA, fields, LA roles), with no extra ABEPs.
 */
export function fixtureSuite(pipeline: Pipeline, fixturesDir: string, places: Places): void {
  const fixtures = loadFixtures(fixturesDir, pipeline.name);
  describe(`${pipeline.name} fixtures`, () => {
    for (const { label, page } of fixtures) {
      describe(label.file, () => {
        const observations = pipeline.extract(page, places);

        it('emits valid observations ending with exactly one page-examined', () => {
          for (const o of observations) expect(ObservationV1.safeParse(o).error).toBeUndefined();
          expect(observations.filter((o) => o.kind === 'page-examined')).toHaveLength(1);
          expect(observations.at(-1)?.kind).toBe('page-examined');
        });

        for (const expected of label.partnerships) {
          it(`reads ${expected.name} as ${expected.lookalikeType ?? expected.decision}`, () => {
            const obs = findObservation(observations, expected.name);
            expect(obs, 'observation for the name').toBeDefined();
            if (!obs) return;
            expect({ decision: obs.decision, lookalikeType: obs.lookalikeType }, obs.reason).toEqual({
              decision: expected.decision,
              lookalikeType: expected.lookalikeType,
            });
            if (expected.las)
              expect(laAttributed(obs, expected, label), JSON.stringify(obs.fields.areas)).toBe(true);
            for (const field of SCORED_FIELDS) {
              if (expected[field] !== undefined)
                expect(obs.fields[field]?.value, field).toEqual(expected[field]);
            }
          });
        }

        it('puts forward no ABEP the labels do not name with publishable confidence', () => {
          const extra = observations.filter(
            (o) =>
              o.kind === 'partnership' &&
              o.decision === 'abep' &&
              (o.confidence ?? 1) >= PUBLISH_CONFIDENCE &&
              !label.partnerships.some((p) => findObservation([o], p.name)),
          );
          expect(extra.map((o) => (o.kind === 'partnership' ? o.fields.name.value : ''))).toEqual([]);
        });

        if (label.laRoles) {
          it(`states the LA roles ${label.laRoles.join(', ') || 'none'}`, () => {
            expect(laRolesOf(observations)).toEqual([...(label.laRoles ?? [])].sort());
          });
        }
      });
    }
  });
}
