// Creates every catalogue topic on a broker (idempotent).
//   node infra/create-topics.ts [bootstrap]     bootstrap defaults to ABEP_KAFKA_BROKERS
// Environment: ABEP_KAFKA_TOPIC_PREFIX (physical name = prefix + catalogue name), ABEP_KAFKA_CLIENT_ID,
// ABEP_KAFKA_REPLICATION_FACTOR (default 1: the single local broker).
import { ensureTopics } from '../packages/bus-kafka/src/index.ts';
import { KafkaConfig, kafkaEnv, readEnv } from '../packages/config/src/index.ts';
import { createLogger } from '../packages/logger/src/index.ts';

async function main(argv: string[]): Promise<number> {
  const config = readEnv(KafkaConfig, kafkaEnv);
  const brokers = argv[0]
    ? argv[0]
        .split(',')
        .map((b) => b.trim())
        .filter(Boolean)
    : config.brokers;
  if (!brokers?.length) {
    process.stderr.write(
      'usage: node infra/create-topics.ts <host:port>[,<host:port>…] (or set ABEP_KAFKA_BROKERS)\n',
    );
    return 2;
  }
  const logger = createLogger({ level: 'error', destination: process.stderr });
  const result = await ensureTopics(
    { brokers, clientId: config.clientId, logger, connectionTimeoutMs: 3000, retries: 3 },
    { topicPrefix: config.topicPrefix, replicationFactor: config.replicationFactor },
  );
  const where = `${brokers.join(',')}${config.topicPrefix ? ` (prefix "${config.topicPrefix}")` : ''}`;
  process.stdout.write(
    `topics on ${where}: ${result.created.length} created${result.created.length ? ` (${result.created.join(', ')})` : ''}, ${result.existing.length} already present\n`,
  );
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    const e = error as { code?: string; message?: string };
    process.stderr.write(`create-topics: ${e.code ? `${e.code}: ` : ''}${e.message ?? String(error)}\n`);
    process.exitCode = e.code === 'CONFIG_INVALID' ? 2 : 1;
  },
);
