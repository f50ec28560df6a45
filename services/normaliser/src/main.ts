import { createMemoryBus } from '@abep/bus';
import { LogConfig, logEnv, readEnv, StoreDirConfig, storeDirEnv } from '@abep/config';
import { loadGazetteer } from '@abep/gazetteer';
import { createLogger } from '@abep/logger';
import { DirectoryStore } from '@abep/store';
import { createNormaliser } from './app.ts';
import { NormaliserConfig, normaliserEnv } from './config.ts';
import { defaultCorrectionsPath, loadCorrections } from './corrections.ts';

// Composition root for a standalone normaliser. The Kafka and S3 adapters are not wired here yet: this runs
// against the in-process bus and the directory store (the embedded CLI run composes its own adapters).
const logger = createLogger({ level: readEnv(LogConfig, logEnv).level, name: 'normaliser' });
const config = readEnv(NormaliserConfig, normaliserEnv);
const store = new DirectoryStore(readEnv(StoreDirConfig, storeDirEnv).dir);
const bus = createMemoryBus({ logger });
const normaliser = createNormaliser({
  bus,
  store,
  logger,
  config,
  gazetteer: loadGazetteer(),
  corrections: loadCorrections(config.correctionsPath ?? defaultCorrectionsPath()),
});
await normaliser.start();
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    void normaliser
      .close()
      .then(() => bus.close())
      .finally(() => process.exit(0));
  });
}
