import { createHash } from 'node:crypto';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { createKafkaClient } from '@abep/bus-kafka';
import { type RunSummary, readSettings, runPipelineOnce } from '@abep/cli';
import { createLogger, type Logger } from '@abep/logger';
import { DirectoryStore, type ObjectStore } from '@abep/store';
import { createS3Store } from '@abep/store-s3';
import { type FixtureWeb, kafkaBrokers, s3TestConfig, uniqueId } from '@abep/testkit';

/** Every scenario reads the same clock so runs can be compared byte for byte. */
export const FIXED_CLOCK = '2025-01-06T10:00:00.000Z';
export const PUBLISHER_PREFIX = 'register';

export type Env = Record<string, string | undefined>;

/** Environment for a run on the real broker and S3 server, isolated by a unique topic and key prefix. */
export function realEnv(name: string): { env: Env; topicPrefix: string; s3Prefix: string } {
  const id = uniqueId(name);
  const s3 = s3TestConfig();
  const topicPrefix = `${id}.`;
  const s3Prefix = `e2e/${id}`;
  return {
    topicPrefix,
    s3Prefix,
    env: {
      ABEP_KAFKA_BROKERS: kafkaBrokers().join(','),
      ABEP_KAFKA_TOPIC_PREFIX: topicPrefix,
      ABEP_KAFKA_CLIENT_ID: id,
      ABEP_S3_ENDPOINT: s3.endpoint,
      ABEP_S3_REGION: s3.region,
      ABEP_S3_BUCKET: s3.bucket,
      ABEP_S3_PREFIX: s3Prefix,
      ABEP_S3_ACCESS_KEY_ID: s3.accessKeyId,
      ABEP_S3_SECRET_ACCESS_KEY: s3.secretAccessKey,
      ABEP_S3_FORCE_PATH_STYLE: 'true',
      ...baseEnv(),
    },
  };
}

/** Settings shared by every run: the fixed clock, quiet logs, a short normaliser grace period. */
export function baseEnv(): Env {
  return {
    ABEP_FIXED_CLOCK: FIXED_CLOCK,
    ABEP_LOG_LEVEL: process.env.ABEP_TEST_LOG_LEVEL ?? 'error',
    ABEP_NORMALISER_GRACE_MS: '5000',
    ABEP_METRICS_PORT: '0',
  };
}

export function s3StoreFor(s3Prefix: string): ObjectStore {
  return createS3Store({ ...s3TestConfig(), prefix: s3Prefix });
}

export function testLogger(level = process.env.ABEP_TEST_LOG_LEVEL ?? 'error'): Logger {
  return createLogger({ level, destination: process.stderr });
}

/** A non-TTY sink for the progress view. */
export function quietStderr(): NodeJS.WriteStream {
  return Object.assign(new Writable({ write: (_c, _e, cb) => cb() }), {
    isTTY: false,
  }) as unknown as NodeJS.WriteStream;
}

/**
 * The undisturbed run a disturbed one is compared with: `abep run` embedded into a fresh directory (the caller
 * removes `dir`), and the snapshot it published.
 */
export async function embeddedBaseline(
  fixture: FixtureWeb,
  crawlId: string,
): Promise<{ dir: string; snapshot: Snapshot }> {
  const dir = await mkdtemp(join(tmpdir(), 'abep-baseline-'));
  await runOnce(fixture, baseEnv(), { crawlId, storeDir: dir });
  const snapshot = await readLatestSnapshot(new DirectoryStore(dir));
  if (!snapshot?.partnerships.length)
    throw new Error(`the baseline run of ${crawlId} published no partnership`);
  return { dir, snapshot };
}

/** `abep run` in this process against `fixture`, with `env` deciding the infra (Kafka/S3 or embedded). */
export async function runOnce(
  fixture: FixtureWeb,
  env: Env,
  options: { crawlId: string; storeDir?: string },
): Promise<{ code: number; summary: RunSummary }> {
  const settings = readSettings(env);
  return runPipelineOnce(
    { fixture, crawlId: options.crawlId, ...(options.storeDir ? { storeDir: options.storeDir } : {}) },
    settings,
    testLogger(),
    quietStderr(),
  );
}

export interface Snapshot {
  version: string;
  manifest: {
    version: string;
    contentHash: string;
    files: { path: string; sha256: string; bytes: number; content: boolean }[];
    rows: { partnerships: number; localAuthorities: number };
    crawls: { crawlId: string }[];
  };
  /** Raw bytes of every file the manifest lists. */
  files: Map<string, Buffer>;
  partnerships: PartnershipRecord[];
  localAuthoritiesCsv: string;
}

interface ProvenanceEntry {
  sourceUrl: string;
  fetchedAt: string;
  excerpt?: string;
}

