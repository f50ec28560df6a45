import cliProgress from 'cli-progress';
import type { CrawlStatus } from './crawl-status.ts';

export interface ProgressView {
  update(status: CrawlStatus): void;
  stop(): void;
}

/** Bars on a TTY; nothing otherwise (off a TTY the structured logs are the record). */
export function createProgressView(stream: NodeJS.WriteStream): ProgressView {
  if (!stream.isTTY) return { update() {}, stop() {} };
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
