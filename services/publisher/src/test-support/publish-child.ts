// A publisher in its own process for the crash and race integration tests.
// ABEP_TEST_PREFIX: store prefix; ABEP_TEST_RECORDS: JSON file of register records;
// ABEP_TEST_CRASH_AFTER=files|manifest: SIGKILL itself at that point of the publish.
import { readFileSync } from 'node:fs';
import { createMemoryBus } from '@abep/bus';
import { loadGazetteer } from '@abep/gazetteer';
import { silentLogger } from '@abep/logger';
import { createS3Store } from '@abep/store-s3';
import { s3TestConfig } from '@abep/testkit';
import { createPublisher } from '../app.ts';

const crashAfter = process.env.ABEP_TEST_CRASH_AFTER;
const die = (point: string) => () => {
  if (crashAfter === point) process.kill(process.pid, 'SIGKILL');
};
const bus = createMemoryBus();
await bus.publish(
  'register.updated.v1',
  JSON.parse(readFileSync(process.env.ABEP_TEST_RECORDS as string, 'utf8')),
);
const store = createS3Store({ ...s3TestConfig(), prefix: process.env.ABEP_TEST_PREFIX as string });
const publisher = createPublisher({
  bus,
  store,
  logger: silentLogger(),
  gazetteer: loadGazetteer(),
  hooks: { afterFiles: die('files'), afterManifest: die('manifest') },
});
const result = await publisher.publishNow();
process.stdout.write(`${JSON.stringify({ status: result.status, version: result.version })}\n`);
await bus.close();
