import { AbepError } from '@abep/schemas';
import TinyQueue from 'tinyqueue';
import type { HostState, WaitReason } from './fetcher.ts';

/** Why a request waits for its host's gap: the configured delay, or a larger robots.txt Crawl-delay. */
export type GapReason = Extract<WaitReason, 'politeness' | 'crawl-delay'>;
export type PauseReason = Extract<WaitReason, 'retry-after' | 'backoff'>;

interface Waiting {
  delayMs: number;
  reason: GapReason;
  start: () => void;
  cancel: (error: Error) => void;
}

interface Host {
  name: string;
  /** Requests not started yet, in arrival order. */
  queue: Waiting[];
  inFlight: number;
  /** Start (epoch ms) of the latest request; the next starts at least `gapMs` later. */
  lastStartAt: number;
  gapMs: number;
  gapReason: GapReason;
  pausedUntil: number;
  pauseReason: PauseReason;
  /** The ready time this host sits in the heap under; undefined when it is not in the heap. */
  heapAt: number | undefined;
}

export interface HostScheduler {
  /**
   * Runs `task` for `host` once: at most perHostConcurrency per host and globalConcurrency overall in flight;
   * a start at least `delayMs` (the larger of the configured delay and Crawl-delay, `reason` says which) after
   * the host's previous start, measured between actual starts; never before a pause ends. A waiting host holds
   * no global slot, so it never delays another host. Aborting `signal` before the start drops the task.
   */
  run<T>(
    host: string,
    delay: { ms: number; reason: GapReason },
    task: () => Promise<T>,
    signal?: AbortSignal,
  ): Promise<T>;
  /** Holds every request to `host` until `until` (epoch ms); a later pause wins over an earlier one. */
  pause(host: string, until: number, reason: PauseReason): void;
  /**
   * Someone else may have started a request to `host` since this scheduler last did (another process held it):
   * its next start waits a full delay from now, as on first contact. A host never seen is left to first contact.
   */
  recontact(host: string): void;
  states(): HostState[];
  clear(): void;
}

/**
 * The frontier of one fetcher: per-host FIFO queues, and a heap of hosts ordered by the time each may start
 * its next request (politeness gap, Crawl-delay, Retry-After, backoff). One timer, for the earliest host.
 */
