import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Bus, createMemoryBus } from '@abep/bus';
import type { Pipeline } from '@abep/extraction';
import { silentLogger } from '@abep/logger';
import { laWebsitesPipeline } from '@abep/pipelines-la-websites';
import type { MessageOf, ObservationV1, PageFetchedV1 } from '@abep/schemas';
import { DirectoryStore } from '@abep/store';
import { eventually } from '@abep/testkit';
import { WarcWriter } from '@abep/warc';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createExtractor, type Extractor } from './app.ts';
import { ExtractorConfig } from './config.ts';

const councilHtml = readFileSync(
  new URL('../../../pipelines/la-websites/fixtures/camden-school-improvement.html', import.meta.url),
);

let dir: string;
let bus: Bus;
let store: DirectoryStore;
let extractor: Extractor | undefined;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'extractor-test-'));
  store = new DirectoryStore(dir);
  bus = createMemoryBus({ retry: { maxAttempts: 2, initialDelayMs: 1, maxDelayMs: 2 } });
});

afterEach(async () => {
  await extractor?.close();
  await bus.close();
  await rm(dir, { recursive: true, force: true });
});

async function capture(body: Buffer, contentType: string, url: string): Promise<PageFetchedV1> {
  const writer = new WarcWriter({ store, crawlId: 'crawl-1', writerId: 'test' });
  const pointer = await writer.append({
    url,
    status: 200,
    headers: { 'content-type': contentType },
    body,
    date: '2025-01-15T10:00:00.000Z',
  });
  await writer.close();
  await pointer.stored;
  return {
    crawlId: 'crawl-1',
    pipeline: 'la-websites',
    url,
    finalUrl: url,
    depth: 1,
    status: 200,
    contentType,
    fetchedAt: '2025-01-15T10:00:00.000Z',
    unchanged: false,
    warc: { key: pointer.key, offset: pointer.offset, length: pointer.length },
    sha256: createHash('sha256').update(body).digest('hex'),
    bytes: body.length,
    laCode: '202',
  };
}

async function observations(): Promise<ObservationV1[]> {
  const out: ObservationV1[] = [];
  for await (const r of bus.readToEnd('observation.extracted.v1')) if (r.ok) out.push(r.delivery.value);
  return out;
}

async function deadLetters(): Promise<MessageOf<'message.dead-lettered.v1'>[]> {
  const out: MessageOf<'message.dead-lettered.v1'>[] = [];
  for await (const r of bus.readToEnd('message.dead-lettered.v1')) if (r.ok) out.push(r.delivery.value);
  return out;
}

async function start(list?: readonly Pipeline[]): Promise<void> {
  extractor = createExtractor({
    bus,
    store,
    logger: silentLogger(),
    config: ExtractorConfig.parse({}),
    ...(list ? { pipelines: list } : {}),
  });
  await extractor.start();
}

describe('extractor', () => {
  it('reads a council page from its WARC capture and publishes its partnerships, LA role and page-examined last', async () => {
    await start();
    await bus.publish('page.fetched.v1', [
      await capture(councilHtml, 'text/html; charset=utf-8', 'https://www.camden.gov.uk/school-improvement'),
    ]);
    const out = await eventually(async () => {
      const all = await observations();
      expect(all.some((o) => o.kind === 'page-examined')).toBe(true);
      return all;
    });
    const abep = out.find((o) => o.kind === 'partnership' && o.decision === 'abep');
    expect(abep?.kind === 'partnership' && abep.fields.name.value).toBe('Camden Education Partnership');
    expect(out.find((o) => o.kind === 'la-role')).toMatchObject({
      laCode: '202',
      roles: [{ value: 'funder' }],
    });
    expect(out.at(-1)).toMatchObject({
      kind: 'page-examined',
      laCode: '202',
      partnershipLinks: ['https://www.camdeneducationpartnership.org.uk/'],
    });
    expect(out.every((o) => o.source.crawlId === 'crawl-1' && o.source.sourceKind === 'council')).toBe(true);
  });

  it('counts a non-HTML page as examined without extracting from it', async () => {
    await start();
    await bus.publish('page.fetched.v1', [
      await capture(
        Buffer.from('%PDF-1.7 Education Partnership'),
        'application/pdf',
        'https://www.camden.gov.uk/report.pdf',
      ),
    ]);
    const out = await eventually(async () => {
      const all = await observations();
      expect(all).toHaveLength(1);
      return all;
    });
    expect(out[0]).toMatchObject({
      kind: 'page-examined',
      source: { url: 'https://www.camden.gov.uk/report.pdf' },
    });
  });

  it('still emits page-examined (and no findings) when a pipeline throws', async () => {
    const broken: Pipeline = {
      ...laWebsitesPipeline,
      extract: () => {
        throw new Error('boom');
      },
    };
    await start([broken]);
    await bus.publish('page.fetched.v1', [
      await capture(councilHtml, 'text/html', 'https://www.camden.gov.uk/school-improvement'),
    ]);
    const out = await eventually(async () => {
      const all = await observations();
      expect(all).toHaveLength(1);
      return all;
    });
    expect(out[0]?.kind).toBe('page-examined');
    expect(await deadLetters()).toHaveLength(0);
  });

  it('dead-letters a page whose WARC pointer cannot be read, with STORE_NOT_FOUND', async () => {
    await start();
    const message = await capture(councilHtml, 'text/html', 'https://www.camden.gov.uk/school-improvement');
    await bus.publish('page.fetched.v1', [
      { ...message, warc: { key: 'warc/crawl-1/missing.warc.gz', offset: 0, length: 100 } },
    ]);
    const letters = await eventually(async () => {
      const all = await deadLetters();
      expect(all).toHaveLength(1);
      return all;
    });
    expect(letters[0]?.code).toBe('STORE_NOT_FOUND');
    expect(await observations()).toHaveLength(0);
  });
});
