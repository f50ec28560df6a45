import {
  type EnvField,
  envTable,
  KafkaConfig,
  kafkaEnv,
  LogConfig,
  logEnv,
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
import { topicList } from '@abep/schemas';
import type { z } from 'zod';
import { RunConfig, runEnv } from './settings.ts';

/** Every environment variable the services read, in the README's table form (the README must contain it). */
export function configTable(): string {
  const groups: [z.ZodType, Record<string, EnvField>][] = [
    [KafkaConfig, kafkaEnv],
    [S3Config, s3Env],
    [StoreDirConfig, storeDirEnv],
    [LogConfig, logEnv],
    [RunConfig, runEnv],
    [FetchSettings, fetchEnv],
    [CrawlerConfig, crawlerEnv],
    [ExtractorConfig, extractorEnv],
    [NormaliserConfig, normaliserEnv],
    [PublisherConfig, publisherEnv],
  ];
  return groups
    .map(([schema, fields]) => envTable(fields, schema.parse({}) as Record<string, unknown>))
    .join('\n');
}

/** The topic catalogue as a README table. */
export function topicTable(): string {
  return topicList
    .map(
      (t) =>
        `| \`${t.name}\` | ${t.key} | ${t.partitions}${t.cleanupPolicy === 'compact' ? ', compacted' : ''} | ${t.description} |`,
    )
    .join('\n');
}

if (process.argv[1] === new URL(import.meta.url).pathname) {
  process.stdout.write(`${topicTable()}\n\n${configTable()}\n`);
}
