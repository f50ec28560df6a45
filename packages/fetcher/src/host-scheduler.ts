import { setTimeout as sleep } from 'node:timers/promises';
import PQueue from 'p-queue';
import type { HostState } from './fetcher.ts';

interface Host {
  queue: PQueue;
  /** When the latest request start was scheduled (epoch ms); the next start is at least one delay later. */
  lastStartAt: number;
  lastDelayMs: number;
  /** Retry-After / 429 pause (epoch ms). */
  pausedUntil: number;
  /** Tasks past the per-host queue but waiting for their start time or a global slot. */
  gated: number;
  inFlight: number;
}

export interface HostScheduler {
  /**
   * Runs `task` for `host` once: at most perHostConcurrency per host and globalConcurrency overall in flight,
   * starts spaced by at least `delayMs` (max of the configured delay and Crawl-delay), and not before a pause ends.
   */
  run<T>(host: string, delayMs: number, task: () => Promise<T>, signal?: AbortSignal): Promise<T>;
  /** Holds every request to `host` until `until` (epoch ms); a later pause wins over an earlier one. */
  pause(host: string, until: number): void;
  states(): HostState[];
  clear(): void;
}

export function createHostScheduler(options: {
  perHostConcurrency: number;
  globalConcurrency: number;
  now?: () => number;
}): HostScheduler {
  const now = options.now ?? Date.now;
  const hosts = new Map<string, Host>();
  const global = new PQueue({ concurrency: options.globalConcurrency });

  const idle = (host: Host, at: number) =>
    host.queue.size === 0 &&
    host.queue.pending === 0 &&
    host.pausedUntil <= at &&
    host.lastStartAt + host.lastDelayMs <= at;

  const hostFor = (name: string): Host => {
    let host = hosts.get(name);
    if (!host) {
      const at = now();
      for (const [other, state] of hosts) if (idle(state, at)) hosts.delete(other);
      host = {
        queue: new PQueue({ concurrency: options.perHostConcurrency }),
        lastStartAt: Number.NEGATIVE_INFINITY,
        lastDelayMs: 0,
        pausedUntil: 0,
        gated: 0,
        inFlight: 0,
      };
      hosts.set(name, host);
    }
    return host;
  };

  const waitForTurn = async (host: Host, delayMs: number, signal?: AbortSignal) => {
    for (;;) {
      const at = now();
      const startAt = Math.max(at, host.lastStartAt + Math.max(delayMs, host.lastDelayMs), host.pausedUntil);
      if (startAt <= at) {
        host.lastStartAt = at;
        host.lastDelayMs = delayMs;
        return;
      }
      await sleep(startAt - at, undefined, signal ? { signal } : undefined);
    }
  };

  return {
    run(name, delayMs, task, signal) {
      const host = hostFor(name);
      return host.queue.add(
        async () => {
          host.gated++;
          let gated = true;
          try {
            await waitForTurn(host, delayMs, signal);
            return await global.add(
              async () => {
                host.gated--;
                gated = false;
                host.inFlight++;
                try {
                  return await task();
                } finally {
                  host.inFlight--;
                }
              },
              signal ? { signal } : {},
            );
          } finally {
            if (gated) host.gated--;
          }
        },
        signal ? { signal } : {},
      );
    },

    pause(name, until) {
      const host = hostFor(name);
      host.pausedUntil = Math.max(host.pausedUntil, until);
    },

    states() {
      const at = now();
      const result: HostState[] = [];
      for (const [name, host] of hosts) {
        const politeUntil = host.lastStartAt + host.lastDelayMs;
        const state: HostState = {
          host: name,
          queued: host.queue.size + host.gated,
          inFlight: host.inFlight,
        };
        if (host.pausedUntil > at) {
          state.waitingUntil = host.pausedUntil;
          state.waitingFor = 'retry-after';
        } else if (politeUntil > at) {
          state.waitingUntil = politeUntil;
          state.waitingFor = 'politeness';
        }
        result.push(state);
      }
      return result;
    },

    clear() {
      for (const host of hosts.values()) host.queue.clear();
      global.clear();
      hosts.clear();
    },
  };
}
