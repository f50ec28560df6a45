import type { AbepError } from '@abep/schemas';
import { describe, expect, it } from 'vitest';
import { createS3Store } from './create-s3-store.ts';

describe('createS3Store', () => {
  it('applies the configured prefix and names the endpoint the store talks to', () => {
    const store = createS3Store({
      endpoint: 'http://127.0.0.1:19000',
      region: 'us-east-1',
      bucket: 'abep-register',
      prefix: 'prod',
      accessKeyId: 'abeplocal',
      secretAccessKey: 'abeplocalsecret',
      forcePathStyle: true,
    });
    expect(store.prefix).toBe('prod/');
    expect(store.endpoint).toBe('http://127.0.0.1:19000');
    expect(store.bucket).toBe('abep-register');
    store.destroy();
  });

  it('refuses a configuration without a bucket or with half the credentials', () => {
    const codeOf = (fn: () => unknown) => {
      try {
        fn();
        return undefined;
      } catch (err) {
        return (err as AbepError).code;
      }
    };
    expect(codeOf(() => createS3Store({ region: 'us-east-1' }))).toBe('CONFIG_INVALID');
    expect(codeOf(() => createS3Store({ region: 'us-east-1', bucket: 'b-1', accessKeyId: 'x' }))).toBe(
      'CONFIG_INVALID',
    );
  });
});
