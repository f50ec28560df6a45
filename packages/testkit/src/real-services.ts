import { connect } from 'node:net';

/**
 * Where the infra scripts start the real services. ABEP_TEST_* (set by infra/test.sh from the ports it used)
 * win over the production variables, so an embedded scenario in the same process is not switched to Kafka.
 */
export function kafkaBrokers(): string[] {
  const brokers = process.env.ABEP_TEST_KAFKA_BROKERS ?? process.env.ABEP_KAFKA_BROKERS ?? '127.0.0.1:19092';
  return brokers.split(',').map((b) => b.trim());
}

export function s3TestConfig() {
  return {
    endpoint: process.env.ABEP_TEST_S3_ENDPOINT ?? process.env.ABEP_S3_ENDPOINT ?? 'http://127.0.0.1:19000',
    region: process.env.ABEP_S3_REGION ?? 'us-east-1',
    bucket: process.env.ABEP_S3_TEST_BUCKET ?? 'abep-test',
    accessKeyId: process.env.ABEP_S3_ACCESS_KEY_ID ?? 'abeplocal',
    secretAccessKey: process.env.ABEP_S3_SECRET_ACCESS_KEY ?? 'abeplocalsecret',
    forcePathStyle: true,
  };
}

function reachable(host: string, port: number, timeoutMs = 2000): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

/** Integration suites call this first: without the real service they fail loudly, never skip. */
export async function requireService(name: 'kafka' | 's3'): Promise<void> {
  const address = name === 'kafka' ? (kafkaBrokers()[0] as string) : new URL(s3TestConfig().endpoint).host;
  const [host, port] = address.split(':');
  if (!(await reachable(host as string, Number(port)))) {
    throw new Error(
      `${name} is not running at ${address}: start it with \`bash infra/${name}.sh start\` (integration tests never skip)`,
    );
  }
}
