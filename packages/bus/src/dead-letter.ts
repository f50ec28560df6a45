import { createHash } from 'node:crypto';
import { type AbepError, DEAD_LETTER_MAX_ORIGINAL_BYTES, type DeadLetterV1 } from '@abep/schemas';
import type { RawMessage } from './transport.ts';

/** Bounds on the parts of a dead letter that come from the failed message or its error, in bytes. */
export const DEAD_LETTER_LIMITS = {
  originalBytes: DEAD_LETTER_MAX_ORIGINAL_BYTES,
  details: 16 * 1024,
  headers: 16 * 1024,
  key: 1024,
  message: 2000,
} as const;

function boundedDetails(details: Record<string, unknown>): Record<string, unknown> {
  const size = (value: unknown) => Buffer.byteLength(JSON.stringify(value) ?? '');
  let bytes: number;
  try {
    bytes = size(details);
  } catch {
    return { truncated: 'details could not be serialised' };
  }
  if (bytes <= DEAD_LETTER_LIMITS.details) return details;
  // Zod issues are the usual bulk: keep the first few, which name the problem.
  const issues = Array.isArray(details.issues) ? details.issues : undefined;
  if (issues) {
    for (const keep of [20, 5, 1]) {
      const cut = { ...details, issues: issues.slice(0, keep), issueCount: issues.length, truncated: bytes };
      if (size(cut) <= DEAD_LETTER_LIMITS.details) return cut;
    }
  }
  return { truncated: bytes, keys: Object.keys(details).slice(0, 20) };
}

function boundedHeaders(headers: Record<string, string>): Record<string, string> | undefined {
  const out: Record<string, string> = {};
  let bytes = 0;
  for (const [name, value] of Object.entries(headers)) {
    const entry = { name: name.slice(0, 256), value: value.slice(0, 4096) };
    bytes += Buffer.byteLength(entry.name) + Buffer.byteLength(entry.value);
    if (bytes > DEAD_LETTER_LIMITS.headers) break;
    out[entry.name] = entry.value;
  }
  return Object.keys(out).length ? out : undefined;
}

/**
 * The dead letter for `raw`, bounded so it always fits on the bus however large the message, its headers or the
 * error's details: past DEAD_LETTER_MAX_ORIGINAL_BYTES the original is cut, and `originalTruncated` states its
 * whole length and sha256. `minimal` drops everything optional (the fallback when a full letter is refused).
 */
export function deadLetterOf(
  raw: RawMessage,
  error: AbepError,
  context: { groupId: string; attempts: number; now: Date; minimal?: boolean },
): DeadLetterV1 {
  const limit = context.minimal ? 0 : DEAD_LETTER_LIMITS.originalBytes;
  const cut = raw.value.length > limit;
  const headers = context.minimal ? undefined : boundedHeaders(raw.headers);
  return {
    topic: raw.topic.slice(0, 256),
    partition: raw.partition,
    offset: raw.offset,
    key: raw.key === null ? null : raw.key.slice(0, DEAD_LETTER_LIMITS.key),
    groupId: context.groupId,
    code: error.code,
    message: error.message.slice(0, DEAD_LETTER_LIMITS.message),
    ...(error.details && !context.minimal ? { details: boundedDetails(error.details) } : {}),
    attempts: context.attempts,
    failedAt: context.now.toISOString(),
    originalValue: (cut ? raw.value.subarray(0, limit) : raw.value).toString('base64'),
    ...(cut
      ? {
          originalTruncated: {
            bytes: raw.value.length,
            sha256: createHash('sha256').update(raw.value).digest('hex'),
          },
        }
      : {}),
    ...(headers ? { originalHeaders: headers } : {}),
  };
}
