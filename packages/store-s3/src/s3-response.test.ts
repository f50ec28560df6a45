import { describe, expect, it } from 'vitest';
import { displayEndpoint, normalizePrefix, rangeHeader, totalFromContentRange } from './s3-response.ts';

describe('S3 request and response helpers', () => {
  it('normalises the bucket prefix to none or exactly one trailing slash', () => {
    expect(normalizePrefix(undefined)).toBe('');
    expect(normalizePrefix('')).toBe('');
    expect(normalizePrefix('/')).toBe('');
    expect(normalizePrefix('prod')).toBe('prod/');
    expect(normalizePrefix('/prod/register//')).toBe('prod/register/');
  });

  it('reads the whole object size from Content-Range', () => {
    expect(totalFromContentRange('bytes 1048581-1049580/25165947')).toBe(25165947);
    expect(totalFromContentRange('bytes */10')).toBe(10);
    expect(totalFromContentRange('bytes 0-9/*')).toBeUndefined();
    expect(totalFromContentRange(undefined)).toBeUndefined();
  });

  it('builds an inclusive byte range', () => {
    expect(rangeHeader({ offset: 5, length: 1000 })).toBe('bytes=5-1004');
    expect(rangeHeader({ offset: 0, length: 1 })).toBe('bytes=0-0');
  });

  it('shows an endpoint without user info, and the AWS endpoint when none is set', () => {
    expect(displayEndpoint('http://user:pass@127.0.0.1:19000/', 'us-east-1')).toBe('http://127.0.0.1:19000');
    expect(displayEndpoint(undefined, 'eu-west-2')).toBe('https://s3.eu-west-2.amazonaws.com');
  });
});
