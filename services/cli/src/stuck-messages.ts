import type { WaitingMessage } from '@abep/bus';

/**
 * Past this wait a message is no longer being retried through a blip: its consumer cannot make progress.
 * Longer than the retry policy's backoff ceiling, so a message it will soon dead-letter never counts.
 */
export const STUCK_AFTER_MS = 120_000;

/** What readiness reports for messages waiting longer than `afterMs`: each one's place and last code, or nothing. */
export function stuckMessages(
  waiting: readonly WaitingMessage[],
  now: Date,
  afterMs = STUCK_AFTER_MS,
): string | undefined {
  const stuck = waiting.filter((m) => now.getTime() - m.since.getTime() > afterMs);
  if (stuck.length === 0) return undefined;
  const listed = stuck
    .slice(0, 5)
    .map(
      (m) =>
        `${m.topic}[${m.partition}]@${m.offset} (${m.groupId}) ${m.code} for ${Math.round((now.getTime() - m.since.getTime()) / 1000)} s, ${m.attempts} attempts`,
    );
  return `${stuck.length} message(s) not handled: ${listed.join('; ')}${stuck.length > 5 ? '; …' : ''}`;
}
