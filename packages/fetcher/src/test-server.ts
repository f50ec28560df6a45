/**
 * Test-only: a local HTTP server on 127.0.0.1 with a random port that records every request's arrival time and
 * the peak number of requests in flight, plus handlers for hostile behaviour. Not exported from the package.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { type AddressInfo, connect } from 'node:net';
import zlib from 'node:zlib';
import type { HostLookup } from './address-guard.ts';

interface RecordedRequest {
  path: string;
  /** performance.now() when the request arrived. */
  at: number;
  headers: IncomingMessage['headers'];
  /** Set when the client went away before the response finished. */
  aborted: boolean;
  bytesWritten: number;
}

export type Handler = (req: IncomingMessage, res: ServerResponse, record: RecordedRequest) => unknown;

export interface TestServer {
  origin: string;
  port: number;
  url(path: string): string;
  requests: RecordedRequest[];
  /** Requests for one path, in arrival order. */
  hits(path: string): RecordedRequest[];
  maxInFlight(): number;
  close(): Promise<void>;
}

export async function startTestServer(
  routes: Record<string, Handler>,
  host = '127.0.0.1',
): Promise<TestServer> {
  const requests: RecordedRequest[] = [];
  let inFlight = 0;
  let peak = 0;
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    const record: RecordedRequest = {
      path,
      at: performance.now(),
      headers: req.headers,
      aborted: false,
      bytesWritten: 0,
    };
    requests.push(record);
    inFlight++;
    peak = Math.max(peak, inFlight);
    let done = false;
    const finish = () => {
      if (done) return;
      done = true;
      inFlight--;
    };
    res.on('finish', finish);
    res.on('close', () => {
      if (!res.writableFinished) record.aborted = true;
      record.bytesWritten = res.socket?.bytesWritten ?? record.bytesWritten;
      finish();
    });
    const handler = routes[path];
    if (!handler) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    Promise.resolve(handler(req, res, record)).catch(() => res.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  const { port } = server.address() as AddressInfo;
  const origin = `http://${host}:${port}`;
  return {
    origin,
    port,
    url: (path) => `${origin}${path}`,
    requests,
    hits: (path) => requests.filter((r) => r.path === path),
    maxInFlight: () => peak,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A port nothing listens on (bound, then released). */
export async function refusedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** Resolves *.invalid to ENOTFOUND and every other name to 127.0.0.1, so no test touches real DNS. */
export const loopbackLookup: HostLookup = async (hostname) => {
  if (hostname.endsWith('.invalid')) {
    throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND', hostname });
  }
  return [{ address: '127.0.0.1', family: 4 }];
};

export const html =
  (body: string, contentType = 'text/html; charset=utf-8'): Handler =>
  (_req, res) => {
    res.writeHead(200, { 'content-type': contentType }).end(body);
  };

export const bytes =
  (body: Buffer, headers: Record<string, string>): Handler =>
  (_req, res) => {
    res.writeHead(200, headers).end(body);
  };

/** Writes `chunk` until the client goes away or `totalBytes` have gone, respecting backpressure. */
export const stream =
  (
    chunk: Buffer,
    totalBytes: number,
    headers: Record<string, string> = { 'content-type': 'text/html' },
  ): Handler =>
  (_req, res) => {
    res.writeHead(200, headers);
    let sent = 0;
    const pump = () => {
      while (sent < totalBytes && !res.destroyed) {
        sent += chunk.length;
        if (!res.write(chunk)) {
          res.once('drain', pump);
          return;
        }
      }
      if (!res.destroyed) res.end();
    };
    pump();
  };

/** Sends headers and one byte per `everyMs`, for ever. */
export const drip =
  (everyMs: number): Handler =>
  (_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html' });
    const timer = setInterval(() => res.write('.'), everyMs);
    res.on('close', () => clearInterval(timer));
  };

/** Never answers (a stalled server). */
export const stall: Handler = (_req, res) => {
  const timer = setTimeout(() => res.end(), 60_000);
  res.on('close', () => clearTimeout(timer));
};

export const redirect =
  (location: string, status = 302): Handler =>
  (_req, res) => {
    res.writeHead(status, { location }).end();
  };

/** Compressed `expandedBytes` of zeros, built without ever holding them. A bomb: tiny on the wire. */
export async function zeroBomb(kind: 'gzip' | 'br', expandedBytes: number): Promise<Buffer> {
  const compressor =
    kind === 'gzip'
      ? zlib.createGzip({ level: 9 })
      : zlib.createBrotliCompress({ params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 4 } });
  const out: Buffer[] = [];
  compressor.on('data', (c: Buffer) => out.push(c));
  const done = new Promise<void>((resolve, reject) => compressor.on('end', resolve).on('error', reject));
  const zeros = Buffer.alloc(1024 * 1024);
  for (let written = 0; written < expandedBytes; written += zeros.length) {
    if (!compressor.write(zeros)) await new Promise((r) => compressor.once('drain', r));
  }
  compressor.end();
  await done;
  return Buffer.concat(out);
}

/** A CONNECT-only forward proxy on 127.0.0.1 that records the authorities it tunnelled to. */
export async function startConnectProxy(): Promise<{
  url: string;
  tunnels: string[];
  close(): Promise<void>;
}> {
  const tunnels: string[] = [];
  const server = createServer((_req, res) => res.writeHead(405).end());
  server.on('connect', (req: IncomingMessage, client: import('node:stream').Duplex, head: Buffer) => {
    const authority = req.url ?? '';
    tunnels.push(authority);
    const [hostname, port] = [
      authority.slice(0, authority.lastIndexOf(':')),
      authority.slice(authority.lastIndexOf(':') + 1),
    ];
    const upstream = connect(Number(port), hostname, () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    upstream.on('error', () => client.destroy());
    client.on('error', () => upstream.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    tunnels,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
