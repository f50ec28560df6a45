import { createLogger, type Logger } from '@abep/logger';
import { pipelineNames } from '@abep/pipelines';
import { Command, InvalidArgumentError, Option } from 'commander';
import cliPackage from '../package.json' with { type: 'json' };
import { crawl } from './commands/crawl.ts';
import { type ExtractOptions, extract, extractText } from './commands/extract.ts';
import { replay } from './commands/replay.ts';
import { type RunOptions, runPipelineOnce } from './commands/run.ts';
import { scheduleRows, schedulesText } from './commands/schedules.ts';
import { parseServable, SERVABLE, serve } from './commands/serve.ts';
import { type ServeWebOptions, serveWeb } from './commands/serve-web.ts';
import {
  type SnapshotCommandContext,
  snapshotsDiff,
  snapshotsDownload,
  snapshotsList,
  snapshotsPromote,
  snapshotsPrune,
  snapshotsShow,
} from './commands/snapshots.ts';
import { readStatus, statusText } from './crawl-status.ts';
import { EXIT } from './exit-codes.ts';
import { openInfra, openStore } from './infra.ts';
import { levelBesideBars } from './progress.ts';
import { MAX_DEADLINE_MINUTES, readSettings, type Settings } from './settings.ts';

export interface ProgramIo {
  env: Record<string, string | undefined>;
  stdout: NodeJS.WriteStream;
  stderr: NodeJS.WriteStream;
  /** Aborted on SIGTERM / SIGINT. */
  signal: AbortSignal;
  setExitCode(code: number): void;
}

const CLI_VERSION: string = cliPackage.version;

const collect = (value: string, previous: string[] = []) => [...previous, value];
const positiveInt = (value: string) => {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('expected a whole number ≥ 1');
  return n;
};
const deadlineMinutes = (value: string) => {
  const n = positiveInt(value);
  if (n > MAX_DEADLINE_MINUTES)
    throw new InvalidArgumentError(
      `expected at most ${MAX_DEADLINE_MINUTES} (minutes; timers overflow past that)`,
    );
  return n;
};

const port = (value: string) => {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new InvalidArgumentError('expected a port, 0–65535');
  return n;
};

