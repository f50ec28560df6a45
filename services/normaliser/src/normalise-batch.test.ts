import type { PartnershipV1 } from '@abep/schemas';
import { describe, expect, it } from 'vitest';
import { combinedConfidence } from './build-record.ts';
import { partnershipObs } from './fixtures.ts';
import { councilPage, gaz, news, ownSite, run } from './normalise-batch.test-helper.ts';
import { markPublished, normaliseBatch } from './normalise-batch.ts';
import { entityFromRecord } from './rebuild.ts';
import { createRegisterState } from './register-state.ts';

describe('entity resolution', () => {
  it('merges one partnership seen on its own site, a council page and a news article, keeping all sources', () => {
    const { records } = run();
    expect(records).toHaveLength(1);
    const [r] = records as [PartnershipV1];
    expect(r.id).toMatch(/^abep-[0-9a-f]{12}$/);
    expect(r.name).toBe('Example Learning Partnership');
    expect(r.companyNumber).toBe('01234567');
    // Published as the page gave it (a link a person can open); identity matching ignores www and scheme.
    expect(r.website).toBe('https://www.example-lp.org.uk/');
    expect(r.localAuthorities.map((la) => la.laCode)).toEqual(['352', '355']);
    expect(r.regions.map((x) => x.name)).toEqual(['North West']);
    expect(r.provenance.name?.map((p) => p.sourceKind)).toEqual(['own-site', 'council', 'third-party']);
    expect(r.provenance.localAuthorities).toHaveLength(3);
    expect(r.status).toBe('active');
  });

  it('keeps two similar names in different LAs apart', () => {
    const { records } = run([
      partnershipObs({
        url: 'https://a.example/1',
        kind: 'third-party',
        name: 'Learning Partnership',
        areas: ['Leeds'],
      }),
      partnershipObs({
        url: 'https://b.example/2',
        kind: 'third-party',
        name: 'The Learning Partnership',
        areas: ['Kent'],
      }),
    ]);
    expect(records).toHaveLength(2);
    expect(new Set(records.map((r) => r.id)).size).toBe(2);
  });

  it('takes one name written with its words in another order, in the same LA, as one body, and not across LAs', () => {
    const obs = (url: string, name: string, area: string) =>
      partnershipObs({ url, kind: 'third-party', name, areas: [area] });
    const same = run([
      obs('https://a.example/1', 'Leeds Alliance for Schools', 'Leeds'),
      obs('https://b.example/2', 'Leeds Schools Alliance', 'Leeds'),
    ]).records;
    expect(same).toHaveLength(1);
    const apart = run([
      obs('https://a.example/1', 'Alliance for Schools', 'Leeds'),
      obs('https://b.example/2', 'Schools Alliance', 'Kent'),
    ]).records;
    expect(apart).toHaveLength(2);
  });

  it('gives the same ids on a rerun from scratch, whatever the order', () => {
    const a = run().records.map((r) => r.id);
    const b = run([news(), councilPage(), ownSite()]).records.map((r) => r.id);
    expect(b).toEqual(a);
  });

  it('keeps the id when the page moves and when the partnership is renamed on its own site', () => {
    const first = run();
    markPublished(first.state, first.records);
    const id = first.records[0]?.id;
    const moved = partnershipObs({
      url: 'https://example-lp.org.uk/who-we-are',
      kind: 'own-site',
      name: 'Example Schools Alliance',
      website: 'https://example-lp.org.uk',
      companyNumber: '01234567',
      areas: ['Manchester'],
      fetchedAt: '2025-03-01T10:00:00Z',
    });
    const second = normaliseBatch([moved], [], gaz, first.state, { finishedCrawlId: 'crawl-2' });
    const live = second.records.filter((r) => !r.withdrawn);
    expect(live.map((r) => r.id)).toEqual([id]);
    expect(live[0]?.name).toBe('Example Schools Alliance');
    expect(live[0]?.aliases).toContain('Example Learning Partnership');
  });

  it('keeps ids when state is rebuilt from the published register, and republishes nothing', () => {
    const first = run();
    const rebuilt = createRegisterState(first.records);
    const again = normaliseBatch([ownSite(), councilPage(), news()], [], gaz, rebuilt, {
      finishedCrawlId: 'crawl-1',
    });
    expect(again.records.map((r) => r.id)).toEqual(first.records.map((r) => r.id));
    expect(again.changed).toEqual([]);
  });

  it('publishes nothing when the same input is normalised again', () => {
    const first = run();
    markPublished(first.state, first.changed);
    const again = normaliseBatch([ownSite(), councilPage(), news()], [], gaz, first.state, {
      finishedCrawlId: 'crawl-1',
    });
    expect(again.changed).toEqual([]);
  });
});

