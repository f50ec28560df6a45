/** Normalises the store's key prefix inside the bucket: '' or 'a/b/' (one trailing slash, no leading one). */
export function normalizePrefix(prefix: string | undefined): string {
  const trimmed = (prefix ?? '').replace(/^\/+|\/+$/g, '');
  return trimmed === '' ? '' : `${trimmed}/`;
}

/** The whole object's size from `Content-Range: bytes a-b/total`; undefined when absent or `*`. */
export function totalFromContentRange(contentRange: string | undefined): number | undefined {
  const match = /^bytes (?:\d+-\d+|\*)\/(\d+)$/.exec(contentRange?.trim() ?? '');
  return match ? Number(match[1]) : undefined;
}

/** `Range` header for `length` bytes from `offset`; length must be positive. */
export function rangeHeader(range: { offset: number; length: number }): string {
  return `bytes=${range.offset}-${range.offset + range.length - 1}`;
}

/** An endpoint as it may appear in messages: no user info, no query. */
export function displayEndpoint(endpoint: string | undefined, region: string): string {
  if (!endpoint) return `https://s3.${region}.amazonaws.com`;
  try {
    const url = new URL(endpoint);
    return `${url.protocol}//${url.host}${url.pathname === '/' ? '' : url.pathname}`;
  } catch {
    return '(invalid endpoint)';
  }
}
