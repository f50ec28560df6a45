import type { AbepError } from '@abep/schemas';
import { describe, expect, it } from 'vitest';
import { parseCorrections } from './corrections.ts';
import { partnershipObs } from './fixtures.ts';
import { councilPage, gaz, news, ownSite, run } from './normalise-batch.test-helper.ts';
import { normaliseBatch } from './normalise-batch.ts';
import { createRegisterState } from './register-state.ts';

describe('corrections', () => {
  const idOf = () => run().records[0]?.id as string;
  const yaml = (body: string) => parseCorrections(`corrections:\n${body}`);

  it('pins a field with curated provenance, and the pin survives a recrawl', () => {
    const id = idOf();
    const corrections = yaml(
      `  - { action: pin, id: ${id}, field: name, value: Example Learning Partnership Trust, by: a.engineer, reason: legal name, date: 2025-02-01 }`,
    );
    const state = createRegisterState();
    const first = normaliseBatch([ownSite(), councilPage(), news()], corrections, gaz, state, {
      finishedCrawlId: 'crawl-1',
    });
    expect(first.records[0]?.name).toBe('Example Learning Partnership Trust');
    expect(first.records[0]?.provenance.name?.[0]).toMatchObject({
      sourceKind: 'curated',
      curatedBy: 'a.engineer',
      reason: 'legal name',
    });
    const recrawl = ownSite();
    recrawl.source = { ...recrawl.source, crawlId: 'crawl-2', fetchedAt: '2025-04-01T00:00:00Z' };
    const rebuilt = createRegisterState(first.records);
    const second = normaliseBatch([recrawl], corrections, gaz, rebuilt, { finishedCrawlId: 'crawl-2' });
    expect(second.records[0]?.id).toBe(id);
    expect(second.records[0]?.name).toBe('Example Learning Partnership Trust');
  });

  it('suppresses a false positive by name and LA, and by id', () => {
    const byName = yaml(
      '  - { action: suppress, name: Example Learning Partnership, la: "352", by: a, reason: not a partnership, date: 2025-02-01 }',
    );
    const result = normaliseBatch([ownSite()], byName, gaz, createRegisterState(), {});
    expect(result.records).toEqual([]);
    expect(result.rejected[0]?.reason).toMatch(/not a partnership/);
    const byId = yaml(
      `  - { action: suppress, id: ${idOf()}, by: a, reason: duplicate listing, date: 2025-02-01 }`,
    );
    const withdrawn = normaliseBatch([ownSite()], byId, gaz, createRegisterState(), {});
    expect(withdrawn.records[0]?.withdrawn?.reason).toMatch(/duplicate listing/);
  });

  it('merges two ids and splits one by source URL', () => {
    const a = partnershipObs({
      url: 'https://a.example',
      name: 'North Partnership',
      areas: ['Leeds'],
      website: 'https://a.example',
    });
    const b = partnershipObs({
      url: 'https://b.example',
      name: 'Northern Schools Group',
      areas: ['Leeds'],
      website: 'https://b.example',
    });
    const ids = normaliseBatch([a, b], [], gaz, createRegisterState(), {}).records.map((r) => r.id);
    const merged = normaliseBatch(
      [a, b],
      yaml(`  - { action: merge, ids: [${ids[0]}, ${ids[1]}], by: a, reason: same body, date: 2025-02-01 }`),
      gaz,
      createRegisterState(),
      {},
    );
    const live = merged.records.filter((r) => !r.withdrawn);
    expect(live.map((r) => r.id)).toEqual([ids[0]]);
    expect(merged.records.find((r) => r.id === ids[1])?.withdrawn?.mergedInto).toBe(ids[0]);

    const one = run().records[0]?.id as string;
    const split = normaliseBatch(
      [ownSite(), councilPage(), news()],
      yaml(
        `  - { action: split, id: ${one}, sourceUrlPattern: "^https://news\\\\.example\\\\.com/", by: a, reason: different body, date: 2025-02-01 }`,
      ),
      gaz,
      createRegisterState(),
      {},
    );
    expect(split.records).toHaveLength(2);
    expect(split.records.find((r) => r.id !== one)?.provenance.name?.[0]?.sourceUrl).toMatch(
      /news\.example\.com/,
    );
  });

  it('rejects an invalid corrections file as CONFIG_INVALID, naming each bad field of the entry', () => {
    const fieldsNamed = (body: string) => {
      let error: unknown;
      try {
        yaml(body);
      } catch (caught) {
        error = caught;
      }
      expect(error).toMatchObject({ code: 'CONFIG_INVALID', retriable: false });
      const problems = (error as AbepError).details?.problems as string[];
      return problems.map((p) => / field (\S+):/.exec(p)?.[1]);
    };
    expect(fieldsNamed('  - { action: pin, id: x, field: name, value: y }')).toEqual([
      'id',
      'by',
      'reason',
      'date',
    ]);
    expect(fieldsNamed('  - { action: suppress, by: a, reason: r, date: 2025-01-01 }')).toEqual(['(entry)']);
  });
});
