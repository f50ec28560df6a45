import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createBus, MemoryTransport } from '@abep/bus';
import { loadGazetteer } from '@abep/gazetteer';
import { silentLogger } from '@abep/logger';
import { createPublisher } from '@abep/publisher';
import { DirectoryStore } from '@abep/store';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { main } from './main.ts';

const storeDir = mkdtempSync(join(tmpdir(), 'abep-cli-behaviour-'));
const env = { ABEP_STORE_DIR: join(storeDir, 'not-this-one'), ABEP_LOG_LEVEL: 'silent' };

/** Runs `abep` in this process, capturing what it prints. */
async function abep(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
    stdout += String(chunk);
    return true;
  });
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => {
    stderr += String(chunk);
    return true;
  });
  try {
    return { code: await main(args, env), stdout, stderr };
  } finally {
    vi.restoreAllMocks();
  }
}
afterEach(() => vi.restoreAllMocks());

beforeAll(async () => {
  const bus = createBus(new MemoryTransport());
  const gazetteer = loadGazetteer();
  await createPublisher({
    bus,
    store: new DirectoryStore(storeDir),
    logger: silentLogger(),
    gazetteer,
    map: false,
  }).publishNow();
}, 60_000);

describe('abep behaves like its peers', () => {
  it('exits 2 for every bad option or argument, on the root and on subcommands', async () => {
    for (const args of [
      ['bogus'],
      ['--bogus'],
      ['snapshots', 'list', '--bogus'],
      ['snapshots', 'prune', '--keep', 'x'],
      ['snapshots', 'diff', 'only-one'],
      ['run', '--deadline-minutes', '0'],
      ['serve', 'web', '--port', '99999'],
      ['status', '--nope'],
    ]) {
      expect((await abep(...args)).code, args.join(' ')).toBe(2);
    }
  });

  it('prints its version', async () => {
    const r = await abep('--version');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^abep \d+\.\d+\.\d+\n$/);
  });

  it('reads the store given by --store-dir on every snapshots command, human text by default, JSON with --json', async () => {
    const list = await abep('snapshots', 'list', '--store-dir', storeDir);
    expect(list.code).toBe(0);
    expect(list.stdout).toMatch(
      /^version\s+published \(UTC\)\s+partnerships\s+LAs\s+outcome\s+trigger\s+changes/,
    );
    expect(list.stdout).toMatch(/\n\d{8}T\d{6}Z-[0-9a-f]{12} .* 0 +153 +- +manual +\+0 -0 ~0 +latest\n$/);
    const json = await abep('snapshots', 'list', '--store-dir', storeDir, '--json');
    const [entry] = JSON.parse(json.stdout) as { version: string; trigger: string; latest: boolean }[];
    expect(entry).toMatchObject({ trigger: 'manual', latest: true });
    const show = await abep('snapshots', 'show', 'latest', '--store-dir', storeDir);
    expect(show.stdout).toMatch(/^version \S+, published .* \(first\)\nrows: 0 partnerships/);
    expect(
      JSON.parse((await abep('snapshots', 'show', 'latest', '--store-dir', storeDir, '--json')).stdout)
        .version,
    ).toBe(entry?.version);
    const diff = await abep('snapshots', 'diff', entry?.version ?? '', 'latest', '--store-dir', storeDir);
    expect(diff.stdout).toMatch(
      /: 0 added, 0 removed, 0 changed, 0 unchanged partnerships; 0 LA profiles changed\n$/,
    );
    expect(
      JSON.parse(
        (await abep('snapshots', 'diff', entry?.version ?? '', 'latest', '--store-dir', storeDir, '--json'))
          .stdout,
      ),
    ).toHaveProperty('summary');
    const prune = await abep('snapshots', 'prune', '--keep', '1', '--dry-run', '--store-dir', storeDir);
    expect(prune.stdout).toBe('would remove 0 versions, kept 1\n');
    expect((await abep('snapshots', 'list')).stdout).toBe('no versions published yet\n');
  }, 60_000);
});

describe('the run summary', () => {
  it('says how to open the snapshot the run wrote: the directory store by --store-dir, the bucket by URL', async () => {
    const { readWith } = await import('./commands/run.ts');
    const { readSettings } = await import('./settings.ts');
    const v = '20261201T000000Z-000000000000';
    const local = readWith(readSettings({ ABEP_STORE_DIR: '/data/store' }), '/data/fixture-store', v);
    expect(local).toEqual({
      serve: 'abep serve web --store-dir /data/fixture-store',
      download: 'abep snapshots download latest <dir> --store-dir /data/fixture-store',
    });
    const s3 = readWith(
      readSettings({ ABEP_S3_ENDPOINT: 'http://127.0.0.1:19000', ABEP_S3_BUCKET: 'abep-register' }),
      undefined,
      v,
    );
    expect(s3.map).toBe(
      `http://127.0.0.1:19000/abep-register/register/versions/${v}/map/index.html (after infra/s3.sh public-read)`,
    );
  });
});

describe('abep extract', () => {
  const page = join(storeDir, 'page.html');
  beforeAll(async () => {
    const { writeFile } = await import('node:fs/promises');
    await writeFile(
      page,
      [
        '<html><head><title>Learn Camden | A partnership of Camden schools</title></head><body>',
        '<h1>Learn Camden</h1><main><p>Welcome to Learn Camden. We are a school-led education partnership of primary',
        'and secondary schools in Camden, working with the council on school improvement.</p>',
        '<p>Learn Camden was founded in 2017 and has 42 member schools.</p></main>',
        '<footer>© Learn Camden. Registered in England and Wales, company number 01234567.</footer></body></html>',
      ].join('\n'),
    );
  });

  it('shows what one saved page yields: page kind, each mention with its decision and why, fields with excerpts', async () => {
    const r = await abep('extract', page, '--url', 'https://www.learncamden.example/');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(
      /^https:\/\/www\.learncamden\.example\/ {2}\(pipeline partnership-sites\)\n {2}page kind: own-site/,
    );
    expect(r.stdout).toMatch(/mention “Learn Camden”: abep, confidence [\d.]+\n {4}why: .*school-led/);
    expect(r.stdout).toMatch(/companyNumber: 01234567 {2}← “.*© Learn Camden\. Registered/);
    const json = JSON.parse((await abep('extract', page, '--json')).stdout) as {
      observations: { kind: string }[];
    }[];
    expect(json[0]?.observations.map((o) => o.kind)).toEqual(
      expect.arrayContaining(['partnership', 'page-examined']),
    );
  });

  it('names a missing file or an unknown pipeline, exit 2', async () => {
    expect((await abep('extract', join(storeDir, 'nope.html'))).code).toBe(2);
    expect((await abep('extract', page, '--pipeline', 'nope')).code).toBe(2);
  });
});
