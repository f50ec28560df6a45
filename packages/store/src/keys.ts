import { AbepError } from '@abep/schemas';

/** S3's limit, in UTF-8 bytes (not UTF-16 units), which every adapter keeps to. */
export const MAX_KEY_BYTES = 1024;

export function assertValidKey(key: string): void {
  const bad =
    key.length === 0 ||
    Buffer.byteLength(key) > MAX_KEY_BYTES ||
    key.startsWith('/') ||
    key.includes('\0') ||
    key.split('/').some((segment) => segment === '' || segment === '.' || segment === '..');
  if (bad)
    throw new AbepError('STORE_KEY_INVALID', `invalid object key ${JSON.stringify(key.slice(0, 200))}`);
}

/**
 * A list prefix: '' (everything), or a key's beginning whose whole segments are valid key segments (the last,
 * partial one may be anything but '/' or NUL), so a prefix can never name a place outside the store.
 */
export function assertValidPrefix(prefix: string): void {
  if (prefix === '') return;
  const segments = prefix.split('/');
  const whole = segments.slice(0, -1);
  const bad =
    Buffer.byteLength(prefix) > MAX_KEY_BYTES ||
    prefix.startsWith('/') ||
    prefix.includes('\0') ||
    whole.some((segment) => segment === '' || segment === '.' || segment === '..');
  if (bad)
    throw new AbepError('STORE_KEY_INVALID', `invalid list prefix ${JSON.stringify(prefix.slice(0, 200))}`);
}
