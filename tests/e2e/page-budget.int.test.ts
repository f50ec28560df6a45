import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRuntime, type Infra, openInfra, type Runtime, readSettings } from '@abep/cli';
import { examinePage } from '@abep/extractor';
import { loadGazetteer, placesOf } from '@abep/gazetteer';
import { pipelineFor } from '@abep/pipelines';
import type { ObservationV1, PageFetchedV1 } from '@abep/schemas';
import { eventually, requireService } from '@abep/testkit';
import { WarcWriter } from '@abep/warc';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { realEnv, testLogger } from './support/harness.ts';

const council = readFileSync(
  new URL('../../pipelines/la-websites/fixtures/camden-school-improvement.html', import.meta.url),
  'utf8',
);
const text = '<p>Camden Learning Partnership is the school-led education partnership for Camden.</p>';
/** Paragraphs: linear to bound, but seconds to extract per million characters (the 4 MiB page). */
const paragraphs = (mib: number) =>
  `<html><body>${'<p>Schools in the area work together on school improvement.</p>'.repeat((mib * 1024 * 1024) / 62)}${text}</body></html>`;
const attrs = (n: number) =>
  `<html><body><div ${Array.from({ length: n }, (_, i) => `a${i}="1"`).join(' ')}>x</div>${text}</body></html>`;
const nested = (n: number) => `<html><body>${'<div>'.repeat(n)}${text}${'</div>'.repeat(n)}</body></html>`;

const BUDGET_MS = 2000;
/** Far past the budget on any machine (tens of seconds read whole); the rest take milliseconds. */
const cases: { name: string; html: string; overBudget: boolean }[] = [
  { name: 'council page', html: council, overBudget: false },
  { name: 'paragraphs 4.5 MiB', html: paragraphs(4.5), overBudget: true },
  { name: 'nesting 20,000', html: nested(20_000), overBudget: false },
  { name: 'paragraphs 3 MiB', html: paragraphs(3), overBudget: true },
  { name: 'attributes 80,000', html: attrs(80_000), overBudget: false },
  { name: 'council page again', html: council.replace('<body', '<body data-again="1"'), overBudget: false },
];

// Extraction runs on worker threads under a per-page wall-clock budget: a page over it is counted as
// examined with EXTRACT_BUDGET_EXCEEDED, the pages after it are read as usual, and nothing dead-letters.
describe('page budget on the real broker and S3 server', { timeout: 180_000 }, () => {
  let infra: Infra;
  let runtime: Runtime;
  const env = realEnv('budget').env;
  const settings = readSettings({
    ...env,
    ABEP_EXTRACTOR_PAGE_BUDGET_MS: String(BUDGET_MS),
    ABEP_EXTRACTOR_MAX_PARSE_CHARS: '6000000',
    ABEP_EXTRACTOR_WORKERS: '1',
  });
  const places = placesOf(loadGazetteer());

  beforeAll(async () => {
    await requireService('kafka');
    await requireService('s3');
    infra = await openInfra(settings.infra, testLogger());
    runtime = createRuntime({
      infra,
      settings,
      logger: testLogger(),
      gazetteer: loadGazetteer(),
      services: ['extractor'],
    });
    await runtime.start();
  });
  afterAll(async () => {
    await runtime?.close();
    await infra?.close();
  });

  it('stops each page over budget, reads every other page whole, dead-letters nothing', async () => {
    const writer = new WarcWriter({ store: infra.store, crawlId: 'budget', writerId: 'test' });
    const messages: { message: PageFetchedV1; body: Buffer; overBudget: boolean }[] = [];
    for (const [i, c] of cases.entries()) {
      const body = Buffer.from(c.html);
      const url = `https://www.camden.gov.uk/school-improvement/${i}`;
      const pointer = await writer.append({
        url,
        status: 200,
        headers: { 'content-type': 'text/html; charset=utf-8' },
        body,
        date: '2025-01-15T10:00:00.000Z',
      });
      messages.push({
        body,
        overBudget: c.overBudget,
        message: {
          crawlId: 'budget',
          pipeline: 'la-websites',
          url,
          finalUrl: url,
          depth: 1,
          status: 200,
          contentType: 'text/html',
          fetchedAt: '2025-01-15T10:00:00.000Z',
          unchanged: false,
          warc: { key: pointer.key, offset: pointer.offset, length: pointer.length },
          sha256: createHash('sha256').update(body).digest('hex'),
          bytes: body.length,
          laCode: '202',
        },
      });
      await pointer.stored;
    }
    await writer.close();
    await infra.bus.publish(
      'page.fetched.v1',
      messages.map((m) => m.message),
    );

    const byUrl = await eventually(async () => {
      const out = new Map<string, ObservationV1[]>();
      for await (const r of infra.bus.readToEnd('observation.extracted.v1')) {
        if (!r.ok) continue;
        const url = r.delivery.value.source.url;
        out.set(url, [...(out.get(url) ?? []), r.delivery.value]);
      }
      expect(out.size).toBe(cases.length);
      return out;
    }, 150_000);

    for (const { message, body, overBudget } of messages) {
      const got = byUrl.get(message.url) ?? [];
      const examined = got.filter((o) => o.kind === 'page-examined');
      expect(examined, message.url).toHaveLength(1);
      if (overBudget) {
        expect(got, message.url).toHaveLength(1);
        expect(examined[0]).toMatchObject({ failure: 'EXTRACT_BUDGET_EXCEEDED' });
      } else {
        const inProcess = examinePage(
          message,
          { body, contentType: 'text/html' },
          pipelineFor(message.pipeline),
          {
            maxHtmlBytes: settings.extractor.maxHtmlBytes,
            places,
          },
        );
        // discoverSites adds the count of sites it requested from the page.
        const read = got.map(({ seedsRequested: _, ...o }: ObservationV1 & { seedsRequested?: number }) => o);
        expect(read, message.url).toEqual(inProcess.observations);
      }
    }
    expect(byUrl.get(messages[0]?.message.url ?? '')?.some((o) => o.kind === 'partnership')).toBe(true);
    let letters = 0;
    for await (const r of infra.bus.readToEnd('message.dead-lettered.v1')) if (r.ok) letters++;
    expect(letters).toBe(0);
  });
});
