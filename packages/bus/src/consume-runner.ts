import { setTimeout as sleep } from 'node:timers/promises';
import type { Logger } from '@abep/logger';
import {
  AbepError,
  backoffDelayMs,
  type DeadLetterV1,
  schemaInvalid,
  type TopicName,
  type TopicSpec,
  toAbepError,
} from '@abep/schemas';
import type { Delivery, Handler, RetryPolicy, WaitingMessage } from './bus.ts';
import { deadLetterOf } from './dead-letter.ts';
import type { RawMessage } from './transport.ts';

export interface RunnerDeps {
  groupId: string;
  retry: RetryPolicy;
  logger: Logger;
  /** Aborted when the subscription closes: a pending backoff ends and the message stays uncommitted. */
  signal: AbortSignal;
  deadLetter: (letter: DeadLetterV1) => Promise<void>;
  /** See SubscribeOptions.alreadyDeadLettered. */
  alreadyDeadLettered?: (message: { topic: string; partition: number; offset: string }) => boolean;
  /** See CreateBusOptions.keepOriginal. */
  keepOriginal?: KeepOriginal;
  /** Told of each message while it waits to be tried again, and when it stops waiting (Bus.waiting). */
  waiting?: { set(key: string, message: WaitingMessage): void; clear(key: string): void };
}

/** Keeps a message's whole original bytes somewhere durable; returns where. */
export type KeepOriginal = (
  message: { topic: string; partition: number; offset: string; sha256: string },
  bytes: Buffer,
) => Promise<string>;

export type ParseOutcome<N extends TopicName> =
  | { ok: true; delivery: Delivery<N> }
  | { ok: false; error: AbepError };

export function parseRaw<N extends TopicName>(spec: TopicSpec, raw: RawMessage): ParseOutcome<N> {
  let json: unknown;
  try {
    json = JSON.parse(raw.value.toString('utf8'));
  } catch (cause) {
    return {
      ok: false,
      error: new AbepError('MESSAGE_NOT_JSON', `message on ${raw.topic} is not JSON`, { cause }),
    };
  }
  const parsed = spec.schema.safeParse(json);
  if (!parsed.success) return { ok: false, error: schemaInvalid(`message on ${raw.topic}`, parsed.error) };
  return {
    ok: true,
    delivery: {
      topic: spec.name as N,
      partition: raw.partition,
      offset: raw.offset,
      key: raw.key ?? '',
      value: parsed.data as Delivery<N>['value'],
      headers: raw.headers,
      attempt: 1,
      signal: NEVER,
    },
  };
}

const NEVER = new AbortController().signal;

const OUTAGE_CODES: ReadonlySet<string> = new Set(['BUS_UNAVAILABLE', 'STORE_UNAVAILABLE']);

/**
 * The single place that decides ack, retry or dead-letter, and that logs a failure once.
 * Resolves when the message may be committed; rejects only when the subscription is closing mid-retry
 * or the dead letter itself could not be written (then the message is redelivered, never lost).
 */
export function createMessageProcessor<N extends TopicName>(
  spec: TopicSpec,
  handler: Handler<N>,
  deps: RunnerDeps,
): (raw: RawMessage, signal?: AbortSignal) => Promise<void> {
  return async (raw, signal) => {
    const stop = signal ? AbortSignal.any([deps.signal, signal]) : deps.signal;
    const log = deps.logger.child({
      topic: raw.topic,
      partition: raw.partition,
      offset: raw.offset,
      key: raw.key,
    });
    const parsed = parseRaw<N>(spec, raw);
    if (!parsed.ok) return deadLetter(raw, parsed.error, 0, log);
    const key = `${deps.groupId}\u0000${raw.topic}\u0000${raw.partition}\u0000${raw.offset}`;
    try {
      await attempts(raw, parsed.delivery, stop, log, key);
    } finally {
      deps.waiting?.clear(key);
    }
  };

  async function attempts(
    raw: RawMessage,
    delivery: Delivery<N>,
    stop: AbortSignal,
    log: Logger,
    key: string,
  ): Promise<void> {
    let since: Date | undefined;
    for (let attempt = 1; ; attempt++) {
      try {
        await handler({ ...delivery, attempt, signal: stop });
        return;
      } catch (thrown) {
        // Given up because the partition moved or the subscription closed: not the message's fault.
        if (stop.aborted) throw thrown;
        const error = toAbepError(thrown);
        if (!error.retriable) return deadLetter(raw, error, attempt, log);
        // An unreachable broker or store is no fault of the message: dead-lettering it would lose work that
        // succeeds once the service is back, so an outage is waited out (until the subscription closes).
        if (attempt >= deps.retry.maxAttempts && !OUTAGE_CODES.has(error.code)) {
          const exhausted = new AbepError(
            'RETRIES_EXHAUSTED',
            `gave up after ${attempt} attempts: ${error.message}`,
            {
              cause: error,
              details: { lastCode: error.code },
            },
          );
          return deadLetter(raw, exhausted, attempt, log);
        }
        const delay = backoffDelayMs(Math.min(attempt, deps.retry.maxAttempts), deps.retry);
        log.warn({ code: error.code, attempt, delayMs: delay }, 'handler failed; retrying');
        since ??= new Date();
        deps.waiting?.set(key, {
          groupId: deps.groupId,
          topic: raw.topic,
          partition: raw.partition,
          offset: raw.offset,
          attempts: attempt,
          code: error.code,
          since,
        });
        await sleep(delay, undefined, { signal: stop });
      }
    }
  }

  async function deadLetter(raw: RawMessage, error: AbepError, attempts: number, log: Logger): Promise<void> {
    if (deps.alreadyDeadLettered?.(raw)) {
      log.warn({ code: error.code, attempts }, 'message skipped: already dead-lettered by an earlier run');
      return;
    }
    const context = { groupId: deps.groupId, attempts, now: new Date() };
    const full = deadLetterOf(raw, error, context);
    // A store that is down is an outage like any other: thrown (retriable), the message is redelivered.
    const storedAt =
      full.originalTruncated && deps.keepOriginal
        ? await deps.keepOriginal(
            {
              topic: raw.topic,
              partition: raw.partition,
              offset: raw.offset,
              sha256: full.originalTruncated.sha256,
            },
            raw.value,
          )
        : undefined;
    const kept = (letter: DeadLetterV1): DeadLetterV1 =>
      storedAt && letter.originalTruncated
        ? { ...letter, originalTruncated: { ...letter.originalTruncated, storedAt } }
        : letter;
    try {
      await deps.deadLetter(kept(full));
    } catch (thrown) {
      const failure = toAbepError(thrown);
      // An outage is waited out by redelivery; anything else would fail the same way for ever, so the letter
      // goes again without its optional parts, and if even that is refused the message is given up, loudly.
      if (failure.retriable) throw failure;
      try {
        await deps.deadLetter(kept(deadLetterOf(raw, error, { ...context, minimal: true })));
      } catch (again) {
        const last = toAbepError(again);
        if (last.retriable) throw last;
        log.error(
          { code: error.code, attempts, deadLetterCode: last.code, bytes: raw.value.length },
          'message dropped: its dead letter was refused',
        );
        return;
      }
      log.error(
        { code: error.code, deadLetterCode: failure.code },
        'full dead letter refused; wrote a minimal one',
      );
    }
    log.error({ code: error.code, attempts, bytes: raw.value.length }, 'message dead-lettered');
  }
}
