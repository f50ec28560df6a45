import { AbepError } from '@abep/schemas';
import { describe, expect, it } from 'vitest';
import { createAddressGuard, type HostLookup } from './address-guard.ts';

async function codeOf(promise: Promise<unknown>): Promise<string | undefined> {
  try {
    await promise;
    return undefined;
  } catch (error) {
    return error instanceof AbepError ? error.code : ((error as NodeJS.ErrnoException).code ?? 'unknown');
  }
}

describe('address guard', () => {
  const guard = createAddressGuard([]);

  it.each([
    '127.0.0.1',
    '127.8.9.10',
    '10.1.2.3',
    '172.16.0.1',
    '172.31.255.255',
    '192.168.1.1',
    '169.254.169.254',
    '169.254.0.1',
    '100.64.0.1',
    '100.127.255.254',
    '0.0.0.0',
    '255.255.255.255',
    '224.0.0.1',
    '::1',
    '::',
    'fe80::1',
    'fc00::1',
    'fd12:3456::1',
    'ff02::1',
    '::ffff:127.0.0.1',
    '::ffff:169.254.169.254',
    '::ffff:10.0.0.1',
    // IPv6 outside global unicast (2000::/3), or special-purpose inside it
    '::7f00:1',
    '::a9fe:a9fe',
    '::10.0.0.1',
    '100::1',
    '64:ff9b::7f00:1',
    '4000::1',
    'e000::1',
    'fec0::1',
    '2001::1',
    '2001:db8::1',
    '2002:7f00:1::1',
    '3fff::1',
  ])('refuses %s by default', (address) => {
    expect(guard.isAllowedAddress(address)).toBe(false);
  });

  it.each([
    '8.8.8.8',
    '151.101.0.81',
    '172.32.0.1',
    '100.128.0.1',
    '2a00:1450:4009:81f::200e',
    '2606:4700:4700::1111',
    '2001:4860:4860::8888',
    '3ffe:ffff::1',
    '::ffff:8.8.8.8',
  ])('allows public %s', (address) => {
    expect(guard.isAllowedAddress(address)).toBe(true);
  });

  it('lets an allow-listed CIDR through and nothing next to it', () => {
    const narrow = createAddressGuard(['127.0.0.1/32', 'fd00::/8']);
    expect(narrow.isAllowedAddress('127.0.0.1')).toBe(true);
    expect(narrow.isAllowedAddress('::ffff:127.0.0.1')).toBe(true);
    expect(narrow.isAllowedAddress('127.0.0.2')).toBe(false);
    expect(narrow.isAllowedAddress('fd00::5')).toBe(true);
    expect(narrow.isAllowedAddress('10.0.0.1')).toBe(false);
  });

  it('refuses metadata and local host names before any DNS', async () => {
    let lookups = 0;
    const counting: HostLookup = async () => {
      lookups++;
      return [{ address: '8.8.8.8', family: 4 }];
    };
    const g = createAddressGuard([], counting);
    for (const host of [
      'metadata.google.internal',
      'localhost',
      'api.localhost',
      'printer.local',
      'x.internal',
      '[::1]',
      'localhost.',
      'x.internal.',
      'metadata.google.internal..',
    ]) {
      expect(await codeOf(g.resolve(host))).toBe('PRIVATE_ADDRESS');
    }
    expect(lookups).toBe(0);
  });

  it('refuses a host if any one of its addresses is private (DNS answers mixing public and private)', async () => {
    const g = createAddressGuard([], async () => [
      { address: '93.184.216.34', family: 4 },
      { address: '10.0.0.7', family: 4 },
    ]);
    expect(await codeOf(g.resolve('rebind.example'))).toBe('PRIVATE_ADDRESS');
  });

  it('passes DNS failures through with their system code', async () => {
    const g = createAddressGuard([], async (host) => {
      throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${host}`), { code: 'ENOTFOUND' });
    });
    expect(await codeOf(g.resolve('nowhere.invalid'))).toBe('ENOTFOUND');
  });

  it('rejects a malformed allow-list entry as CONFIG_INVALID', () => {
    expect(() => createAddressGuard(['10.0.0.0/8', 'not valid!'])).toThrow(
      expect.objectContaining({ code: 'CONFIG_INVALID', retriable: false }),
    );
  });
});