export function buildProgram(io: ProgramIo): Command {
  let settings: Settings | undefined;
  let logger: Logger | undefined;
  /** `bars`: the command draws progress bars on a terminal. */
  const ctx = (bars = false) => {
    settings ??= readSettings(io.env);
    const level = bars
      ? levelBesideBars(settings.log.level, io.env.ABEP_LOG_LEVEL, io.stderr)
      : settings.log.level;
    logger ??= createLogger({ level, destination: io.stderr });
    return { settings, logger };
  };
  const print = (json: boolean | undefined) => (value: unknown, text: () => string) => {
    io.stdout.write(`${json ? JSON.stringify(value, null, 2) : text()}\n`);
  };

  const program = new Command('abep')
    .description(
      'Keeps the national register of area-based education partnerships: crawl, extract, normalise, publish.',
    )
    .version(`abep ${CLI_VERSION}`, '-V, --version', 'print the version')
    .showHelpAfterError()
    // Before any subcommand is added, so every one inherits it: option errors end as CommanderError, exit 2.
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.stdout.write(s), writeErr: (s) => io.stderr.write(s) });

  const planOptions = (cmd: Command) =>
    cmd
      .option(
        '--la <name-or-code>',
        'only this LA (repeatable): a name such as "Sheffield" or a DfE code such as 373',
        collect,
      )
      .option('--pipeline <name>', `only this pipeline (repeatable): ${pipelineNames.join(', ')}`, collect)
      .option('--urls <file>', 'crawl the URLs in this file (one per line) instead of the pipelines’ seeds')
      .option('--deadline-minutes <n>', 'stop and publish what was found after this long', deadlineMinutes);

  planOptions(
    program
      .command('run')
      .description(
        'the whole pipeline once: crawl → extract → normalise → publish (embedded unless Kafka/S3 are configured)',
      ),
  )
    .option(
      '--fixture-web',
      'crawl the built-in loopback fixture web instead of the internet (demos and tests)',
    )
    .addOption(
      new Option('--fixture-councils <n>', 'council sites in the fixture web')
        .argParser(positiveInt)
        .hideHelp(),
    )
    .option(
      '--store-dir <dir>',
      'directory store location when S3 is not configured (default ABEP_STORE_DIR or .data/store)',
    )
    .option('--crawl-id <id>', 'use this crawl id (default: time-based)')
    .option('--json', 'print the summary as JSON')
    .action(async (options: RunOptions) => {
      const { settings, logger } = ctx(true);
      const { code, summary } = await runPipelineOnce(options, settings, logger, io.stderr);
      print(options.json)(summary, () =>
        [
          `crawl ${summary.crawlId} (${summary.outcome}, coverage ${(summary.coverage * 100).toFixed(1)}%) on ${summary.infra}`,
          `pages: ${summary.pages.fetched} fetched, ${summary.pages.unchanged} unchanged, ${summary.pages.failed} failed of ${summary.pages.requested}` +
            (summary.pages.failed
              ? ` (${Object.entries(summary.pages.failedByCode)
                  .map(([c, n]) => `${c} ${n}`)
                  .join(', ')})`
              : ''),
          ...(summary.localAuthorityCoverage
            ? [
                `local authorities this crawl: ${summary.localAuthorityCoverage.examined} examined, ${summary.localAuthorityCoverage.unreachable} unreachable, ${summary.localAuthorityCoverage.notCrawled} not crawled (earlier data kept)`,
              ]
            : []),
          `register: ${summary.partnerships} partnerships, ${summary.localAuthorities} local authority profiles, ${summary.rejectedMentions} look-alikes rejected, ${summary.deadLetters} dead letters`,
          `snapshot: ${summary.snapshot.status} ${summary.snapshot.version}${summary.snapshot.manifestKey ? ` (${summary.snapshot.manifestKey})` : ''}`,
          ...(summary.snapshot.readWith
            ? [
                `read it: ${summary.snapshot.readWith.serve} (map at /${settings.publisher.prefix}/latest/map/), or ${summary.snapshot.readWith.download}`,
                ...(summary.snapshot.readWith.map
                  ? [`map in the bucket: ${summary.snapshot.readWith.map}`]
                  : []),
              ]
            : []),
          ...(summary.reason ? [`not complete: ${summary.reason}`] : []),
          ...(summary.snapshot.reason
            ? [`snapshot ${summary.snapshot.status}: ${summary.snapshot.reason}`]
            : []),
        ].join('\n'),
      );
      io.setExitCode(code);
    });

  planOptions(
    program
      .command('crawl')
      .description('start a crawl of a plan on the configured bus (national by default)'),
  )
    .option('--wait', 'wait until the crawl finishes and print its counts')
    .option('--json', 'print JSON')
    .action(async (options) => {
      const { settings, logger } = ctx();
      const result = await crawl(options, settings, logger, io.signal);
      print(options.json)(
        result,
        () =>
          `crawl ${result.crawlId}: ${result.seeds} seeds${result.finished ? `, ${result.finished.outcome}` : ' requested'}`,
      );
      if (result.finished && result.finished.outcome !== 'complete') io.setExitCode(EXIT.partial);
    });

  program
    .command('replay')
    .description('extract → normalise → publish from WARC files instead of the network')
    .argument('<warc...>', 'WARC files (gzip per record)')
    .option('--store-dir <dir>', 'directory store to write the snapshot to (when S3 is not configured)')
    .option('--crawl-id <id>', 'crawl id to record the replay under')
    .option(
      '--pipeline <name>',
      'pipeline whose extract reads the pages (default: by host — council or partnership)',
    )
    .option('--json', 'print JSON')
    .action(async (files: string[], options) => {
      const { settings, logger } = ctx();
      const result = await replay(files, options, settings, logger);
      print(options.json)(
        result,
        () =>
          `replayed ${result.pages} pages from ${files.length} files → ${result.partnerships} partnerships; snapshot ${result.snapshot.status} ${result.snapshot.version}`,
      );
    });

  program
    .command('eval')
    .description(
      'score extraction on a labelled corpus: replay → extract → normalise → publish in a temporary store, then compare with the labels',
    )
    .argument(
      '[warc...]',
      'WARC files (gzip per record); default: <labels>/pages/*.txt wrapped as HTML as the corpus README describes',
    )
    .requiredOption(
      '--labels <dir>',
      'labels directory: pages.csv, partnerships.csv, la-roles.csv (and pages/)',
    )
    .option('--out <file>', 'write the full JSON report here (default .data/eval-report.json)')
    .option(
      '--explain',
      'list every miss, wrong record, wrong or missed LA role and page kind, with evidence',
    )
    .option('--floor <file>', 'JSON of minimum figures; exit 1 when any figure is below its floor')
    .option('--json', 'print the report as JSON instead of the table')
    .action(async (files: string[], options) => {
      const { settings } = ctx();
      // The services' info logs would bury the table; ABEP_LOG_LEVEL still wins when set.
      const quiet = createLogger({ level: io.env.ABEP_LOG_LEVEL ?? 'warn', destination: io.stderr });
      // Loaded on use: the scorer and its CSV reader are not needed by any other command.
      const [{ evaluate }, { formatExplain, formatReport }] = await Promise.all([
        import('./commands/eval.ts'),
        import('@abep/evaluation'),
      ]);
      const result = await evaluate(files, options, settings, quiet);
      print(options.json)(result.report, () =>
        [
          formatReport(result.report),
          ...(options.explain ? [formatExplain(result.report)] : []),
          `report: ${result.outPath}`,
        ].join('\n'),
      );
      if (result.belowFloor.length) {
        for (const f of result.belowFloor)
          io.stderr.write(
            `abep eval: ${f.figure} ${f.value === null ? 'n/a' : f.value.toFixed(3)} is below its floor ${f.floor}\n`,
          );
        io.setExitCode(EXIT.partial);
      }
    });

  program
    .command('explain')
    .description(
      'why a partnership is in the register, a candidate, or was rejected: confidence, sources and excerpts (reads the store; no Kafka)',
    )
    .argument('<id-or-name>', 'a partnership id (abep-…) or a name or alias')
    .option('--version <v>', 'a snapshot version (default: latest)')
    .option('--json', 'print JSON')
    .action(async (query: string, options) => {
      const { settings, logger } = ctx();
      const infra = await openInfra(
        { ...settings.infra, kafka: { ...settings.infra.kafka, brokers: [] } },
        logger,
      );
      try {
        const { explainRecord, formatExplanation } = await import('./commands/explain.ts');
        const found = await explainRecord(
          { store: infra.store, prefix: settings.publisher.prefix },
          query,
          options.version,
        );
        print(options.json)(found, () => formatExplanation(found));
        if (found.matches.length === 0) io.setExitCode(EXIT.partial);
      } finally {
        await infra.close();
      }
    });

  program
    .command('status')
    .description(
      'the state of the current or last crawl, per host: queued, in flight, fetched, failed by code, waiting',
    )
    .option('--crawl <id>', 'a specific crawl (default: the latest)')
    .option('--json', 'print JSON')
    .action(async (options) => {
      const { settings } = ctx();
      const infra = openStore(settings.infra);
      const status = await readStatus(infra.store, options.crawl);
      if (!status) {
        io.stderr.write(
          `no crawl status found in ${infra.describe}${options.crawl ? ` for ${options.crawl}` : ''}\n`,
        );
        io.setExitCode(EXIT.partial);
        return;
      }
      print(options.json)(status, () => statusText(status));
    });

  program
    .command('schedules')
    .description('the configured crawl schedules: next due times and the last crawl of each')
    .option('--json', 'print JSON')
    .option('--store-dir <dir>', 'directory store to read when S3 is not configured (default ABEP_STORE_DIR)')
    .action(async (options: { json?: boolean; storeDir?: string }) => {
      const { settings } = ctx();
      const { store } = openStore({
        ...settings.infra,
        ...(options.storeDir ? { storeDir: options.storeDir } : {}),
      });
      const at = settings.run.fixedClock ? new Date(settings.run.fixedClock) : new Date();
      const rows = await scheduleRows(settings.schedules, store, at);
      print(options.json)(rows, () => schedulesText(rows));
    });

  program
    .command('extract')
    .description(
      'what one page yields: its page kind, every mention with its decision and cues, the fields with excerpts',
    )
    .argument(
      '<target>',
      'an http(s) URL, a saved .html file, or a .warc/.warc.gz file (each HTML page in it)',
    )
    .option('--pipeline <name>', `read it as this pipeline (${pipelineNames.join(', ')})`)
    .option('--url <url>', 'the page’s URL (for a saved .html file), or the one page of a WARC to show')
    .option('--json', 'print the observations as JSON')
    .action(async (target: string, o: ExtractOptions & { json?: boolean }) => {
      const { settings } = ctx();
      const pages = await extract(target, o, settings);
      print(o.json)(pages, () => extractText(pages));
    });

  const snapshots = program
    .command('snapshots')
    .description('list, show, download, diff, promote and prune published register versions');
  // Snapshots live in the store alone: these commands never open Kafka, so they work while it is down.
  const withStore =
    (o: { json?: boolean; storeDir?: string }, work: (c: SnapshotCommandContext) => Promise<void>) =>
    async () => {
      const { settings } = ctx();
      const { store } = openStore({ ...settings.infra, ...(o.storeDir ? { storeDir: o.storeDir } : {}) });
      await work({ store, prefix: settings.publisher.prefix, print: print(o.json) });
    };
  const storeOptions = (cmd: Command) =>
    cmd
      .option('--json', 'print JSON')
      .option(
        '--store-dir <dir>',
        'directory store to read when S3 is not configured (default ABEP_STORE_DIR)',
      );
  storeOptions(
    snapshots
      .command('list')
      .description('every published version, oldest first: counts, outcome, trigger, changes'),
  ).action((o) => withStore(o, snapshotsList)());
  storeOptions(
    snapshots
      .command('show')
      .description('a version’s manifest')
      .argument('<version>', 'a version, or "latest"'),
  ).action((v: string, o) => withStore(o, (c) => snapshotsShow(c, v))());
  storeOptions(
    snapshots
      .command('download')
      .description('download a version to a directory, verifying every checksum')
      .argument('<version>', 'a version, or "latest"')
      .argument('<dir>', 'target directory'),
  ).action((v: string, dir: string, o) => withStore(o, (c) => snapshotsDownload(c, v, dir))());
  storeOptions(
    snapshots
      .command('diff')
      .description(
        'partnerships added, removed and changed between two versions (a summary; --json field by field)',
      )
      .argument('<a>', 'older version')
      .argument('<b>', 'newer version, or "latest"'),
  ).action((a: string, b: string, o) => withStore(o, (c) => snapshotsDiff(c, a, b))());
  storeOptions(
    snapshots
      .command('promote')
      .description(
        'move latest to a version on purpose: one held back for dropping too many partnerships without evidence',
      )
      .argument('<version>', 'a listed version, newer than latest (latest never moves backwards)'),
  ).action((v: string, o) => withStore(o, (c) => snapshotsPromote(c, v))());
  storeOptions(
    snapshots
      .command('prune')
      .description('remove old versions; never latest or the newest N')
      .requiredOption('--keep <n>', 'versions to keep', positiveInt)
      .option('--dry-run', 'only report what would be removed'),
  ).action((o) => withStore(o, (c) => snapshotsPrune(c, o.keep, Boolean(o.dryRun)))());

  program
    .command('serve')
    .description(
      'run one long-running service with /metrics, /healthz and /readyz; `serve web` serves the published register and its map over HTTP',
    )
    .argument('<service>', [...SERVABLE, 'web'].join(' | '))
    .option('--host <host>', 'web: address to listen on (default ABEP_WEB_HOST, 127.0.0.1)')
    .option('--port <port>', 'web: port to listen on, 0 for any free one (default ABEP_WEB_PORT, 8480)', port)
    .option('--store-dir <dir>', 'web: directory store to serve when S3 is not configured')
    .action(async (name: string, o: ServeWebOptions) => {
      const { settings, logger } = ctx();
      if (name === 'web') {
        await serveWeb(o, settings, logger, io.signal, (url) =>
          io.stdout.write(
            `serving the register at ${url} (map: ${url}${settings.publisher.prefix}/latest/map/)\n`,
          ),
        );
        return;
      }
      await serve(parseServable(name), settings, logger, io.signal);
    });

  return program;
}