describe('conflict policy', () => {
  it('takes the own site over the council over third parties, and records the runner-ups', () => {
    const [r] = run().records as [PartnershipV1];
    expect(r.type).toBe('schools-led');
    expect(r.description).toBe('Schools working together across the city.');
    expect(r.provenance.type?.map((p) => p.sourceUrl)).toEqual([
      'https://www.example-lp.org.uk/about',
      'https://www.manchester.gov.uk/education/partnerships',
    ]);
  });
  it('takes the newer statement within one kind of source', () => {
    const older = partnershipObs({
      url: 'https://n1.example/a',
      kind: 'third-party',
      name: 'Alpha Partnership',
      areas: ['York'],
      description: 'old',
      fetchedAt: '2024-01-01T00:00:00Z',
    });
    const newer = partnershipObs({
      url: 'https://n2.example/b',
      kind: 'third-party',
      name: 'Alpha Partnership',
      areas: ['York'],
      description: 'new',
      fetchedAt: '2025-01-01T00:00:00Z',
    });
    expect(run([older, newer]).records[0]?.description).toBe('new');
    expect(run([newer, older]).records[0]?.description).toBe('new');
  });
});

describe('rejections and flags', () => {
  it('keeps look-alikes and unclear mentions out of the register, with the reason', () => {
    const result = run([
      partnershipObs({
        url: 'https://t.example',
        name: 'Example Academy Trust',
        decision: 'lookalike',
        areas: ['Leeds'],
      }),
      partnershipObs({ url: 'https://u.example', name: 'Some Network', decision: 'unclear' }),
      partnershipObs({ url: 'https://h.example', name: 'Saffron Teaching School Hub', areas: ['Essex'] }),
    ]);
    expect(result.records).toEqual([]);
    expect(result.rejected.map((r) => [r.name, r.decision])).toEqual([
      ['Example Academy Trust', 'lookalike'],
      ['Some Network', 'unclear'],
      ['Saffron Teaching School Hub', 'lookalike'],
    ]);
    expect(result.rejected[0]).toMatchObject({
      lookalikeType: 'multi-academy-trust',
      reason: 'a trust of academies, not an area partnership',
    });
  });
  it('keeps an observation naming an unknown LA and flags the area', () => {
    const result = run([
      partnershipObs({ url: 'https://z.example', name: 'Zed Partnership', areas: ['Atlantis', 'Leeds'] }),
    ]);
    expect(result.records[0]?.localAuthorities.map((la) => la.laCode)).toEqual(['383']);
    expect(result.unresolved).toEqual([
      expect.objectContaining({ areas: ['Atlantis'], partnershipId: result.records[0]?.id }),
    ]);
  });
  it('places a partnership whose area is a list of LA names in every one of them', () => {
    const result = run([
      partnershipObs({
        url: 'https://j.example',
        name: 'Joint Schools Partnership',
        areas: ['Cheshire West and Chester and Tameside', 'Torbay and Gloucestershire'],
      }),
    ]);
    expect(result.records[0]?.localAuthorities.map((la) => la.laCode)).toEqual(['357', '880', '896', '916']);
    expect(result.unresolved).toEqual([]);
  });
  it('does not half-read an area that is more than a list of LA names', () => {
    const result = run([
      partnershipObs({
        url: 'https://k.example',
        name: 'Kay Partnership',
        areas: ['Leeds and Atlantis Bay'],
      }),
    ]);
    expect(result.records[0]?.localAuthorities).toEqual([]);
    expect(result.unresolved[0]?.areas).toEqual(['Leeds and Atlantis Bay']);
  });
  it('gives aliases the provenance of the sources that used those names, and keeps it on a rebuild', () => {
    const own = partnershipObs({
      url: 'https://www.learn-example.org.uk/',
      name: 'Learn Leeds and Bradford',
      areas: ['Leeds', 'Bradford'],
      website: 'https://www.learn-example.org.uk/',
    });
    const council = partnershipObs({
      url: 'https://www.leeds.gov.uk/schools',
      kind: 'council',
      laCode: '383',
      name: 'Learn Leeds',
      website: 'https://www.learn-example.org.uk/',
    });
    const first = run([own, council]);
    const [r] = first.records as [PartnershipV1];
    expect(r.aliases).toEqual(['Learn Leeds']);
    expect(r.provenance.aliases?.map((p) => p.sourceUrl)).toEqual(['https://www.leeds.gov.uk/schools']);
    const again = normaliseBatch([own, council], [], gaz, createRegisterState(first.records));
    expect(again.records[0]?.provenance.aliases).toEqual(r.provenance.aliases);
    expect(again.changed).toEqual([]);
  });
  it('places a partnership named for a former LA in its successors', () => {
    const result = run([
      partnershipObs({ url: 'https://c.example', name: 'Fells Partnership', areas: ['Cumbria'] }),
    ]);
    expect(result.records[0]?.localAuthorities.map((la) => la.laCode)).toEqual(['942', '943']);
  });
});

