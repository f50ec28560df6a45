import cliProgress from 'cli-progress';
import type { CrawlStatus } from './crawl-status.ts';

export interface ProgressView {
  update(status: CrawlStatus): void;
  stop(): void;
}

export interface ProgressOptions {
  /** Off a terminal, one progress line at most this often (Scrapy and Crawlee log once a minute). */
  everyMs?: number;
  now?: () => number;
}

/** The one-line form of a crawl's progress, for logs and pipes. */
function progressLine(status: CrawlStatus): string {
  const t = status.totals;
  const settled = t.fetched + t.unchanged + t.failed;
  const parts = [
    `${settled}/${t.requested} pages settled (fetched ${t.fetched}, unchanged ${t.unchanged}, failed ${t.failed})`,
  ];
  if (status.ratePerSecond !== undefined) parts.push(`${status.ratePerSecond} pages/s`);
  if (status.etaSeconds !== undefined) parts.push(`ETA ≥ ${status.etaSeconds} s`);
  return `abep: ${parts.join(' · ')}`;
}

/** Bars on a TTY; off a TTY a plain progress line every `everyMs`, and one at the end. */
export function createProgressView(stream: NodeJS.WriteStream, options: ProgressOptions = {}): ProgressView {
  if (!stream.isTTY) {
    const everyMs = options.everyMs ?? 60_000;
    const now = options.now ?? Date.now;
    let last = now();
    let latest: CrawlStatus | undefined;
    return {
      update(status) {
        latest = status;
        if (now() - last < everyMs) return;
        last = now();
        stream.write(`${progressLine(status)}\n`);
      },
      stop() {
        if (latest) stream.write(`${progressLine(latest)}\n`);
        latest = undefined;
      },
    };
  }
  const bars = new cliProgress.MultiBar(
    { stream, clearOnComplete: false, hideCursor: true, format: ' {label} |{bar}| {value}/{total} {detail}' },
    cliProgress.Presets.shades_classic,
  );
  const pages = bars.create(1, 0, { label: 'pages settled', detail: '' });
  return {
    update(status) {
      const settled = status.totals.fetched + status.totals.unchanged + status.totals.failed;
      const busy = status.hosts.filter((h) => h.inFlight > 0).length;
      const waiting = status.hosts.filter((h) => h.waitingFor).length;
      pages.setTotal(Math.max(1, status.totals.requested));
      pages.update(settled, {
        detail: `fetched ${status.totals.fetched} · unchanged ${status.totals.unchanged} · failed ${status.totals.failed} · hosts busy ${busy}, waiting ${waiting}`,
      });
    },
    stop() {
      bars.stop();
    },
  };
}

/**
 * On a terminal the progress bars are the record and JSON info lines would run over them, so unless a level
 * is asked for (ABEP_LOG_LEVEL) only warnings and errors are logged there.
 */
export function levelBesideBars<L extends string>(
  configured: L,
  asked: string | undefined,
  stream: { isTTY?: boolean },
): L | 'warn' {
  return asked === undefined && stream.isTTY ? 'warn' : configured;
}
