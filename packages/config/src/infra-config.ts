import { isIPv4, isIPv6 } from 'node:net';
import { z } from 'zod';
import type { EnvFields } from './read-env.ts';

const bool = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');
const list = z.string().transform((v) =>
  v
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean),
);

const LABEL = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?$/;

/** A DNS name of well-formed labels, a dotted-quad IPv4 address, or a bracketed IPv6 address. */
function validHost(host: string): boolean {
  if (host.startsWith('[') && host.endsWith(']')) return isIPv6(host.slice(1, -1));
  if (/^[\d.]+$/.test(host)) return isIPv4(host);
  return host.length <= 253 && host.split('.').every((label) => LABEL.test(label));
}

/** host:port, host a name, IPv4 or [IPv6], port 1–65535. */
const Broker = z
  .string()
  .regex(/^.+:\d{1,5}$/, 'host:port')
  .refine(
    (b) => validHost(b.slice(0, b.lastIndexOf(':'))),
    'host: a name, an IPv4 or a [bracketed IPv6] address',
  )
  .refine((b) => {
    const port = Number(b.slice(b.lastIndexOf(':') + 1));
    return port >= 1 && port <= 65535;
  }, 'port 1–65535');

/** Kafka: unset brokers means the embedded in-process bus. */
export const KafkaConfig = z.object({
  brokers: list.pipe(z.array(Broker)).optional(),
  clientId: z.string().default('abep-register'),
  topicPrefix: z
    .string()
    .regex(/^[a-zA-Z0-9._-]*$/)
    .default(''),
  /** Replicas of each topic the catalogue creates (1: a single broker). */
  replicationFactor: z.coerce.number<number>().int().min(1).max(32).default(1),
});
export type KafkaConfig = z.infer<typeof KafkaConfig>;
export const kafkaEnv: EnvFields<typeof KafkaConfig> = {
  brokers: {
    env: 'ABEP_KAFKA_BROKERS',
    description: 'comma-separated host:port list; unset = embedded in-process bus',
  },
  clientId: { env: 'ABEP_KAFKA_CLIENT_ID', description: 'Kafka client id' },
  topicPrefix: {
    env: 'ABEP_KAFKA_TOPIC_PREFIX',
    description: 'prefix for every topic name (e.g. an environment name)',
  },
  replicationFactor: {
    env: 'ABEP_KAFKA_REPLICATION_FACTOR',
    description: 'replicas of each topic created from the catalogue (`abep` and infra/create-topics.sh)',
  },
};

/** S3: unset endpoint and bucket means the local directory store. */
export const S3Config = z.object({
  /** http(s) only: any other scheme would be waited on, not refused, by the S3 client. */
  endpoint: z.url({ protocol: /^https?$/, error: 'an http:// or https:// URL' }).optional(),
  region: z.string().default('us-east-1'),
  bucket: z.string().min(3).optional(),
  prefix: z.string().default(''),
  accessKeyId: z.string().optional(),
  secretAccessKey: z.string().optional(),
  forcePathStyle: bool.default(true),
});
export type S3Config = z.infer<typeof S3Config>;
export const s3Env: EnvFields<typeof S3Config> = {
  endpoint: {
    env: 'ABEP_S3_ENDPOINT',
    description: 'S3 endpoint URL (omit for AWS S3 with ABEP_S3_BUCKET set)',
  },
  region: { env: 'ABEP_S3_REGION', description: 'S3 region' },
  bucket: {
    env: 'ABEP_S3_BUCKET',
    description: 'bucket name; unset (with no endpoint) = local directory store',
  },
  prefix: { env: 'ABEP_S3_PREFIX', description: 'key prefix inside the bucket' },
  accessKeyId: {
    env: 'ABEP_S3_ACCESS_KEY_ID',
    description: 'access key id (else the AWS default chain)',
    secret: true,
  },
  secretAccessKey: { env: 'ABEP_S3_SECRET_ACCESS_KEY', description: 'secret access key', secret: true },
  forcePathStyle: {
    env: 'ABEP_S3_FORCE_PATH_STYLE',
    description: 'path-style addressing (true for most S3-compatible servers)',
  },
};

export const StoreDirConfig = z.object({ dir: z.string().default('.data/store') });
export const storeDirEnv: EnvFields<typeof StoreDirConfig> = {
  dir: { env: 'ABEP_STORE_DIR', description: 'directory of the local store used when S3 is not configured' },
};

export const LogConfig = z.object({
  level: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});
export const logEnv: EnvFields<typeof LogConfig> = {
  level: { env: 'ABEP_LOG_LEVEL', description: 'pino log level' },
};