describe('status', () => {
  it('goes inactive after N finished crawls unseen, and active again when seen', () => {
    const state = createRegisterState();
    normaliseBatch([ownSite()], [], gaz, state, { finishedCrawlId: 'crawl-1', inactiveAfterCrawls: 2 });
    const r2 = normaliseBatch([], [], gaz, state, { finishedCrawlId: 'crawl-2', inactiveAfterCrawls: 2 });
    expect(r2.records[0]).toMatchObject({ status: 'active', crawlsUnseen: 1 });
    const r3 = normaliseBatch([], [], gaz, state, { finishedCrawlId: 'crawl-3', inactiveAfterCrawls: 2 });
    expect(r3.records[0]).toMatchObject({ status: 'inactive', crawlsUnseen: 2 });
    const r4 = normaliseBatch(
      [ownSite()].map((o) => ({ ...o, source: { ...o.source, crawlId: 'crawl-4' } })),
      [],
      gaz,
      state,
      {
        finishedCrawlId: 'crawl-4',
        inactiveAfterCrawls: 2,
      },
    );
    expect(r4.records[0]).toMatchObject({ status: 'active', crawlsUnseen: 0 });
  });
});

describe('absence of evidence', () => {
  const salford = '355';
  const manchester = '352';
  const seedOwnSite = () => {
    const state = createRegisterState();
    normaliseBatch([ownSite()], [], gaz, state, { finishedCrawlId: 'crawl-1' });
    return state;
  };
  const age = (
    state: ReturnType<typeof createRegisterState>,
    crawlId: string,
    laCodes: string[],
    urls: string[] = [],
  ) =>
    normaliseBatch([], [], gaz, state, {
      finishedCrawlId: crawlId,
      read: { laCodes: new Set(laCodes), urls: new Set(urls) },
    }).records[0];

  it('ages a partnership only in a crawl that read its LA and did not see it', () => {
    const state = seedOwnSite();
    expect(age(state, 'crawl-2', [])).toMatchObject({ crawlsUnseen: 0 });
    expect(age(state, 'crawl-3', ['383'])).toMatchObject({ crawlsUnseen: 0 });
    expect(age(state, 'crawl-4', [manchester])).toMatchObject({ crawlsUnseen: 1 });
  });

  it('ages a partnership of several LAs only when every one of them was read', () => {
    const state = createRegisterState();
    const first = normaliseBatch([ownSite(), news()], [], gaz, state, { finishedCrawlId: 'crawl-1' });
    expect(first.records[0]?.localAuthorities.map((l) => l.laCode).sort()).toEqual([manchester, salford]);
    expect(age(state, 'crawl-2', [manchester])).toMatchObject({ crawlsUnseen: 0 });
    expect(age(state, 'crawl-3', [manchester, salford])).toMatchObject({ crawlsUnseen: 1 });
  });

  it('ages a partnership with no LA only when one of its source pages was read', () => {
    const state = createRegisterState();
    const noLa = partnershipObs({
      url: 'https://www.nowhere-lp.org.uk/',
      name: 'Nowhere Learning Partnership',
    });
    const first = normaliseBatch([noLa], [], gaz, state, { finishedCrawlId: 'crawl-1' });
    expect(first.records[0]?.localAuthorities).toEqual([]);
    expect(age(state, 'crawl-2', [manchester])).toMatchObject({ crawlsUnseen: 0 });
    expect(age(state, 'crawl-3', [], ['https://www.nowhere-lp.org.uk/'])).toMatchObject({ crawlsUnseen: 1 });
  });

  it('keeps a partnership active through any number of crawls that read nothing', () => {
    const state = seedOwnSite();
    for (const c of ['crawl-2', 'crawl-3', 'crawl-4', 'crawl-5'])
      expect(age(state, c, [])).toMatchObject({ status: 'active', crawlsUnseen: 0 });
  });
});

