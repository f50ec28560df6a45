import { describe, expect, it } from 'vitest';
import { assertValidKey } from './keys.ts';

describe('assertValidKey', () => {
  it('accepts nested keys', () => {
    expect(() => assertValidKey('register/versions/v1/manifest.json')).not.toThrow();
  });

  it.each(['', '/a', 'a/../b', 'a//b', 'a/./b', 'a\0b'])('rejects %j as STORE_KEY_INVALID', (key) => {
    expect(() => assertValidKey(key)).toThrow(
      expect.objectContaining({ code: 'STORE_KEY_INVALID', retriable: false }),
    );
  });
});
