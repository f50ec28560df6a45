import { AbepError } from '@abep/schemas';
import { describe, expect, it } from 'vitest';
import { isMissingKey, type S3ErrorContext, toStoreError } from './s3-errors.ts';

const SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
const ctx: S3ErrorContext = {
  op: 'put',
  key: 'snapshots/v1.json',
  endpoint: 'http://127.0.0.1:19000',
  bucket: 'abep-register',
  secrets: [SECRET, 'AKIAEXAMPLE'],
};

function sdkError(name: string, status: number | undefined, message = name, attempts = 1): Error {
  return Object.assign(new Error(message), {
    name,
    $metadata: { ...(status === undefined ? {} : { httpStatusCode: status }), attempts },
  });
}

describe('toStoreError', () => {
  it('turns a lost conditional write (412, 409 conflict, 404 on If-Match) into a non-retriable STORE_CONFLICT', () => {
    for (const err of [
      sdkError('PreconditionFailed', 412),
      sdkError('ConditionalRequestConflict', 409),
      sdkError('NoSuchKey', 404),
    ]) {
      const mapped = toStoreError(err, { ...ctx, conditional: true });
      expect(mapped).toBeInstanceOf(AbepError);
      expect(mapped.code).toBe('STORE_CONFLICT');
      expect(mapped.retriable).toBe(false);
      expect(mapped.message).toContain('snapshots/v1.json');
    }
  });

  it('reports an unreachable server as retriable STORE_UNAVAILABLE naming the endpoint and bucket', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:19000'), {
      code: 'ECONNREFUSED',
      $metadata: { attempts: 3 },
    });
    const mapped = toStoreError(refused, ctx);
    expect(mapped.code).toBe('STORE_UNAVAILABLE');
    expect(mapped.retriable).toBe(true);
    expect(mapped.message).toContain('http://127.0.0.1:19000');
    expect(mapped.message).toContain('abep-register');
    expect(mapped.details).toMatchObject({ attempts: 3, op: 'put' });
  });

  it('reports 5xx and throttling as retriable, and other client errors as not retriable', () => {
    expect(toStoreError(sdkError('InternalError', 500), ctx)).toMatchObject({
      code: 'STORE_UNAVAILABLE',
      retriable: true,
    });
    expect(toStoreError(sdkError('SlowDown', 503), ctx)).toMatchObject({
      code: 'STORE_UNAVAILABLE',
      retriable: true,
    });
    expect(toStoreError(sdkError('InvalidArgument', 400), ctx)).toMatchObject({
      code: 'STORE_UNAVAILABLE',
      retriable: false,
    });
  });

  it('names a missing bucket instead of pretending the key is missing', () => {
    const mapped = toStoreError(sdkError('NoSuchBucket', 404), ctx);
    expect(mapped.code).toBe('STORE_UNAVAILABLE');
    expect(mapped.message).toMatch(/bucket abep-register does not exist at http:\/\/127\.0\.0\.1:19000/);
    expect(isMissingKey(sdkError('NoSuchBucket', 404))).toBe(false);
    expect(isMissingKey(sdkError('NoSuchKey', 404))).toBe(true);
  });

  it('never carries the secret key or access key id into the message, details, JSON or cause', () => {
    const leaky = sdkError(
      'SignatureDoesNotMatch',
      403,
      `The request signature we calculated does not match; secret=${SECRET} key=AKIAEXAMPLE`,
    );
    const leakyNetwork = Object.assign(new Error(`getaddrinfo ENOTFOUND AKIAEXAMPLE:${SECRET}@s3.example`), {
      code: 'ENOTFOUND',
    });
    for (const err of [leaky, leakyNetwork]) {
      const mapped = toStoreError(err, ctx);
      const everything = [
        mapped.message,
        JSON.stringify(mapped),
        JSON.stringify(mapped.details),
        String((mapped.cause as Error).message),
        mapped.stack ?? '',
      ].join('\n');
      expect(everything).not.toContain(SECRET);
      expect(everything).not.toContain('AKIAEXAMPLE');
      expect(mapped.message).toContain('[redacted]');
    }
  });

  it('passes an AbepError through unchanged', () => {
    const original = new AbepError('STORE_KEY_INVALID', 'bad key');
    expect(toStoreError(original, ctx)).toBe(original);
  });
});
