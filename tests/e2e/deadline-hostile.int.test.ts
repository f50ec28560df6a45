import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { partitionFor } from '@abep/bus';
import { readSettings, runPipelineOnce } from '@abep/cli';
import { createLogger } from '@abep/logger';
import { hostKey, topics } from '@abep/schemas';
import { DirectoryStore, readJson } from '@abep/store';
import { createFixtureWeb, type FixtureWeb } from '@abep/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PUBLISHER_PREFIX, quietStderr } from './support/harness.ts';

/** Paragraphs: seconds to extract (linear, but slow: ~0.5–2 s per MiB), with no links to follow. */
const paragraph = '<p>Schools in the area work together on school improvement.</p>';
const hostilePage = (mib: number) =>
  `<html><head><title>Slow</title></head><body>${paragraph.repeat((mib * 1024 * 1024) / paragraph.length)}</body></html>`;
// Under ABEP_EXTRACTOR_MAX_HTML_BYTES (5 MiB), so the pages are read, not skipped as too large.
const HOSTILE_MIB = 4;
/** The tarpit's robots.txt Crawl-delay (s) and pages: the crawl cannot settle before ~2 minutes (6 starts × 20 s). */
const CRAWL_DELAY_S = 20;
const TARPIT_PAGES = 5;
const DEADLINE_MINUTES = 1;
const GRACE_MS = 5000;
/**
 * What a run may take past its deadline and grace: starting (reference data, worker threads), the publish
 * after the fold, closing the worker pool and stores, on a loaded 2-core machine. A run whose timers were
 * blocked by extraction, or that waited for the crawl to settle, overruns it by minutes.
 */
const MARGIN_MS = 45_000;

/** Hostile pages on `www.slow-<i>.test`, and a polite tarpit on `www.tarpit.test` (index → /about-1…5). */
function startHostileServer(served: Map<string, number>): Server {
  const body = Buffer.from(hostilePage(HOSTILE_MIB));
  return createServer((req, res) => {
    const host = (req.headers.host ?? '').split(':')[0] ?? '';
    served.set(`${host}${req.url}`, (served.get(`${host}${req.url}`) ?? 0) + 1);
    const send = (type: string, text: string | Buffer) =>
      res.writeHead(200, { 'content-type': type, 'content-length': Buffer.byteLength(text) }).end(text);
    if (host === 'www.tarpit.test') {
      if (req.url === '/robots.txt')
        return send('text/plain', `User-agent: *\nCrawl-delay: ${CRAWL_DELAY_S}\n`);
      const links = Array.from(
        { length: TARPIT_PAGES },
        (_, i) => `<a href="/about-${i + 1}">page ${i + 1}</a>`,
      );
      return send('text/html; charset=utf-8', `<html><body><p>Archive</p>${links.join(' ')}</body></html>`);
    }
    if (req.url === '/robots.txt') return res.writeHead(404).end();
    return send('text/html; charset=utf-8', body);
  });
}

/** error-level log lines, parsed, so a test can see the codes the run logged. */
function capturingLogger() {
  const lines: { code?: string; msg?: string; key?: string }[] = [];
  const destination = new Writable({
    write(chunk, _enc, cb) {
      for (const line of chunk.toString().split('\n')) if (line) lines.push(JSON.parse(line));
      cb();
    },
  });
  return { logger: createLogger({ level: 'error', destination }), lines };
}

