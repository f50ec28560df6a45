import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { AbepError, schemaInvalid, toAbepError } from './errors.ts';

describe('AbepError', () => {
  it('keeps code, retriable flag and cause', () => {
    const cause = new Error('socket hang up');
    const err = new AbepError('FETCH_NETWORK', 'reset', { retriable: true, cause });
    expect(err).toMatchObject({ code: 'FETCH_NETWORK', retriable: true, cause });
    expect(err.toJSON()).toEqual({ code: 'FETCH_NETWORK', message: 'reset', retriable: true });
  });

  it('treats unknown throwables as retriable INTERNAL errors', () => {
    expect(toAbepError('boom')).toMatchObject({ code: 'INTERNAL', retriable: true });
  });

  it('carries zod issues with SCHEMA_INVALID and is not retriable', () => {
    const result = z.object({ a: z.string() }).safeParse({ a: 1 });
    const err = schemaInvalid('thing', result.error as z.ZodError);
    expect(err.code).toBe('SCHEMA_INVALID');
    expect(err.retriable).toBe(false);
    expect(err.details?.issues).toHaveLength(1);
  });
});
