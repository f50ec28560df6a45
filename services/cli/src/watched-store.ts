import { randomUUID } from 'node:crypto';
import { AbepError, isAbepError } from '@abep/schemas';
import type { ObjectStore } from '@abep/store';

export interface StoreWatch {
  /** The same store, its failures and successes counted. */
  store: ObjectStore;
  /** Rejects with STORE_UNAVAILABLE naming the store once it has failed for `outageMs` with no success. */
  lost: Promise<never>;
  /** True once `lost` has rejected. */
  readonly isLost: boolean;
  close(): void;
}

/**
 * Watches the store of one `abep run`. The services wait a store outage out (a retriable STORE_UNAVAILABLE is
 * redelivered for ever, as a long-running service should); a run must not, so once the store has failed for
 * `outageMs` with no operation succeeding in between — and a probe (a head of a key that does not exist) every
 * `probeMs` has not reached it either — `lost` rejects with STORE_UNAVAILABLE naming it: exit 3.
 */
export function watchStore(
  inner: ObjectStore,
  options: { name: string; outageMs: number; probeMs?: number; now?: () => number },
): StoreWatch {
  const now = options.now ?? Date.now;
  let failingSince: number | undefined;
  let lastReason = '';
  let probing = false;
  let isLost = false;
  const { promise: lost, reject } = Promise.withResolvers<never>();
  lost.catch(() => undefined);

  const failed = (err: unknown) => {
    if (isAbepError(err) && err.code === 'STORE_UNAVAILABLE') {
      failingSince ??= now();
      lastReason = err.message;
    }
  };
  const watched =
    <A extends unknown[], R>(fn: (...args: A) => Promise<R>) =>
    async (...args: A): Promise<R> => {
      try {
        const result = await fn(...args);
        failingSince = undefined;
        return result;
      } catch (err) {
        failed(err);
        throw err;
      }
    };

  const store: ObjectStore = {
    put: watched(inner.put.bind(inner)),
    get: watched(inner.get.bind(inner)),
    head: watched(inner.head.bind(inner)),
    delete: watched(inner.delete.bind(inner)),
    async *list(prefix) {
      try {
        yield* inner.list(prefix);
        failingSince = undefined;
      } catch (err) {
        failed(err);
        throw err;
      }
    },
  };

  const timer = setInterval(async () => {
    if (failingSince === undefined || probing) return;
    probing = true;
    try {
      await store.head(`probe/${randomUUID()}`);
    } catch {
      // Counted by the wrapper; the outage goes on.
    } finally {
      probing = false;
    }
    if (failingSince !== undefined && now() - failingSince >= options.outageMs) {
      clearInterval(timer);
      isLost = true;
      reject(
        new AbepError(
          'STORE_UNAVAILABLE',
          `store ${options.name} unreachable for ${Math.round((now() - failingSince) / 1000)} s during the run: ${lastReason}`,
          { retriable: true },
        ),
      );
    }
  }, options.probeMs ?? 1000);
  timer.unref();

  return {
    store,
    lost,
    get isLost() {
      return isLost;
    },
    close: () => clearInterval(timer),
  };
}
