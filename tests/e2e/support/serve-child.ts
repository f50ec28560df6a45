// `abep serve <service>` for a child process that must reach the fixture web: the CLI's own serve(), with
// *.test resolved to loopback and loopback allowed past the private-network guard (the fetcher's only test
// seams). Every other service runs through services/cli/src/bin.ts itself.
import { readSettings, type Servable, serve } from '@abep/cli';
import { createLogger } from '@abep/logger';
import { createFixtureHostLookup, INTERNAL_HOST } from '@abep/testkit';

const service = process.argv[2] as Servable;
const settings = readSettings(process.env);
const logger = createLogger({ level: settings.log.level, destination: process.stderr });
const controller = new AbortController();
process.once('SIGTERM', () => controller.abort());
process.once('SIGINT', () => controller.abort());
await serve(service, settings, logger, controller.signal, {
  network: {
    lookup: createFixtureHostLookup({ [INTERNAL_HOST]: '127.0.0.2' }),
    allowPrivateNetworks: ['127.0.0.1/32'],
  },
});
