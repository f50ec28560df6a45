import { get } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFixtureWeb, type FixtureWeb } from './fixture-web.ts';
import { createFixtureLookup } from './lookup.ts';

function fetchText(
  web: FixtureWeb,
  url: string,
): Promise<{ status: number; body: string; headers: Record<string, unknown> }> {
  const target = new URL(url);
  return new Promise((resolve, reject) => {
    get(
      {
        host: '127.0.0.1',
        port: web.port,
        path: target.pathname + target.search,
        headers: { host: target.host },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            body: Buffer.concat(chunks).toString('utf8'),
            headers: res.headers,
          }),
        );
      },
    ).on('error', reject);
  });
}

describe('fixture web', () => {
  let web: FixtureWeb;
  beforeAll(async () => {
    web = await createFixtureWeb({ seed: 7 });
  });
  afterAll(() => web.close());

  it('hosts at least 50 real LA council sites, and the same seed builds the same web', async () => {
    expect(web.manifest.councils.length).toBeGreaterThanOrEqual(50);
    expect(web.manifest.councils.map((c) => c.name)).toContain(web.manifest.councils[0]?.name);
    const again = await createFixtureWeb({ seed: 7 });
    try {
      const strip = (m: typeof web.manifest) => JSON.stringify(m).replaceAll(`:${m.port}`, ':PORT');
      expect(strip(again.manifest)).toBe(strip(web.manifest));
      const other = await createFixtureWeb({ seed: 8 });
      expect(strip(other.manifest)).not.toBe(strip(web.manifest));
      await other.close();
    } finally {
      await again.close();
    }
  });

  it('mentions each partnership on its LA school-improvement page with a link to the partnership site', async () => {
    expect(web.manifest.partnerships.length).toBeGreaterThanOrEqual(15);
    for (const p of web.manifest.partnerships.slice(0, 5)) {
      for (const page of p.mentionedOn) {
        const { status, body } = await fetchText(web, page);
        expect(status).toBe(200);
        expect(body).toContain(p.name.replace(/&/g, '&amp;'));
        expect(body).toContain(`href="${p.url}"`);
      }
      const home = await fetchText(web, p.url);
      expect(home.status).toBe(200);
    }
    expect(web.manifest.lookalikes.some((l) => l.type === 'multi-academy-trust')).toBe(true);
    expect(web.manifest.lookalikes.some((l) => l.type === 'teaching-school-hub')).toBe(true);
  });

  it('serves every expected page that should be fetched', async () => {
    const plain = web.manifest.expected.filter(
      (e) =>
        e.expect.outcome === 'fetched' &&
        !e.url.includes('hostile') &&
        !e.url.includes('robots') &&
        !e.url.includes('crawl-delay'),
    );
    for (const page of plain.slice(0, 80))
      expect((await fetchText(web, page.url)).status, page.url).toBe(200);
  });

  it('has hostile routes: a redirect to the metadata address and a 429 with Retry-After', async () => {
    const redirect = await fetchText(web, `${web.origin('www.hostile.test')}/redirect-metadata`);
    expect(redirect.status).toBe(302);
    expect(redirect.headers.location).toBe('http://169.254.169.254/latest/meta-data/');
    const limited = await fetchText(web, `${web.origin('www.hostile.test')}/too-many-requests`);
    expect([limited.status, limited.headers['retry-after']]).toEqual([429, '1']);
  });

  it('resolves *.test to loopback and nothing else', async () => {
    const lookup = createFixtureLookup({ 'internal.hostile.test': '127.0.0.2' });
    const resolve = (host: string) =>
      new Promise<string>((res) =>
        lookup(host, {}, (err, address) => res(err ? (err.code ?? 'ERR') : String(address))),
      );
    expect(await resolve('www.camden.test')).toBe('127.0.0.1');
    expect(await resolve('internal.hostile.test')).toBe('127.0.0.2');
    expect(await resolve('www.google.com')).toBe('ENOTFOUND');
  });
});
