import { AbepError } from '@abep/schemas';
import type { Admin } from 'kafkajs';
import { createKafkaClient, type KafkaClientOptions } from './kafka-client.ts';
import { kafkaReason } from './kafka-errors.ts';

export interface BrokerWatchOptions {
  /** The broker unreachable this long (ms) with no probe succeeding in between: `lost` rejects. */
  outageMs: number;
  /** ms between probes. Default 1000. */
  probeMs?: number;
  /** A probe that has not answered after this long (ms) has failed. Default 5000. */
  probeTimeoutMs?: number;
  now?: () => number;
}

export interface BrokerWatch {
  /** Rejects with BUS_UNAVAILABLE naming the brokers once every probe for `outageMs` has failed. */
  lost: Promise<never>;
  /** True once `lost` has rejected. */
  readonly isLost: boolean;
  /** Stops probing and disconnects the probe's client (bounded: never waits on an absent broker). */
  close(): Promise<void>;
}

/**
 * Watches the broker of one job that must end (`abep run`). The services wait a broker outage out (kafkajs
 * reconnects, a retriable BUS_UNAVAILABLE is redelivered), as a long-running service should; a run must not.
 * Every `probeMs` a metadata request (admin describeCluster, one attempt, short timeouts) goes to the brokers
 * of `connection`; once probes have failed for `outageMs` with none succeeding in between, `lost` rejects:
 * exit 3. Shorter outages — a broker restart — are ridden out.
 */
export function watchBroker(connection: KafkaClientOptions, options: BrokerWatchOptions): BrokerWatch {
  const now = options.now ?? Date.now;
  const probeTimeoutMs = options.probeTimeoutMs ?? 5000;
  const client = createKafkaClient({
    ...connection,
    clientId: `${connection.clientId ?? 'abep-register'}-watch`,
    connectionTimeoutMs: Math.min(connection.connectionTimeoutMs ?? 3000, probeTimeoutMs),
    requestTimeoutMs: probeTimeoutMs,
    retries: 0,
  });
  let admin: Admin | undefined;
  let failingSince: number | undefined;
  let lastReason = '';
  let probing: Promise<void> | undefined;
  let closed = false;
  let isLost = false;
  const { promise: lost, reject } = Promise.withResolvers<never>();
  lost.catch(() => undefined);

  const drop = (a: Admin | undefined) => {
    // kafkajs may retry a dead connection on its own; a fresh client per outage probe starts clean.
    void a?.disconnect().catch(() => undefined);
  };

  const probe = async () => {
    let timer: NodeJS.Timeout | undefined;
    const current = admin ?? client.admin({ retry: { retries: 0 } });
    admin = current;
    try {
      await Promise.race([
        (async () => {
          await current.connect();
          await current.describeCluster();
        })(),
        new Promise<never>((_, fail) => {
          timer = setTimeout(() => fail(new Error(`no answer within ${probeTimeoutMs} ms`)), probeTimeoutMs);
        }),
      ]);
      failingSince = undefined;
    } catch (error) {
      failingSince ??= now();
      lastReason = kafkaReason(error);
      admin = undefined;
      drop(current);
    } finally {
      clearTimeout(timer);
    }
    if (!closed && failingSince !== undefined && now() - failingSince >= options.outageMs) {
      clearInterval(interval);
      isLost = true;
      reject(
        new AbepError(
          'BUS_UNAVAILABLE',
          `kafka at ${connection.brokers.join(',')} unreachable for ${Math.round((now() - failingSince) / 1000)} s during the run: ${lastReason}`,
          { retriable: true, details: { brokers: [...connection.brokers] } },
        ),
      );
    }
  };

  const interval = setInterval(() => {
    if (probing || closed) return;
    probing = probe().finally(() => {
      probing = undefined;
    });
  }, options.probeMs ?? 1000);
  interval.unref();

  return {
    lost,
    get isLost() {
      return isLost;
    },
    async close() {
      closed = true;
      clearInterval(interval);
      await probing;
      const last = admin;
      admin = undefined;
      if (last)
        await Promise.race([
          last.disconnect().catch(() => undefined),
          new Promise((done) => setTimeout(done, probeTimeoutMs).unref()),
        ]);
    },
  };
}
