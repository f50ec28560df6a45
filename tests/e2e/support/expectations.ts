import type { FixtureManifest } from '@abep/testkit';
import type { PartnershipRecord } from './harness.ts';

const norm = (s: string) =>
  s
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();

export interface RegisterCheck {
  found: string[];
  /** Fixture partnerships with no record at all. */
  missed: string[];
  /** Records that match no fixture partnership (look-alikes or invented names). */
  leaked: string[];
  /** Found, but with a wrong field: "name: field expected X got Y". */
  wrong: string[];
  /** Partnership fields whose provenance is missing or not from the fixture web. */
  provenance: string[];
}

/** Compares the published partnerships with what the fixture web says is there. */
export function checkAgainstFixture(manifest: FixtureManifest, records: PartnershipRecord[]): RegisterCheck {
  const live = records.filter((r) => !r.withdrawn);
  const byName = new Map<string, PartnershipRecord>();
  for (const r of live) for (const n of [r.name, ...(r.aliases ?? [])]) byName.set(norm(n), r);
  const check: RegisterCheck = { found: [], missed: [], leaked: [], wrong: [], provenance: [] };
  const matched = new Set<string>();
  for (const p of manifest.partnerships) {
    const record = byName.get(norm(p.name));
    if (!record) {
      check.missed.push(p.name);
      continue;
    }
    matched.add(record.id);
    check.found.push(p.name);
    const codes = record.localAuthorities.map((l) => l.laCode).sort();
    const want = [...p.laCodes].sort();
    if (codes.join() !== want.join())
      check.wrong.push(`${p.name}: laCodes expected [${want}] got [${codes}]`);
    if (p.companyNumber && record.companyNumber !== p.companyNumber) {
      check.wrong.push(
        `${p.name}: companyNumber expected ${p.companyNumber} got ${record.companyNumber ?? 'none'}`,
      );
    }
  }
  for (const r of live) if (!matched.has(r.id)) check.leaked.push(r.name);
  const origin = `:${manifest.port}/`;
  for (const r of live) {
    for (const [field, value] of Object.entries(r)) {
      if (
        // Derived from the record's own evidence (confidence from the name provenance), not stated by a source.
        [
          'id',
          'kind',
          'provenance',
          'firstSeen',
          'lastSeen',
          'crawlsUnseen',
          'status',
          'withdrawn',
          'confidence',
        ].includes(field)
      )
        continue;
      if (value === undefined || (Array.isArray(value) && value.length === 0)) continue;
      // Defaults, not claims: nothing stated them.
      if (value === 'unknown') continue;
      // Regions follow from the local authorities (gazetteer), so they stand on that field's sources.
      const sources = r.provenance[field === 'regions' ? 'localAuthorities' : field];
      if (!sources?.length) {
        check.provenance.push(`${r.name}.${field}: no provenance`);
        continue;
      }
      for (const s of sources) {
        const url = new URL(s.sourceUrl);
        if (!url.hostname.endsWith('.test') || !s.sourceUrl.includes(origin))
          check.provenance.push(`${r.name}.${field}: source ${s.sourceUrl} is not on the fixture web`);
        if (!s.fetchedAt || Number.isNaN(Date.parse(s.fetchedAt)))
          check.provenance.push(`${r.name}.${field}: fetchedAt ${s.fetchedAt}`);
        if (s.excerpt !== undefined && s.excerpt.length > 300)
          check.provenance.push(`${r.name}.${field}: excerpt of ${s.excerpt.length} chars`);
      }
    }
  }
  return check;
}