// `abep run --deadline-minutes 1` beside hostile pages whose extraction outlasts the per-page budget or the
// deadline: the run ends within deadline + grace + margin with the exit code the README states, and the
// harmless partnership site crawled beside them is published.
describe('abep run --deadline-minutes 1 with hostile pages', { timeout: 300_000 }, () => {
  let fixture: FixtureWeb;
  let hostile: Server;
  let dir = '';
  const served = new Map<string, number>();

  beforeAll(async () => {
    fixture = await createFixtureWeb({ councils: 8, hostile: false, slowMs: 500, port: 18481 });
    hostile = startHostileServer(served);
    await new Promise<void>((resolve) => hostile.listen(0, '127.0.0.1', resolve));
    dir = await mkdtemp(join(tmpdir(), 'abep-deadline-'));
  });

  afterAll(async () => {
    await new Promise((resolve) => hostile?.close(resolve));
    await fixture?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  async function run(name: string, hosts: string[], env: Record<string, string>) {
    const partnership = fixture.manifest.partnerships[0];
    if (!partnership) throw new Error('the fixture web has no partnership');
    const port = (hostile.address() as AddressInfo).port;
    const urls = join(dir, `${name}.txt`);
    await writeFile(urls, [partnership.url, ...hosts.map((h) => `http://${h}:${port}/`)].join('\n'));
    const storeDir = join(dir, name);
    const settings = readSettings({
      ABEP_LOG_LEVEL: 'error',
      ABEP_NORMALISER_GRACE_MS: String(GRACE_MS),
      ABEP_EXTRACTOR_MAX_PARSE_CHARS: String(8 * 1024 * 1024),
      ABEP_METRICS_PORT: '0',
      ...env,
    });
    const { logger, lines } = capturingLogger();
    const started = Date.now();
    const { code, summary } = await runPipelineOnce(
      { fixture, urls, pipeline: ['partnership-sites'], deadlineMinutes: DEADLINE_MINUTES, storeDir },
      settings,
      logger,
      quietStderr(),
    );
    const elapsed = Date.now() - started;
    const limit = DEADLINE_MINUTES * 60_000 + GRACE_MS + MARGIN_MS;
    console.log(
      `${name}: ${Math.round(elapsed / 1000)} s (limit ${limit / 1000} s), outcome ${summary.outcome}, exit ${code}, ` +
        `partnerships ${summary.partnerships}, pages ${JSON.stringify(summary.pages)}`,
    );
    const key = `${PUBLISHER_PREFIX}/versions/${summary.snapshot.version}/partnerships.json`;
    const published = (await readJson(new DirectoryStore(storeDir), key)) as { name: string }[];
    return { code, summary, elapsed, limit, lines, published: published.map((p) => p.name), partnership };
  }

  it('a page over the per-page budget is examined with EXTRACT_BUDGET_EXCEEDED; the crawl completes, exit 0', async () => {
    const r = await run('budget', ['www.slow-0.test', 'www.slow-1.test'], {
      // A 4 MiB page takes seconds to read (~1.5 s per MiB on a quiet machine); the partnership's pages, ms.
      ABEP_EXTRACTOR_PAGE_BUDGET_MS: '3000',
      ABEP_EXTRACTOR_WORKERS: '2',
    });
    expect(r.elapsed).toBeLessThan(r.limit);
    expect(r.summary.outcome).toBe('complete');
    expect(r.code).toBe(0);
    // Both hostile pages are cut at the budget. (Under heavy load a page of the partnership's can be too; its
    // site is still published from the pages that were read.)
    const over = r.lines.filter((l) => l.code === 'EXTRACT_BUDGET_EXCEEDED').map((l) => l.key);
    expect(over).toEqual(expect.arrayContaining(['www.slow-0.test', 'www.slow-1.test']));
    expect(
      r.lines.every((l) => l.code === 'EXTRACT_BUDGET_EXCEEDED'),
      JSON.stringify(r.lines),
    ).toBe(true);
    expect(r.summary.deadLetters).toBe(0);
    expect(r.published).toContain(r.partnership.name);
  });

  it('extraction busy at the deadline and a crawl that cannot settle before it: partial at the deadline, exit 1', async () => {
    // Hostile hosts on page.fetched partitions of their own (keyed by host), so the partnership's pages are
    // not queued behind one (a partition is read one message at a time), and a worker to spare for them.
    const partnershipUrl = fixture.manifest.partnerships[0]?.url ?? '';
    const taken = new Set([partitionFor(hostKey(partnershipUrl), topics.pageFetched.partitions)]);
    const slow: string[] = [];
    for (let i = 0; slow.length < 2; i++) {
      const partition = partitionFor(`www.slow-${i}.test`, topics.pageFetched.partitions);
      if (taken.has(partition)) continue;
      taken.add(partition);
      slow.push(`www.slow-${i}.test`);
    }
    const r = await run('deadline', [...slow, 'www.tarpit.test'], {
      // Far past the deadline: the run's deadline, not the page budget, has to end it.
      ABEP_EXTRACTOR_PAGE_BUDGET_MS: String(10 * 60_000),
      ABEP_EXTRACTOR_WORKERS: '3',
      ABEP_EXTRACTOR_PARTITION_CONCURRENCY: String(topics.pageFetched.partitions),
    });
    for (const h of slow) expect(served.get(`${h}/`), h).toBeGreaterThanOrEqual(1);
    // The tarpit was still being crawled politely when the deadline came.
    const tarpitPages = [...served.keys()].filter((k) => /^www\.tarpit\.test\/about-\d+$/.test(k)).length;
    expect(tarpitPages).toBeGreaterThanOrEqual(1);
    expect(tarpitPages).toBeLessThan(TARPIT_PAGES);
    expect(r.elapsed).toBeLessThan(r.limit);
    expect(r.summary.outcome).toBe('partial');
    expect(r.code).toBe(1);
    expect(r.summary.deadLetters).toBe(0);
    expect(r.published).toContain(r.partnership.name);
  });
});
