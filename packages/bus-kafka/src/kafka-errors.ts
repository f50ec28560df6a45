import { AbepError } from '@abep/schemas';

interface KafkaJsLikeError {
  name?: string;
  type?: string;
  message?: string;
  cause?: unknown;
  originalError?: unknown;
}

/** The innermost kafkajs error: NumberOfRetriesExceeded and NonRetriable wrap the one that mattered. */
function rootCause(error: unknown): KafkaJsLikeError {
  let current = error as KafkaJsLikeError;
  for (let i = 0; i < 10; i++) {
    const next = (current?.cause ?? current?.originalError) as KafkaJsLikeError | undefined;
    if (!next || typeof next !== 'object') break;
    current = next;
  }
  return current ?? {};
}

/** Broker answers that sending the same records again cannot fix (kafkajs error types). */
const TOO_LARGE = new Set(['MESSAGE_TOO_LARGE', 'RECORD_LIST_TOO_LARGE']);
const REFUSED_RECORD = new Set(['INVALID_RECORD', 'CORRUPT_MESSAGE', 'INVALID_RECORD_LIST']);

/**
 * A produce failure: records the broker refuses as too large or invalid are MESSAGE_TOO_LARGE / SCHEMA_INVALID
 * (not retriable, so the consume runner dead-letters rather than waits); anything else is busUnavailable.
 */
export function produceFailure(what: string, brokers: readonly string[], error: unknown): AbepError {
  if (error instanceof AbepError) return error;
  const root = rootCause(error);
  const type = root.type ?? '';
  if (TOO_LARGE.has(type) || REFUSED_RECORD.has(type)) {
    return new AbepError(
      TOO_LARGE.has(type) ? 'MESSAGE_TOO_LARGE' : 'SCHEMA_INVALID',
      `kafka at ${brokers.join(',')}: ${what} refused: ${root.message ?? type}`,
      { retriable: false, cause: error, details: { kafkaError: type } },
    );
  }
  return busUnavailable(what, brokers, error);
}

/**
 * Every failure to reach or use the broker becomes BUS_UNAVAILABLE (retriable), naming the broker and,
 * for a missing topic, how to create it. `what` says which operation failed.
 */
export function busUnavailable(what: string, brokers: readonly string[], error: unknown): AbepError {
  if (error instanceof AbepError) return error;
  const root = rootCause(error);
  const address = brokers.join(',');
  const reason = kafkaReason(error);
  return new AbepError('BUS_UNAVAILABLE', `kafka at ${address}: ${what} failed: ${reason}`, {
    retriable: true,
    cause: error,
    details: { brokers: [...brokers], kafkaError: root.type ?? root.name },
  });
}

/** What went wrong, from the innermost kafkajs error, in words (a missing topic says how to create it). */
export function kafkaReason(error: unknown): string {
  const root = rootCause(error);
  return root.type === 'UNKNOWN_TOPIC_OR_PARTITION'
    ? 'topic does not exist (create the catalogue with infra/create-topics.sh or ensureTopics)'
    : (root.message ?? String(error));
}
