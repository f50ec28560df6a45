/** Shared by the readPage tests: a page read from plain text, and what to look at in its observations. */
import { loadGazetteer, placesOf } from '@abep/gazetteer';
import type {
  LaRoleObservation,
  ObservationV1,
  PageExaminedObservation,
  PartnershipObservation,
} from '@abep/schemas';
import { ObservationV1 as ObservationSchema } from '@abep/schemas';
import { expect } from 'vitest';
import { readPage } from './read-page.ts';

export const places = placesOf(loadGazetteer());

export function read(url: string, body: string, laCode?: string): ObservationV1[] {
  const html = `<!doctype html><html><head><title>${body.split('\n')[0]}</title></head><body>${body
    .split('\n\n')
    .map((b) => `<p>${b.split('\n').join('<br>')}</p>`)
    .join('')}</body></html>`;
  const out = readPage(
    {
      url,
      finalUrl: url,
      html,
      fetchedAt: '2026-01-01T00:00:00Z',
      sha256: 'b'.repeat(64),
      crawlId: 'c-1',
      pipeline: 'sector-directories',
      ...(laCode ? { laCode } : {}),
    },
    places,
    { extractorVersion: 'test@1' },
  );
  for (const o of out) expect(ObservationSchema.safeParse(o).error).toBeUndefined();
  return out;
}
export const named = (obs: ObservationV1[], name: string) =>
  obs.find((o): o is PartnershipObservation => o.kind === 'partnership' && o.fields.name.value === name);
export const examined = (obs: ObservationV1[]) => obs.at(-1) as PageExaminedObservation;
export const roles = (obs: ObservationV1[]) =>
  obs
    .filter((o): o is LaRoleObservation => o.kind === 'la-role')
    .flatMap((o) => o.roles.map((r) => `${o.laCode}=${r.value}`))
    .sort();
