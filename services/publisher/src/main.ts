import { createMemoryBus } from '@abep/bus';
import { LogConfig, logEnv, readEnv, StoreDirConfig, storeDirEnv } from '@abep/config';
import { loadGazetteer } from '@abep/gazetteer';
import { createLogger } from '@abep/logger';
import { DirectoryStore } from '@abep/store';
import { createPublisher } from './app.ts';
import { PublisherConfig, publisherEnv } from './config.ts';

// Composition root for a standalone publisher, as the other services: the in-process bus and the directory
// store. The embedded CLI run composes the Kafka and S3 adapters itself.
const logger = createLogger({ level: readEnv(LogConfig, logEnv).level, name: 'publisher' });
const config = readEnv(PublisherConfig, publisherEnv);
const store = new DirectoryStore(readEnv(StoreDirConfig, storeDirEnv).dir);
const bus = createMemoryBus({ logger });
const publisher = createPublisher({ bus, store, logger, config, gazetteer: loadGazetteer() });
await publisher.start();
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    void publisher
      .close()
      .then(() => bus.close())
      .finally(() => process.exit(0));
  });
}
