import { createAddressGuard } from '@abep/fetcher';

// C0 controls, DEL and C1 controls, except tab, line feed and carriage return (descriptions keep their line breaks).
// biome-ignore lint/suspicious/noControlCharactersInRegex: these are the characters being removed
const CONTROLS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/g;

/** Every string in `value` without C0 or C1 control characters; structure and other values unchanged. */
export function withoutControls<T>(value: T): T {
  if (typeof value === 'string') return value.replace(CONTROLS, '') as T;
  if (Array.isArray(value)) return value.map(withoutControls) as T;
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, withoutControls(v)]),
    ) as T;
  }
  return value;
}

// Static checks only (IP literals and names such as localhost or *.internal): the register is not the place
// to resolve DNS, and the crawler has already refused to fetch any host that resolves privately.
const guard = createAddressGuard([]);

/**
 * True for an http(s) URL whose host may be published as a partnership's site: not a private, loopback,
 * link-local or otherwise special address, nor a name that always reaches one.
 */
export function isPublicWebUrl(url: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return false;
  if (parsed.username || parsed.password) return false;
  try {
    guard.checkHost(parsed.hostname);
    return true;
  } catch {
    return false;
  }
}
