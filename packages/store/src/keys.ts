import { AbepError } from '@abep/schemas';

export function assertValidKey(key: string): void {
  const bad =
    key.length === 0 ||
    key.length > 1024 ||
    key.startsWith('/') ||
    key.includes('\0') ||
    key.split('/').some((segment) => segment === '' || segment === '.' || segment === '..');
  if (bad) throw new AbepError('STORE_KEY_INVALID', `invalid object key ${JSON.stringify(key)}`);
}