describe('one record per body, and confidence from independent evidence', () => {
  const placed = (url: string, area: string, confidence: number) =>
    partnershipObs({
      url,
      kind: 'third-party',
      name: 'Rutland Schools Partnership',
      areas: [area],
      confidence,
    });

  it('keeps a name that carries a place as one body when two pages place it in different LAs', () => {
    const { records } = run([
      partnershipObs({
        url: 'https://a.example/1',
        kind: 'third-party',
        name: 'Leeds Schools Partnership',
        areas: ['Leeds'],
      }),
      partnershipObs({
        url: 'https://b.example/2',
        kind: 'third-party',
        name: 'Leeds Schools Partnership',
        areas: ['Bradford'],
      }),
    ]);
    expect(records).toHaveLength(1);
    expect(records[0]?.localAuthorities.map((la) => la.name).sort()).toEqual(['Bradford', 'Leeds']);
  });

  it('combines pages of different sites as 1 − Π(1 − c), and pages of one site as its best page', () => {
    const { records } = run([
      placed('https://news-one.example/a', 'Leeds', 0.5),
      placed('https://news-one.example/b', 'Leeds', 0.4),
      placed('https://news-two.example/c', 'Leeds', 0.5),
    ]);
    expect(records).toHaveLength(1);
    expect(records[0]?.confidence).toBe(0.75);
    expect(records[0]?.provenance.name?.map((p) => p.confidence).sort()).toEqual([0.4, 0.5, 0.5]);
  });

  it('keeps a body with no place in its name and no own site a candidate, however many pages name it', () => {
    const placeless = (url: string) =>
      partnershipObs({
        url,
        kind: 'third-party',
        name: 'Riverside Schools Partnership',
        areas: ['Leeds'],
        confidence: 0.5,
      });
    const { records } = run([
      placeless('https://news-one.example/a'),
      placeless('https://news-two.example/b'),
    ]);
    expect(records[0]?.confidence).toBe(0.5);
  });

  it('keeps each source’s confidence through a rebuild from the published record', () => {
    const first = run([
      placed('https://news-one.example/a', 'Leeds', 0.5),
      placed('https://news-two.example/c', 'Leeds', 0.5),
    ]);
    const rebuilt = entityFromRecord(first.records[0] as PartnershipV1);
    expect([...rebuilt.claims.values()].map((c) => c.confidence)).toEqual([0.5, 0.5]);
    expect(combinedConfidence(rebuilt.claims.values())).toBe(0.75);
  });
});

describe('display name', () => {
  it('publishes the full name, not the acronym an own site calls itself by, keeping the acronym as an alias', () => {
    const { records } = run([
      partnershipObs({ url: 'https://rsp.example/', kind: 'own-site', name: 'RSP', areas: ['Rutland'] }),
      partnershipObs({
        url: 'https://news.example/a',
        kind: 'third-party',
        name: 'Rutland Schools Partnership',
        areas: ['Rutland'],
        extra: { aliases: ['RSP'] },
      }),
    ]);
    expect(records).toHaveLength(1);
    expect(records[0]?.name).toBe('Rutland Schools Partnership');
    expect(records[0]?.aliases).toContain('RSP');
    expect(records[0]?.provenance.name?.[0]?.sourceUrl).toBe('https://news.example/a');
  });
});
