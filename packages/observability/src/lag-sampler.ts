import type { Logger } from '@abep/logger';
import type { LagSample, Metrics } from './metrics.ts';

/** Supplies the current lag of every (topic, partition, group) this process consumes. */
export type LagSource = () => Promise<readonly LagSample[]>;

export interface LagSamplerOptions {
  source: LagSource;
  metrics: Pick<Metrics, 'consumerLag'>;
  /** Default 15 000 (one Prometheus scrape interval). */
  intervalMs?: number;
  logger: Logger;
}

export interface LagSampler {
  /** Samples once now; resolves when the gauge is updated (or the failure logged). */
  sampleNow(): Promise<void>;
  /** Stops the timer and waits for a sample in flight. */
  stop(): Promise<void>;
}

/**
 * Samples consumer lag into `abep_consumer_lag` every interval. Samples never overlap: a slow source delays
 * the next tick instead of piling up admin requests. A failing source keeps the last values and logs a warning
 * once per failure streak, so a broker outage does not flood the log.
 */
export function startLagSampler(options: LagSamplerOptions): LagSampler {
  const logger = options.logger.child({ component: 'lag-sampler' });
  const intervalMs = options.intervalMs ?? 15_000;
  let inFlight: Promise<void> | undefined;
  let failing = false;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;

  const sampleNow = (): Promise<void> => {
    inFlight ??= (async () => {
      try {
        const samples = await options.source();
        options.metrics.consumerLag(samples);
        if (failing) logger.info({ series: samples.length }, 'consumer lag sampling recovered');
        failing = false;
      } catch (error) {
        if (!failing) logger.warn({ err: error }, 'consumer lag sampling failed; keeping last values');
        failing = true;
      } finally {
        inFlight = undefined;
      }
    })();
    return inFlight;
  };

  const schedule = () => {
    if (stopped) return;
    timer = setTimeout(() => {
      sampleNow().finally(schedule);
    }, intervalMs);
    timer.unref();
  };
  schedule();

  return {
    sampleNow,
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await inFlight;
    },
  };
}