export interface PartnershipRecord {
  id: string;
  name: string;
  aliases: string[];
  companyNumber?: string;
  localAuthorities: { laCode: string; name: string }[];
  provenance: Record<string, ProvenanceEntry[]>;
  withdrawn?: unknown;
  [field: string]: unknown;
}

async function readBytes(store: ObjectStore, key: string): Promise<Buffer | undefined> {
  const obj = await store.get(key);
  if (!obj) return undefined;
  const chunks: Buffer[] = [];
  for await (const c of obj.body) chunks.push(Buffer.from(c as Uint8Array));
  return Buffer.concat(chunks);
}

/** The latest published snapshot, read the way a consumer would: latest.json → manifest → files. */
export async function readLatestSnapshot(
  store: ObjectStore,
  prefix = PUBLISHER_PREFIX,
): Promise<Snapshot | undefined> {
  const latestBytes = await readBytes(store, `${prefix}/latest.json`);
  if (!latestBytes) return undefined;
  const latest = JSON.parse(latestBytes.toString('utf8')) as { version: string; manifestKey: string };
  const manifestBytes = await readBytes(store, latest.manifestKey);
  if (!manifestBytes) throw new Error(`latest.json names ${latest.manifestKey}, which does not exist`);
  const manifest = JSON.parse(manifestBytes.toString('utf8')) as Snapshot['manifest'];
  const files = new Map<string, Buffer>();
  for (const f of manifest.files) {
    const bytes = await readBytes(store, `${prefix}/versions/${latest.version}/${f.path}`);
    if (!bytes) throw new Error(`manifest lists ${f.path}, which does not exist`);
    files.set(f.path, bytes);
  }
  const partnershipsBytes = files.get('partnerships.json');
  const csv = files.get('local-authorities.csv');
  if (!partnershipsBytes || !csv)
    throw new Error(`snapshot ${latest.version} lacks partnerships.json or local-authorities.csv`);
  return {
    version: latest.version,
    manifest,
    files,
    partnerships: JSON.parse(partnershipsBytes.toString('utf8')) as PartnershipRecord[],
    localAuthoritiesCsv: csv.toString('utf8'),
  };
}

const sha256 = (bytes: Buffer | string) => createHash('sha256').update(bytes).digest('hex');

/** sha256 of every content file (manifest.json aside), by path. */
export function contentDigests(snapshot: Snapshot): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [path, bytes] of [...snapshot.files].sort(([a], [b]) => a.localeCompare(b))) {
    if (path === 'manifest.json') continue;
    out[path] = sha256(bytes);
  }
  return out;
}

/** Each published partnership as "id name [LA codes]", sorted: what two snapshots must agree on first. */
export function recordsSummary(snapshot: Snapshot): string[] {
  return snapshot.partnerships
    .map((p) => `${p.id} ${p.name} [${p.localAuthorities.map((l) => l.laCode)}]`)
    .sort();
}

/** Rows of local-authorities.csv (header excluded), as la_code → row fields. */
export function csvRows(csv: string): Map<string, Record<string, string>> {
  const lines = csv.trim().split('\n');
  const header = (lines[0] ?? '').split(',');
  const rows = new Map<string, Record<string, string>>();
  for (const line of lines.slice(1)) {
    const cells = line.split(',');
    const row: Record<string, string> = {};
    header.forEach((h, i) => {
      row[h] = cells[i] ?? '';
    });
    rows.set(row.la_code ?? '', row);
  }
  return rows;
}

/** The first differing line of each content file that differs, for an assertion message a person can act on. */
export function describeDifferences(a: Snapshot, b: Snapshot): string {
  const out: string[] = [];
  for (const [path, bytes] of a.files) {
    const other = b.files.get(path);
    if (path === 'manifest.json' || !other || other.equals(bytes)) continue;
    if (path.endsWith('.parquet')) {
      out.push(`${path}: binary content differs`);
      continue;
    }
    const la = bytes.toString('utf8').split(/\n|(?<=[,{}])/);
    const lb = other.toString('utf8').split(/\n|(?<=[,{}])/);
    const i = la.findIndex((line, n) => line !== lb[n]);
    out.push(`${path} @${i}:\n  - ${la.slice(i, i + 3).join('')}\n  + ${lb.slice(i, i + 3).join('')}`);
  }
  return out.join('\n');
}

/** Removes every topic of a test's prefix from the shared broker. */
export async function deleteTopics(topicPrefix: string): Promise<void> {
  const admin = createKafkaClient({ brokers: kafkaBrokers(), clientId: 'abep-e2e-cleanup' }).admin();
  await admin.connect();
  try {
    const mine = (await admin.listTopics()).filter((t) => t.startsWith(topicPrefix));
    if (mine.length) await admin.deleteTopics({ topics: mine }).catch(() => undefined);
  } finally {
    await admin.disconnect();
  }
}
