import { readFileSync } from 'node:fs';
import {
  KafkaConfig,
  kafkaEnv,
  LogConfig,
  logEnv,
  readEnv,
  S3Config,
  StoreDirConfig,
  s3Env,
  storeDirEnv,
} from '@abep/config';
import { CrawlerConfig, crawlerEnv } from '@abep/crawler';
import { ExtractorConfig, extractorEnv } from '@abep/extractor';
import { FetchSettings, fetchEnv } from '@abep/fetcher';
import { NormaliserConfig, normaliserEnv } from '@abep/normaliser';
import { PublisherConfig, publisherEnv } from '@abep/publisher';
import { parseSchedules, type Schedule } from '@abep/scheduler';
import { AbepError } from '@abep/schemas';
import { z } from 'zod';
import type { InfraConfig } from './infra.ts';

/** Node's timers overflow past 2^31-1 ms (~24.8 days) and fire at once, so every duration is bounded below it. */
export const MAX_DEADLINE_MINUTES = 30_000;

export const RunConfig = z.object({
  /** At most MAX_DEADLINE_MINUTES (~20 days): the run's limit (deadline + grace + 1 min) must fit Node's timer. */
  deadlineMinutes: z.coerce.number().int().min(1).max(MAX_DEADLINE_MINUTES).default(30),
  /** How long `abep run` waits out Kafka or the store failing with no success before it gives up (exit 3). */
  outageSeconds: z.coerce.number().int().min(1).max(86_400).default(60),
  metricsPort: z.coerce.number().int().min(0).max(65535).default(9464),
  metricsHost: z.string().min(1).default('127.0.0.1'),
  webHost: z.string().min(1).default('127.0.0.1'),
  webPort: z.coerce.number().int().min(0).max(65535).default(8480),
  /** Fixes every clock (fetch times, crawl times) — for reproducible test runs only. */
  fixedClock: z.iso.datetime().optional(),
  schedules: z.string().optional(),
  schedulesFile: z.string().min(1).optional(),
  /** Reference data (LAs, boundaries, hubs, GIAS lists): read from here, never copied into the repository. */
  referenceDataDir: z.string().min(1).optional(),
});
export type RunConfig = z.infer<typeof RunConfig>;

export const runEnv = {
  deadlineMinutes: {
    env: 'ABEP_RUN_DEADLINE_MINUTES',
    description: 'a crawl stops and publishes what it has after this long',
  },
  outageSeconds: {
    env: 'ABEP_RUN_OUTAGE_SECONDS',
    description:
      '`abep run` gives up (exit 3, naming it) once Kafka or the store has failed this long with no success',
  },
  metricsPort: {
    env: 'ABEP_METRICS_PORT',
    description: 'port of /metrics, /healthz, /readyz for `abep serve`',
  },
  metricsHost: {
    env: 'ABEP_METRICS_HOST',
    description: 'address /metrics, /healthz, /readyz listen on (`0.0.0.0` for a scraper on another machine)',
  },
  webHost: {
    env: 'ABEP_WEB_HOST',
    description: 'address `abep serve web` listens on (`0.0.0.0` to serve beyond this machine)',
  },
  webPort: { env: 'ABEP_WEB_PORT', description: 'port of `abep serve web`' },
  fixedClock: {
    env: 'ABEP_FIXED_CLOCK',
    description: 'ISO time every clock reads (reproducible test runs only)',
  },
  schedules: {
    env: 'ABEP_SCHEDULER_SCHEDULES',
    description: 'JSON array of {name, pipelines, cron, laCodes?, deadlineMinutes?}',
  },
  schedulesFile: {
    env: 'ABEP_SCHEDULER_SCHEDULES_FILE',
    description: 'a file holding such a JSON array; its schedules are added to those of the variable above',
  },
  referenceDataDir: {
    env: 'ABEP_REFERENCE_DATA_DIR',
    description:
      'directory of the reference data (LAs, boundaries, hubs, GIAS school lists); unset: ../shared/data beside the repository',
  },
} as const;

export interface Settings {
  infra: InfraConfig;
  log: z.infer<typeof LogConfig>;
  run: RunConfig;
  /** The fetch settings (a part of @abep/fetcher's FetcherConfig). */
  fetch: FetchSettings;
  crawler: z.input<typeof CrawlerConfig>;
  normaliser: z.infer<typeof NormaliserConfig>;
  extractor: z.infer<typeof ExtractorConfig>;
  publisher: z.infer<typeof PublisherConfig>;
  schedules: Schedule[];
}

/** Every setting the CLI's composition roots use, read once from the environment. */
export function readSettings(env: Record<string, string | undefined>): Settings {
  const kafka = readEnv(KafkaConfig, kafkaEnv, env);
  const s3 = readEnv(S3Config, s3Env, env);
  if (s3.endpoint && !s3.bucket) {
    readEnv(
      z.object({ bucket: z.string({ error: 'required when ABEP_S3_ENDPOINT is set' }) }),
      { bucket: s3Env.bucket },
      env,
    );
  }
  const run = readEnv(RunConfig, runEnv, env);
  return {
    schedules: [
      ...(run.schedules ? parseSchedules(run.schedules) : []),
      ...(run.schedulesFile ? parseSchedules(readSchedulesFile(run.schedulesFile), run.schedulesFile) : []),
    ],
    infra: { kafka, s3, storeDir: readEnv(StoreDirConfig, storeDirEnv, env).dir },
    log: readEnv(LogConfig, logEnv, env),
    run,
    fetch: readEnv(FetchSettings, fetchEnv, env),
    crawler: readEnv(CrawlerConfig.omit({ defaultScope: true }), crawlerEnv, env),
    normaliser: readEnv(NormaliserConfig, normaliserEnv, env),
    extractor: readEnv(ExtractorConfig, extractorEnv, env),
    publisher: readEnv(PublisherConfig, publisherEnv, env),
  };
}

function readSchedulesFile(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (cause) {
    throw new AbepError(
      'CONFIG_INVALID',
      `ABEP_SCHEDULER_SCHEDULES_FILE: cannot read ${path} (${(cause as NodeJS.ErrnoException).code ?? cause})`,
    );
  }
}
