import { createHash, randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { link, mkdir, open, readdir, readFile, rename, rm, stat, unlink, writeFile } from 'node:fs/promises';
import { dirname, join, relative, sep } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import { AbepError } from '@abep/schemas';
import { assertValidKey, assertValidPrefix } from './keys.ts';
import type { Body, GetOptions, ObjectInfo, ObjectStore, PutOptions, StoredObject } from './object-store.ts';

interface Meta {
  /** The key itself, so a listing can name keys whose segments are stored hashed. */
  key?: string;
  blob: string;
  size: number;
  etag: string;
  lastModified: string;
  contentType?: string;
  cacheControl?: string;
  metadata?: Record<string, string>;
}

const META_SUFFIX = '.obj.json';
/** Longest segment stored as itself, in bytes (file names stop at 255). */
const MAX_PLAIN_SEGMENT_BYTES = 200;

/**
 * A key segment as a file or directory name: itself, unless it is too long for a file name, could be
 * mistaken for metadata (`x.obj.json` beside key `x`) or starts with '#'; those become '#' + sha256, so two
 * keys never share a path.
 */
function segmentName(segment: string): string {
  const plain =
    Buffer.byteLength(segment) <= MAX_PLAIN_SEGMENT_BYTES &&
    !segment.startsWith('#') &&
    !segment.endsWith(META_SUFFIX);
  return plain ? segment : `#${createHash('sha256').update(segment).digest('hex')}`;
}

/**
 * mkdir -p one level at a time. Node's `mkdir({ recursive: true })` spins for ever under /proc (each level
 * answers ENOENT), which would hang a run given such a store directory; this fails with the first refusal.
 */
async function ensureDir(path: string): Promise<void> {
  try {
    await mkdir(path);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') return;
    const parent = dirname(path);
    if (code !== 'ENOENT' || parent === path) throw err;
    await ensureDir(parent);
    try {
      await mkdir(path);
    } catch (again) {
      if ((again as NodeJS.ErrnoException).code !== 'EEXIST') throw again;
    }
  }
}
const LOCK_STALE_MS = 30_000;

/**
 * The directory twin of S3. Bodies are immutable blobs; a key is a small metadata file naming its blob,
 * so replacing that file (rename, or link for create-only) is the single atomic commit of a write, safe
 * across processes sharing the directory. Compare-and-swap holds a per-key lock file while it checks.
 */
export class DirectoryStore implements ObjectStore {
  readonly root: string;

  constructor(root: string) {
    this.root = root;
  }

  private metaPath(key: string): string {
    return join(this.root, 'keys', ...key.split('/').map(segmentName)) + META_SUFFIX;
  }

  private blobPath(blob: string): string {
    return join(this.root, 'blobs', blob.slice(0, 2), blob);
  }

  private async readMeta(key: string): Promise<Meta | undefined> {
    try {
      return JSON.parse(await readFile(this.metaPath(key), 'utf8')) as Meta;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw err;
    }
  }

  private async writeBlob(body: Body): Promise<{ blob: string; size: number; etag: string }> {
    const blob = randomUUID();
    const path = this.blobPath(blob);
    await ensureDir(dirname(path));
    const md5 = createHash('md5');
    let size = 0;
    const source =
      typeof body === 'string' || body instanceof Uint8Array ? Readable.from([Buffer.from(body)]) : body;
    await pipeline(
      source,
      async function* (chunks: AsyncIterable<Uint8Array | string>) {
        for await (const chunk of chunks) {
          const buf = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
          md5.update(buf);
          size += buf.length;
          yield buf;
        }
      },
      createWriteStream(path, { flags: 'wx' }),
    );
    return { blob, size, etag: `"${md5.digest('hex')}"` };
  }

  async put(key: string, body: Body, options: PutOptions = {}): Promise<{ etag: string }> {
    assertValidKey(key);
    const written = await this.writeBlob(body);
    const meta: Meta = {
      key,
      ...written,
      lastModified: new Date().toISOString(),
      ...(options.contentType ? { contentType: options.contentType } : {}),
      ...(options.cacheControl ? { cacheControl: options.cacheControl } : {}),
      ...(options.metadata ? { metadata: options.metadata } : {}),
    };
    const metaPath = this.metaPath(key);
    await ensureDir(dirname(metaPath));
    const tmp = `${metaPath}.${randomUUID()}.tmp`;
    await writeFile(tmp, JSON.stringify(meta));
    try {
      if (options.ifNoneMatch === '*') {
        try {
          await link(tmp, metaPath);
        } catch (err) {
          if ((err as NodeJS.ErrnoException).code === 'EEXIST') throw conflict(key, 'already exists');
          throw err;
        }
        return { etag: meta.etag };
      }
      if (options.ifMatch !== undefined) {
        const expected = options.ifMatch;
        const previous = await this.withLock(key, async (held) => {
          const current = await this.readMeta(key);
          if (!current) throw conflict(key, 'does not exist');
          if (current.etag !== expected) throw conflict(key, `has ETag ${current.etag}, not ${expected}`);
          await held();
          await rename(tmp, metaPath);
          return current;
        });
        await rm(this.blobPath(previous.blob), { force: true });
        return { etag: meta.etag };
      }
      const previous = await this.withLock(key, async (held) => {
        const current = await this.readMeta(key);
        await held();
        await rename(tmp, metaPath);
        return current;
      });
      if (previous) await rm(this.blobPath(previous.blob), { force: true });
      return { etag: meta.etag };
    } catch (err) {
      await rm(this.blobPath(meta.blob), { force: true });
      throw err;
    } finally {
      await rm(tmp, { force: true });
    }
  }

  /**
   * A per-key lock: a file holding its owner's id, created by link() (atomic: one creator wins). A lock older
   * than LOCK_STALE_MS (a crashed writer) is taken over by renaming it to a name only this writer uses, so of
   * several writers that find it stale only one moves it; one that moved a lock taken fresh in the meantime
   * puts it back. `work` gets `held()`, checked just before it commits, so an owner that lost its lock (slow
   * past the stale age) fails with STORE_CONFLICT instead of writing.
   */
  private async withLock<T>(key: string, work: (held: () => Promise<void>) => Promise<T>): Promise<T> {
    const lockPath = join(this.root, 'locks', createHash('sha1').update(key).digest('hex'));
    await ensureDir(dirname(lockPath));
    const owner = randomUUID();
    const mine = `${lockPath}.${owner}.tmp`;
    await writeFile(mine, owner);
    try {
      for (let attempt = 0; ; attempt++) {
        try {
          await link(mine, lockPath);
          break;
        } catch (err) {
          if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
        }
        const age = await stat(lockPath).then(
          (s) => Date.now() - s.mtimeMs,
          () => 0,
        );
        if (age > LOCK_STALE_MS) await this.takeOver(lockPath, owner);
        else await sleep(Math.min(50, 2 + attempt));
      }
    } finally {
      await rm(mine, { force: true });
    }
    const held = async () => {
      const current = await readFile(lockPath, 'utf8').catch(() => undefined);
      if (current !== owner)
        throw new AbepError('STORE_CONFLICT', `lock on ${key} was taken over while held`, {
          retriable: true,
          details: { key },
        });
    };
    try {
      return await work(held);
    } finally {
      if ((await readFile(lockPath, 'utf8').catch(() => undefined)) === owner)
        await rm(lockPath, { force: true });
    }
  }

  private async takeOver(lockPath: string, owner: string): Promise<void> {
    const moved = `${lockPath}.${owner}.stale`;
    try {
      await rename(lockPath, moved);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return;
      throw err;
    }
    const age = await stat(moved).then((s) => Date.now() - s.mtimeMs);
    // Fresh: another writer took the lock between our look and our rename; give it back, untouched.
    if (age <= LOCK_STALE_MS) await link(moved, lockPath).catch(() => undefined);
    await rm(moved, { force: true });
  }

  private info(key: string, meta: Meta): ObjectInfo {
    return {
      key,
      size: meta.size,
      etag: meta.etag,
      lastModified: new Date(meta.lastModified),
      ...(meta.contentType ? { contentType: meta.contentType } : {}),
      ...(meta.cacheControl ? { cacheControl: meta.cacheControl } : {}),
      ...(meta.metadata ? { metadata: meta.metadata } : {}),
    };
  }

  async head(key: string): Promise<ObjectInfo | undefined> {
    assertValidKey(key);
    const meta = await this.readMeta(key);
    return meta && this.info(key, meta);
  }

  async get(key: string, options: GetOptions = {}): Promise<StoredObject | undefined> {
    assertValidKey(key);
    // A concurrent overwrite can remove the blob between reading the metadata and opening it: read again.
    for (let attempt = 0; attempt < 3; attempt++) {
      const meta = await this.readMeta(key);
      if (!meta) return undefined;
      const range = options.range;
      if (range && range.length === 0) return { ...this.info(key, meta), body: Readable.from([]) };
      try {
        const handle = await open(this.blobPath(meta.blob), 'r');
        const body = handle.createReadStream(
          range ? { start: range.offset, end: range.offset + range.length - 1 } : {},
        );
        return { ...this.info(key, meta), body };
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
      }
    }
    throw new AbepError('STORE_UNAVAILABLE', `object ${key} kept changing while being read`, {
      retriable: true,
    });
  }

  async *list(prefix: string): AsyncIterable<ObjectInfo> {
    assertValidPrefix(prefix);
    const base = join(this.root, 'keys');
    const keys: string[] = [];
    const walk = async (dir: string): Promise<void> => {
      let entries: import('node:fs').Dirent[];
      try {
        entries = await readdir(dir, { withFileTypes: true });
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'ENOENT') return;
        throw err;
      }
      for (const entry of entries) {
        const path = join(dir, entry.name);
        if (entry.isDirectory()) await walk(path);
        else if (entry.name.endsWith(META_SUFFIX)) {
          let key = relative(base, path).split(sep).join('/').slice(0, -META_SUFFIX.length);
          if (key.split('/').some((s) => s.startsWith('#'))) {
            const stored = JSON.parse(await readFile(path, 'utf8').catch(() => '{}')) as Meta;
            if (!stored.key) continue;
            key = stored.key;
          }
          if (key.startsWith(prefix)) keys.push(key);
        }
      }
    };
    const fixed = prefix.includes('/') ? prefix.slice(0, prefix.lastIndexOf('/')) : '';
    await walk(fixed ? join(base, ...fixed.split('/').map(segmentName)) : base);
    keys.sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
    for (const key of keys) {
      const meta = await this.readMeta(key);
      if (meta) yield this.info(key, meta);
    }
  }

  async delete(key: string): Promise<void> {
    assertValidKey(key);
    const meta = await this.readMeta(key);
    await unlink(this.metaPath(key)).catch((err: NodeJS.ErrnoException) => {
      if (err.code !== 'ENOENT') throw err;
    });
    if (meta) await rm(this.blobPath(meta.blob), { force: true });
  }
}

function conflict(key: string, why: string): AbepError {
  return new AbepError('STORE_CONFLICT', `conditional write to ${key} lost: it ${why}`, {
    retriable: false,
    details: { key },
  });
}
