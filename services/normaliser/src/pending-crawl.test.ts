import { describe, expect, it } from 'vitest';
import { pageExamined } from './fixtures.ts';
import { createPendingCrawl, noteObservation } from './pending-crawl.ts';

describe('noteObservation', () => {
  it('counts council pages for their LA but a partnership site for none, whichever council linked to it first', () => {
    const t = createPendingCrawl('crawl-1');
    noteObservation(
      t,
      pageExamined({ url: 'https://www.leeds.gov.uk/schools', kind: 'council', laCode: '383' }),
    );
    noteObservation(t, pageExamined({ url: 'https://www.shared-partnership.org.uk/about', laCode: '383' }));
    expect([...(t.pagesByLa.get('383') ?? [])]).toEqual(['https://www.leeds.gov.uk/schools']);
    expect(t.pagesSeen).toBe(2);
  });
});
