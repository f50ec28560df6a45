import { loadGazetteer } from '@abep/gazetteer';
import { describe, expect, it } from 'vitest';
import { partnershipObs } from './fixtures.ts';
import { normaliseBatch } from './normalise-batch.ts';
import { isPublicWebUrl, withoutControls } from './publishable.ts';
import { createRegisterState } from './register-state.ts';

const gaz = loadGazetteer();

function recordWith(website: string, description = 'Schools working together across the city.') {
  const obs = partnershipObs({
    url: 'https://www.example-lp.org.uk/about',
    kind: 'own-site',
    name: 'Example Learning Partnership',
    website,
    areas: ['Manchester City Council'],
    type: 'schools-led',
    description,
    fetchedAt: '2025-01-10T10:00:00Z',
  });
  const { records } = normaliseBatch([obs], [], gaz, createRegisterState(), { finishedCrawlId: 'crawl-1' });
  const [record] = records;
  if (!record) throw new Error('no record');
  return record;
}

// Published records never point readers at a private address, nor carry control characters from a page.
describe('what the register publishes', () => {
  it.each([
    'https://www.example-lp.org.uk/',
    'http://www.example-lp.org.uk:8080/x',
    'https://93.184.216.34/',
    'https://[2606:2800:220:1:248:1893:25c8:1946]/',
  ])('a public site %s is kept', (url) => {
    expect(isPublicWebUrl(url)).toBe(true);
    expect(recordWith(url).website).toBe(url);
  });

  it.each([
    'http://169.254.169.254/latest/meta-data/',
    'http://127.0.0.1/',
    'http://10.0.0.1/',
    'http://192.168.1.1/admin',
    'http://172.16.0.1/',
    'http://[::1]/',
    'http://[::127.0.0.1]/',
    'http://[fe80::1]/',
    'http://[fc00::1]/',
    'http://0.0.0.0/',
    'http://localhost:8080/',
    'http://metadata.google.internal/',
    'http://printer.local/',
    'http://user:pass@www.example-lp.org.uk/',
  ])('a non-public site %s is refused (no website, no website provenance)', (url) => {
    expect(isPublicWebUrl(url)).toBe(false);
    const record = recordWith(url);
    expect(record.website).toBeUndefined();
    expect(record.provenance.website).toBeUndefined();
  });

  it.each(['javascript:alert(1)', 'ftp://www.example-lp.org.uk/', 'file:///etc/passwd', 'not a url'])(
    '%s is not a web address',
    (url) => expect(isPublicWebUrl(url)).toBe(false),
  );

  it.each([
    ['\u0000nul', 'nul'],
    ['bell\u0007 and escape\u001b[31m', 'bell and escape[31m'],
    ['del\u007f', 'del'],
    ['c1\u0085next\u009bcsi\u0080', 'c1nextcsi'],
    ['unit\u001fsep\u000bvt\u000cff', 'unitsepvtff'],
    ['tab\tand\nnewline\r\n kept', 'tab\tand\nnewline\r\n kept'],
  ])('control characters stripped from %j', (text, expected) => {
    expect(withoutControls({ a: [text], b: { c: text }, n: 1 })).toEqual({
      a: [expected],
      b: { c: expected },
      n: 1,
    });
    expect(recordWith('https://www.example-lp.org.uk/', `Schools ${text}`).description).toBe(
      `Schools ${expected}`,
    );
  });
});
