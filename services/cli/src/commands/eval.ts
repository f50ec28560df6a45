import { mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { createMemoryBus } from '@abep/bus';
import {
  belowFloor,
  loadLabels,
  type RejectedMention,
  type Report,
  scanWarc,
  score,
  writeCorpusWarc,
} from '@abep/evaluation';
import type { Logger } from '@abep/logger';
import { layout } from '@abep/publisher';
import { AbepError, type LocalAuthorityProfileV1, type PageKind, type PartnershipV1 } from '@abep/schemas';
import { DirectoryStore, readJson } from '@abep/store';
import type { Infra } from '../infra.ts';
import type { Settings } from '../settings.ts';
import { replayInto } from './replay.ts';

export interface EvalOptions {
  labels: string;
  out?: string;
  explain?: boolean;
  floor?: string;
  json?: boolean;
}

export interface EvalResult {
  report: Report;
  outPath: string;
  version: string;
  belowFloor: { figure: string; value: number | null; floor: number }[];
}

/** Where the full JSON report goes without --out: beside the other local run data, which git ignores. */
const DEFAULT_REPORT_PATH = join('.data', 'eval-report.json');
/** The crawl every evaluation replays as, at the corpus's capture time: equal inputs give equal snapshots. */
const EVAL_CRAWL_ID = 'eval';
const EVAL_CLOCK = '2026-11-01T00:00:00.000Z';

async function readFloor(file: string): Promise<unknown> {
  const text = await readFile(file, 'utf8').catch((cause: NodeJS.ErrnoException) => {
    throw new AbepError(
      'CONFIG_INVALID',
      `${file}: ${cause.code === 'ENOENT' ? 'does not exist' : cause.message}`,
    );
  });
  try {
    return JSON.parse(text);
  } catch (cause) {
    throw new AbepError('CONFIG_INVALID', `${file}: not JSON (${(cause as Error).message})`, { cause });
  }
}

async function readOptional<T>(store: DirectoryStore, key: string): Promise<T | undefined> {
  return (await store.head(key)) ? ((await readJson(store, key)) as T) : undefined;
}

/**
 * `abep eval`: replays WARC files (or the labels directory's pages/*.txt, wrapped as its README describes)
 * through extraction → normalisation → publishing exactly as `abep replay` does, with no pipeline hint, on an
 * in-process bus and a temporary directory store, then scores the published snapshot against the labels.
 */
export async function evaluate(
  files: string[],
  options: EvalOptions,
  settings: Settings,
  logger: Logger,
): Promise<EvalResult> {
  const info = await stat(options.labels).catch(() => undefined);
  if (!info?.isDirectory())
    throw new AbepError('CONFIG_INVALID', `${options.labels}: labels directory does not exist`);
  const labels = await loadLabels(options.labels);
  const floor = options.floor ? await readFloor(options.floor) : undefined;
  const scratch = await mkdtemp(join(tmpdir(), 'abep-eval-'));
  try {
    const warcs = files.length
      ? files
      : [(await writeCorpusWarc(join(options.labels, 'pages'), join(scratch, 'corpus.warc.gz'))).path];
    const scans = [];
    for (const file of warcs) scans.push(await scanWarc(file));

    const store = new DirectoryStore(join(scratch, 'store'));
    const bus = createMemoryBus({ logger });
    const infra: Infra = {
      bus,
      store,
      describe: `in-process bus + directory ${store.root}`,
      embedded: true,
      close: () => bus.close(),
    };
    let replayed: Awaited<ReturnType<typeof replayInto>>;
    const examined: { url: string; pageKind?: PageKind }[] = [];
    try {
      replayed = await replayInto(warcs, {
        infra,
        settings,
        logger,
        crawlId: EVAL_CRAWL_ID,
        now: () => new Date(EVAL_CLOCK),
      }).catch((err: unknown) => {
        if (err instanceof AbepError && err.code === 'MANIFEST_INVALID')
          throw new AbepError('CONFIG_INVALID', err.message, { cause: err });
        throw err;
      });
      for await (const read of bus.readToEnd('observation.extracted.v1')) {
        if (!read.ok || read.delivery.value.kind !== 'page-examined') continue;
        const o = read.delivery.value;
        const kind = o.pageKind ? { pageKind: o.pageKind } : {};
        examined.push({ url: o.source.url, ...kind });
        if (o.requestedUrl && o.requestedUrl !== o.source.url)
          examined.push({ url: o.requestedUrl, ...kind });
      }
    } finally {
      await infra.close();
    }
    const paths = layout(settings.publisher.prefix);
    const version = replayed.snapshot.version;
    const file = (name: string) => paths.file(version, name);
    const report = score({
      labels,
      corpusUrls: scans.flatMap((s) => s.urls),
      undecodable: scans.flatMap((s) => s.undecodable),
      partnerships: (await readOptional<PartnershipV1[]>(store, file('partnerships.json'))) ?? [],
      candidates: (await readOptional<PartnershipV1[]>(store, file('partnership-candidates.json'))) ?? [],
      localAuthorities:
        (await readOptional<LocalAuthorityProfileV1[]>(store, file('local-authorities.json'))) ?? [],
      examined,
      rejected: (await readOptional<RejectedMention[]>(store, `audit/${EVAL_CRAWL_ID}/rejected.json`)) ?? [],
    });
    const outPath = resolve(options.out ?? DEFAULT_REPORT_PATH);
    await mkdir(dirname(outPath), { recursive: true });
    await writeFile(outPath, `${JSON.stringify(report, null, 2)}\n`);
    return {
      report,
      outPath,
      version,
      belowFloor: floor === undefined ? [] : belowFloor(report, floor, options.floor),
    };
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}
