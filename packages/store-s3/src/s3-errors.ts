import { AbepError } from '@abep/schemas';

/** What an S3 failure is about; every field is log-safe. */
export interface S3ErrorContext {
  op: 'put' | 'get' | 'head' | 'list' | 'delete';
  /** The caller's key or list prefix (without the store's bucket prefix). */
  key: string;
  endpoint: string;
  bucket: string;
  /** Set on conditional puts: a 404 then means "the key to compare-and-swap is missing", a lost write. */
  conditional?: boolean;
  /** Values that must never appear in an error message (the secret key, a session token). */
  secrets?: readonly (string | undefined)[];
}

interface SdkErrorShape {
  name?: string;
  code?: string;
  message?: string;
  Code?: string;
  $metadata?: { httpStatusCode?: number; attempts?: number; requestId?: string };
  $fault?: 'client' | 'server';
}

const CONFLICT_NAMES = new Set(['PreconditionFailed', 'ConditionalRequestConflict']);
const MISSING_KEY_NAMES = new Set(['NoSuchKey', 'NotFound']);

export function httpStatusOf(err: unknown): number | undefined {
  return (err as SdkErrorShape | undefined)?.$metadata?.httpStatusCode;
}

function s3ErrorName(err: unknown): string {
  const e = err as SdkErrorShape | undefined;
  return e?.name ?? e?.Code ?? e?.code ?? 'Error';
}

/** True for the SDK's answer that a key (not the bucket) does not exist. */
export function isMissingKey(err: unknown): boolean {
  return httpStatusOf(err) === 404 && MISSING_KEY_NAMES.has(s3ErrorName(err));
}

function scrub(text: string, secrets: readonly (string | undefined)[] = []): string {
  let out = text;
  for (const secret of secrets) {
    if (secret && secret.length >= 4) out = out.split(secret).join('[redacted]');
  }
  return out;
}

/**
 * Maps any failure of an S3 call to an AbepError:
 * - 412 PreconditionFailed, 409 ConditionalRequestConflict, and 404 on a conditional put → STORE_CONFLICT (not retriable);
 * - 404 NoSuchBucket → STORE_UNAVAILABLE naming the bucket (retriable: an operator can create it);
 * - no HTTP answer at all (refused, reset, DNS, timeout), 5xx, 429, 403 → STORE_UNAVAILABLE (retriable), after the
 *   SDK's own bounded retries;
 * - any other 4xx → STORE_UNAVAILABLE, not retriable (the request itself is wrong).
 * The message names the operation, key, endpoint and bucket and never contains a configured secret.
 */
export function toStoreError(err: unknown, ctx: S3ErrorContext): AbepError {
  if (err instanceof AbepError) return err;
  const status = httpStatusOf(err);
  const name = s3ErrorName(err);
  const e = err as SdkErrorShape | undefined;
  const rawMessage = scrub(String(e?.message ?? err), ctx.secrets);
  const where = `at ${ctx.endpoint} (bucket ${ctx.bucket})`;
  const details = {
    op: ctx.op,
    key: ctx.key,
    endpoint: ctx.endpoint,
    bucket: ctx.bucket,
    ...(status === undefined ? {} : { status }),
    s3Error: name,
    ...(e?.$metadata?.attempts === undefined ? {} : { attempts: e.$metadata.attempts }),
    ...(e?.$metadata?.requestId ? { requestId: e.$metadata.requestId } : {}),
  };
  // The SDK error is kept as the cause unless its text carried a secret.
  const cause = rawMessage === String(e?.message ?? err) ? err : new Error(rawMessage);

  if (status === 412 || (status === 409 && CONFLICT_NAMES.has(name)) || (ctx.conditional && status === 404)) {
    const why =
      status === 404
        ? 'the key does not exist'
        : status === 409
          ? 'a concurrent write to the key'
          : 'precondition failed';
    return new AbepError('STORE_CONFLICT', `conditional ${ctx.op} of ${ctx.key} lost ${where}: ${why}`, {
      retriable: false,
      cause,
      details,
    });
  }
  if (status === 404 && name === 'NoSuchBucket') {
    return new AbepError(
      'STORE_UNAVAILABLE',
      `S3 bucket ${ctx.bucket} does not exist at ${ctx.endpoint}: create it or fix the bucket name (${ctx.op} of ${ctx.key})`,
      { retriable: true, cause, details },
    );
  }
  if (status === undefined || status >= 500 || status === 429 || status === 403) {
    const reason = status === undefined ? `${name}: ${rawMessage}` : `HTTP ${status} ${name}: ${rawMessage}`;
    return new AbepError('STORE_UNAVAILABLE', `S3 ${ctx.op} of ${ctx.key} failed ${where}: ${reason}`, {
      retriable: true,
      cause,
      details,
    });
  }
  return new AbepError(
    'STORE_UNAVAILABLE',
    `S3 ${ctx.op} of ${ctx.key} refused ${where}: HTTP ${status} ${name}: ${rawMessage}`,
    {
      retriable: false,
      cause,
      details,
    },
  );
}
