import { z } from 'zod';
import { RECORD_LIMITS } from './limits.ts';

/** The closed set of failure codes. Callers switch on these, never on message text. */
export const ErrorCode = z.enum([
  // fetching
  'FETCH_TIMEOUT',
  'FETCH_DNS',
  'FETCH_REFUSED',
  'FETCH_NETWORK',
  'HTTP_CLIENT_ERROR',
  'HTTP_SERVER_ERROR',
  'HTTP_TOO_MANY_REQUESTS',
  'ROBOTS_DISALLOWED',
  /** robots.txt answered 5xx or was unreachable: the origin is off limits for now (RFC 9309), retry later. */
  'ROBOTS_UNAVAILABLE',
  'BODY_TOO_LARGE',
  'CONTENT_TYPE_UNSUPPORTED',
  'REDIRECT_LIMIT',
  'REDIRECT_LOOP',
  'PRIVATE_ADDRESS',
  'URL_INVALID',
  'URL_SCHEME_UNSUPPORTED',
  'OUT_OF_SCOPE',
  'CRAWL_LIMIT_REACHED',
  // messages and records
  'SCHEMA_INVALID',
  'MESSAGE_NOT_JSON',
  'UNKNOWN_TOPIC',
  'EXTRACT_FAILED',
  'HANDLER_FAILED',
  'RETRIES_EXHAUSTED',
  /** A message over the bus's (or broker's) size limit: sending it again cannot succeed. */
  'MESSAGE_TOO_LARGE',
  /** Extracting one page went over its bounds (time or size): the page counts as examined, the crawl goes on. */
  'EXTRACT_BUDGET_EXCEEDED',
  // infrastructure
  'STORE_CONFLICT',
  'STORE_NOT_FOUND',
  'STORE_UNAVAILABLE',
  'STORE_KEY_INVALID',
  'BUS_UNAVAILABLE',
  'CHECKSUM_MISMATCH',
  'MANIFEST_INVALID',
  'CONFIG_INVALID',
  'DEADLINE_EXCEEDED',
  'INTERNAL',
]);
export type ErrorCode = z.infer<typeof ErrorCode>;

export interface AbepErrorOptions {
  retriable?: boolean;
  cause?: unknown;
  /** Structured, log-safe context (ids, counts, zod issues). Never bodies or secrets. */
  details?: Record<string, unknown>;
}

export class AbepError extends Error {
  override readonly name = 'AbepError';
  readonly code: ErrorCode;
  readonly retriable: boolean;
  readonly details: Record<string, unknown> | undefined;

  constructor(code: ErrorCode, message: string, options: AbepErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.retriable = options.retriable ?? false;
    this.details = options.details;
  }

  toJSON(): { code: ErrorCode; message: string; retriable: boolean; details?: Record<string, unknown> } {
    return {
      code: this.code,
      message: this.message,
      retriable: this.retriable,
      ...(this.details ? { details: this.details } : {}),
    };
  }
}

export function isAbepError(err: unknown): err is AbepError {
  return err instanceof AbepError;
}

/** Unknown failures are treated as retriable: a transient bug in a dependency should not dead-letter at once. */
export function toAbepError(err: unknown): AbepError {
  if (err instanceof AbepError) return err;
  const message = err instanceof Error ? err.message : String(err);
  return new AbepError('INTERNAL', message, { retriable: true, cause: err });
}

export function schemaInvalid(what: string, error: z.ZodError): AbepError {
  return new AbepError('SCHEMA_INVALID', `${what} does not match its schema: ${z.prettifyError(error)}`, {
    retriable: false,
    details: { issues: error.issues },
    cause: error,
  });
}

/** Throws URL_INVALID for a URL longer than any topic carries (RECORD_LIMITS.url): no server would answer it. */
export function assertUrlLength(href: string): void {
  if (href.length > RECORD_LIMITS.url)
    throw new AbepError('URL_INVALID', `URL longer than ${RECORD_LIMITS.url} characters`, {
      details: { url: href.slice(0, 200), length: href.length },
    });
}
