import { promises as dns, type LookupAddress } from 'node:dns';
import type { LookupFunction } from 'node:net';
import { AbepError } from '@abep/schemas';
import ipaddr from 'ipaddr.js';

/** Resolves a host name to every address it has (dns.lookup with all: true by default). Injectable for tests. */
export type HostLookup = (hostname: string) => Promise<LookupAddress[]>;

export const systemLookup: HostLookup = (hostname) => dns.lookup(hostname, { all: true, verbatim: true });

/** Names that reach cloud metadata services or this machine whatever DNS says. */
const BLOCKED_NAMES = new Set([
  'localhost',
  'metadata',
  'metadata.google.internal',
  'metadata.goog',
  'instance-data',
  'instance-data.ec2.internal',
  'metadata.azure.com',
  'metadata.packet.net',
  'metadata.platformequinix.com',
]);
const BLOCKED_SUFFIXES = ['.localhost', '.internal', '.local', '.home.arpa'];

type Range = [ipaddr.IPv4 | ipaddr.IPv6, number];

export interface AddressGuard {
  /** True when a connection to this IP is allowed: a global unicast address, or one inside the allow-list. */
  isAllowedAddress(address: string): boolean;
  /** Throws PRIVATE_ADDRESS for a blocked IP literal or host name, before any DNS. */
  checkHost(hostname: string): void;
  /** Resolves and checks every address (refusing the host if any one is private); throws PRIVATE_ADDRESS or the DNS error. */
  resolve(hostname: string): Promise<LookupAddress[]>;
  /** A net.connect lookup that resolves through `resolve`, so a socket only ever reaches a checked address. */
  connectLookup: LookupFunction;
}

/** The host as the checks compare it: no IPv6 brackets, and no trailing dot ("localhost." is localhost). */
function unbracket(hostname: string): string {
  const bare = hostname.startsWith('[') && hostname.endsWith(']') ? hostname.slice(1, -1) : hostname;
  return bare.length > 1 ? bare.replace(/\.+$/, '') : bare;
}

const GLOBAL_V6 = ipaddr.parseCIDR('2000::/3');
/** IANA special-purpose blocks inside 2000::/3: protocol assignments, documentation, 6to4 (an IPv4 inside). */
const SPECIAL_V6: Range[] = ['2001::/23', '2001:db8::/32', '2002::/16', '3fff::/20'].map((c) =>
  ipaddr.parseCIDR(c),
);

function parseAllowList(entries: readonly string[]): { ranges: Range[]; names: Set<string> } {
  const ranges: Range[] = [];
  const names = new Set<string>();
  for (const entry of entries) {
    if (ipaddr.isValidCIDR(entry)) {
      ranges.push(ipaddr.parseCIDR(entry));
    } else if (ipaddr.isValid(entry)) {
      const address = ipaddr.process(entry);
      ranges.push([address, address.kind() === 'ipv4' ? 32 : 128]);
    } else if (/^[a-z0-9.-]+$/i.test(entry)) {
      names.add(entry.toLowerCase());
    } else {
      throw new AbepError('CONFIG_INVALID', `allowPrivateNetworks: not a CIDR, IP or host name: ${entry}`);
    }
  }
  return { ranges, names };
}

export function createAddressGuard(
  allowList: readonly string[],
  lookup: HostLookup = systemLookup,
): AddressGuard {
  const { ranges, names } = parseAllowList(allowList);

  const isAllowedAddress = (address: string): boolean => {
    if (!ipaddr.isValid(address)) return false;
    const parsed = ipaddr.process(address);
    if (ranges.some(([net, bits]) => net.kind() === parsed.kind() && parsed.match(net, bits))) return true;
    if (parsed.range() !== 'unicast') return false;
    // ipaddr.js calls any IPv6 address outside its named ranges unicast, including ::7f00:1 (IPv4-compatible
    // 127.0.0.1); only global unicast (2000::/3) minus its special-purpose blocks is public.
    return (
      parsed.kind() === 'ipv4' ||
      (parsed.match(GLOBAL_V6) && !SPECIAL_V6.some(([n, b]) => parsed.match(n, b)))
    );
  };

  const refuse = (hostname: string, address?: string): AbepError =>
    new AbepError(
      'PRIVATE_ADDRESS',
      `refusing ${hostname}${address && address !== hostname ? ` (${address})` : ''}: not a public address`,
      {
        retriable: false,
        details: { host: hostname, ...(address ? { address } : {}) },
      },
    );

  const checkHost = (rawHostname: string): void => {
    const hostname = unbracket(rawHostname).toLowerCase();
    if (names.has(hostname)) return;
    if (ipaddr.isValid(hostname)) {
      if (!isAllowedAddress(hostname)) throw refuse(hostname, hostname);
      return;
    }
    if (BLOCKED_NAMES.has(hostname) || BLOCKED_SUFFIXES.some((suffix) => hostname.endsWith(suffix))) {
      throw refuse(hostname);
    }
  };

  const resolve = async (rawHostname: string): Promise<LookupAddress[]> => {
    const hostname = unbracket(rawHostname).toLowerCase();
    checkHost(hostname);
    if (ipaddr.isValid(hostname)) return [{ address: hostname, family: hostname.includes(':') ? 6 : 4 }];
    const addresses = await lookup(hostname);
    if (addresses.length === 0) {
      throw Object.assign(new Error(`no addresses for ${hostname}`), { code: 'ENOTFOUND', hostname });
    }
    if (!names.has(hostname)) {
      const blocked = addresses.find((a) => !isAllowedAddress(a.address));
      if (blocked) throw refuse(hostname, blocked.address);
    }
    return addresses;
  };

  const connectLookup: LookupFunction = (hostname, options, callback) => {
    resolve(hostname).then(
      (all) => {
        const wanted =
          options.family === 4 || options.family === 6 ? all.filter((a) => a.family === options.family) : all;
        const addresses = wanted.length > 0 ? wanted : all;
        if (options.all) {
          (callback as unknown as (err: null, addresses: LookupAddress[]) => void)(null, addresses);
        } else {
          const first = addresses[0] as LookupAddress;
          callback(null, first.address, first.family);
        }
      },
      (error: NodeJS.ErrnoException) => callback(error, '', 0),
    );
  };

  return { isAllowedAddress, checkHost, resolve, connectLookup };
}