export function createHostScheduler(options: {
  perHostConcurrency: number;
  globalConcurrency: number;
  /**
   * A host met for the first time waits one gap before its first start: a host handed over from another
   * process (a rebalance) cannot know when that process last started a request to it.
   */
  waitOnFirstContact?: boolean;
  now?: () => number;
}): HostScheduler {
  const now = options.now ?? Date.now;
  const hosts = new Map<string, Host>();
  const heap = new TinyQueue<{ at: number; host: Host }>([], (a, b) => a.at - b.at);
  let inFlight = 0;
  let timer: NodeJS.Timeout | undefined;
  let timerAt = Number.POSITIVE_INFINITY;
  let sweepAbove = 1024;

  const readyAt = (host: Host, head: Waiting) =>
    Math.max(host.lastStartAt + Math.max(head.delayMs, host.gapMs), host.pausedUntil);

  const schedule = (host: Host) => {
    const head = host.queue[0];
    if (!head || host.inFlight >= options.perHostConcurrency) return;
    const at = readyAt(host, head);
    if (host.heapAt === at) return;
    host.heapAt = at;
    heap.push({ at, host });
  };

  const arm = () => {
    let next = heap.peek();
    while (next && next.host.heapAt !== next.at) {
      heap.pop();
      next = heap.peek();
    }
    if (!next || inFlight >= options.globalConcurrency) return;
    if (timer && timerAt <= next.at) return;
    if (timer) clearTimeout(timer);
    timerAt = next.at;
    timer = setTimeout(
      () => {
        timer = undefined;
        timerAt = Number.POSITIVE_INFINITY;
        pump();
      },
      Math.max(0, next.at - now()),
    );
  };

  const pump = () => {
    const at = now();
    while (inFlight < options.globalConcurrency && heap.length > 0) {
      const top = heap.peek() as { at: number; host: Host };
      const { host } = top;
      if (host.heapAt !== top.at) {
        heap.pop();
        continue;
      }
      if (top.at > at) break;
      heap.pop();
      host.heapAt = undefined;
      const head = host.queue[0];
      if (!head || host.inFlight >= options.perHostConcurrency) continue;
      if (readyAt(host, head) > at) {
        schedule(host);
        continue;
      }
      host.queue.shift();
      host.lastStartAt = at;
      host.gapMs = head.delayMs;
      host.gapReason = head.reason;
      host.inFlight++;
      inFlight++;
      head.start();
      schedule(host);
    }
    arm();
  };

  const idle = (host: Host, at: number) =>
    host.queue.length === 0 &&
    host.inFlight === 0 &&
    host.pausedUntil <= at &&
    host.lastStartAt + host.gapMs <= at;

  const hostFor = (name: string): Host => {
    let host = hosts.get(name);
    if (!host) {
      // A host is forgotten only once nothing waits on it and its gap has passed, so politeness holds.
      if (hosts.size >= sweepAbove) {
        const at = now();
        for (const [other, state] of hosts) if (idle(state, at)) hosts.delete(other);
        sweepAbove = Math.max(1024, hosts.size * 2);
      }
      host = {
        name,
        queue: [],
        inFlight: 0,
        lastStartAt: options.waitOnFirstContact ? now() : Number.NEGATIVE_INFINITY,
        gapMs: 0,
        gapReason: 'politeness',
        pausedUntil: 0,
        pauseReason: 'retry-after',
        heapAt: undefined,
      };
      hosts.set(name, host);
    }
    return host;
  };

  return {
    run(name, delay, task, signal) {
      const host = hostFor(name);
      return new Promise((resolve, reject) => {
        if (signal?.aborted) return reject(signal.reason);
        const onAbort = () => {
          const index = host.queue.indexOf(waiting);
          if (index < 0) return;
          host.queue.splice(index, 1);
          reject(signal?.reason);
        };
        const waiting: Waiting = {
          delayMs: delay.ms,
          reason: delay.reason,
          cancel: (error) => {
            signal?.removeEventListener('abort', onAbort);
            reject(error);
          },
          start: () => {
            signal?.removeEventListener('abort', onAbort);
            let running: Promise<Awaited<ReturnType<typeof task>>>;
            try {
              running = Promise.resolve(task());
            } catch (error) {
              running = Promise.reject(error);
            }
            running.then(resolve, reject).finally(() => {
              host.inFlight--;
              inFlight--;
              schedule(host);
              pump();
            });
          },
        };
        signal?.addEventListener('abort', onAbort, { once: true });
        host.queue.push(waiting);
        schedule(host);
        pump();
      });
    },

    pause(name, until, reason) {
      const host = hostFor(name);
      if (until <= host.pausedUntil) return;
      host.pausedUntil = until;
      host.pauseReason = reason;
      schedule(host);
      pump();
    },

    recontact(name) {
      const host = hosts.get(name);
      if (!host) return;
      host.lastStartAt = Math.max(host.lastStartAt, now());
      schedule(host);
      pump();
    },

    states() {
      const at = now();
      const result: HostState[] = [];
      for (const host of hosts.values()) {
        const state: HostState = { host: host.name, queued: host.queue.length, inFlight: host.inFlight };
        const politeUntil = host.lastStartAt + host.gapMs;
        if (host.pausedUntil > at && host.pausedUntil >= politeUntil) {
          state.waitingUntil = host.pausedUntil;
          state.waitingFor = host.pauseReason;
        } else if (politeUntil > at) {
          state.waitingUntil = politeUntil;
          state.waitingFor = host.gapReason;
        } else if (host.queue.length > 0 && host.inFlight < options.perHostConcurrency) {
          state.waitingFor = 'global-concurrency';
        }
        result.push(state);
      }
      return result;
    },

    clear() {
      if (timer) clearTimeout(timer);
      timer = undefined;
      const closed = new AbepError('INTERNAL', 'fetcher is closed', { retriable: true });
      for (const host of hosts.values()) for (const waiting of host.queue.splice(0)) waiting.cancel(closed);
      hosts.clear();
      while (heap.length > 0) heap.pop();
    },
  };
}
