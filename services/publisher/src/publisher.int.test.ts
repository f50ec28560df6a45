import { execFile, execFileSync } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { loadSchoolGazetteer } from '@abep/gazetteer';
import type { RegisterRecordV1 } from '@abep/schemas';
import { readJson } from '@abep/store';
import { createS3Store } from '@abep/store-s3';
import { requireService, s3TestConfig, uniqueId } from '@abep/testkit';
import { DuckDBInstance } from '@duckdb/node-api';
import { check } from '@placemarkio/check-geojson';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChangeSet } from './build-changes.ts';
import { downloadVersion, listVersions, promoteVersion, showManifest } from './snapshots.ts';
import { partnership, profile } from './test-support/fixtures.ts';
import { publisherFor, registerBus, steppingClock } from './test-support/harness.ts';

const run = promisify(execFile);
const repoRoot = resolve(import.meta.dirname, '../../..');
const child = resolve(import.meta.dirname, 'test-support/publish-child.ts');
let venv = '';
let work = '';

beforeAll(async () => {
  await requireService('s3');
  venv = execFileSync('bash', [join(repoRoot, 'infra/test-readers.sh')], { encoding: 'utf8' })
    .trim()
    .split('\n')
    .at(-1) as string;
  work = await mkdtemp(join(tmpdir(), 'abep-publisher-int-'));
}, 300_000);
afterAll(async () => {
  if (work) await rm(work, { recursive: true, force: true });
});

function s3(prefix: string) {
  return createS3Store({ ...s3TestConfig(), prefix });
}

const records: RegisterRecordV1[] = [
  ...Array.from({ length: 40 }, (_, i) => partnership(i + 1)),
  profile('202', 'E09000007', 'Camden'),
  profile('352', 'E08000003', 'Manchester', { roles: [], coverage: 'unreachable' }),
];

async function rows(sql: string): Promise<Record<string, unknown>[]> {
  const db = await DuckDBInstance.create(':memory:');
  const conn = await db.connect();
  try {
    return (await conn.runAndReadAll(sql)).getRowObjectsJson() as Record<string, unknown>[];
  } finally {
    conn.closeSync();
  }
}

async function spawnPublisher(prefix: string, recordsFile: string, crashAfter?: string) {
  return run(process.execPath, [child], {
    env: {
      ...process.env,
      ABEP_TEST_PREFIX: prefix,
      ABEP_TEST_RECORDS: recordsFile,
      ...(crashAfter ? { ABEP_TEST_CRASH_AFTER: crashAfter } : {}),
    },
    cwd: resolve(import.meta.dirname, '..'),
  }).then(
    (r) => ({ ok: true as const, result: JSON.parse(r.stdout) as { status: string; version: string } }),
    (e: { signal?: string; stderr?: string }) => ({ ok: false as const, signal: e.signal, stderr: e.stderr }),
  );
}

/** Versions with any object under versions/, complete or not. */
async function folders(store: ReturnType<typeof s3>): Promise<string[]> {
  const found = new Set<string>();
  for await (const o of store.list('register/versions/')) found.add(o.key.split('/')[2] as string);
  return [...found].sort();
}

describe('publisher against the real S3 server', () => {
  it('publishes member schools and LA school counts from the real school lists', {
    timeout: 120_000,
  }, async () => {
    const schools = loadSchoolGazetteer();
    // A real Camden school, picked at run time from ../shared/data (nothing copied into the repository).
    const school = schools.openStateSchools('202')[0];
    if (!school) throw new Error('no Camden school in the school lists');
    const member = partnership(3, {
      localAuthorities: [{ laCode: '202', gssCode: 'E09000007', name: 'Camden' }],
      memberCount: 12,
      memberSchoolUrns: [school.urn],
      memberSchools: [
        {
          name: school.name,
          match: 'exact',
          urn: school.urn,
          giasName: school.name,
          laCode: '202',
          phase: school.phase,
          sourceUrl: 'https://p3.example.org/our-schools',
          excerpt: `Our schools: ${school.name}`,
        },
        { name: 'Unknown Vale School', match: 'unresolved', sourceUrl: 'https://p3.example.org/our-schools' },
      ],
    });
    const store = s3(`${uniqueId('pub-schools')}/`);
    const bus = (await registerBus([member, profile('202', 'E09000007', 'Camden')])).bus;
    const result = await publisherFor(bus, store, { schools: () => schools }).publishNow();
    expect(result.status).toBe('published');
    const dir = join(work, 'schools');
    await downloadVersion({ store }, 'latest', dir);
    const csv = join(dir, 'partnership-schools.csv');
    expect(
      await rows(
        `select partnership_id, urn, match, evidence_url from read_csv('${csv}', all_varchar=true) order by name_on_page`,
      ),
    ).toEqual([
      {
        partnership_id: member.id,
        urn: school.urn,
        match: 'exact',
        evidence_url: 'https://p3.example.org/our-schools',
      },
      {
        partnership_id: member.id,
        urn: null,
        match: 'unresolved',
        evidence_url: 'https://p3.example.org/our-schools',
      },
    ]);
    const total = schools.countsByLa().get('202')?.total ?? 0;
    const la = join(dir, 'local-authorities.csv');
    expect(
      await rows(
        `select open_state_schools::int n, member_schools::int m, member_school_share::double s from read_csv('${la}') where la_code = '202'`,
      ),
    ).toEqual([{ n: total, m: 1, s: Math.round((1 / total) * 10000) / 10000 }]);
    const all = await rows(`select count(*)::int n from read_csv('${la}') where open_state_schools > 0`);
    expect(all).toEqual([{ n: 153 }]);
    const p = join(dir, 'partnerships.csv');
    expect(
      await rows(`select member_count::int c, resolved_member_count::int r from read_csv('${p}')`),
    ).toEqual([{ c: 12, r: 1 }]);
  });

  it('publishes files that DuckDB, check-geojson and frictionless read and validate', async () => {
    const store = s3(`${uniqueId('pub')}/`);
    const result = await publisherFor((await registerBus(records)).bus, store).publishNow();
    expect(result.status).toBe('published');

    const head = await store.head(`register/versions/${result.version}/partnerships.parquet`);
    expect(head?.contentType).toBe('application/vnd.apache.parquet');
    expect(head?.cacheControl).toBe('public, max-age=31536000, immutable');
    expect((await store.head('register/latest.json'))?.cacheControl).toBe('public, max-age=60');

    const dir = join(work, 'readers');
    const downloaded = await downloadVersion({ store }, 'latest', dir);
    const secret = s3TestConfig().secretAccessKey;
    for (const f of downloaded.files)
      expect((await readFile(join(dir, f.path), 'latin1')).includes(secret)).toBe(false);

    const pq = join(dir, 'partnerships.parquet');
    expect(await rows(`select count(*)::int as n from read_parquet('${pq}')`)).toEqual([{ n: 40 }]);
    const typed = await rows(
      `select typeof(founded_year) ft, typeof(la_codes) lt, typeof(first_seen) st, founded_year, la_codes, epoch_ms(first_seen)::bigint::varchar ms
       from read_parquet('${pq}') where id = 'abep-00000007'`,
    );
    expect(typed).toEqual([
      {
        ft: 'INTEGER',
        lt: 'VARCHAR[]',
        st: 'TIMESTAMP WITH TIME ZONE',
        founded_year: 2007,
        la_codes: ['352', '926'],
        ms: String(Date.parse('2026-01-01T00:00:00Z')),
      },
    ]);
    const csv = join(dir, 'partnerships.csv');
    expect(await rows(`select count(*)::int n from read_csv('${csv}', header = true)`)).toEqual([{ n: 40 }]);
    const five = await rows(
      `select description, la_codes, typeof(founded_year) ft from read_csv('${csv}', header = true) where id = 'abep-00000005'`,
    );
    expect(five).toEqual([
      { description: 'Line one\nline two, with a comma', la_codes: '926', ft: 'BIGINT' },
    ]);
    const link = join(dir, 'partnership-local-authorities.csv');
    expect(
      await rows(`select count(*)::int n from read_csv('${link}', header = true, all_varchar = true)`),
    ).toEqual([{ n: 45 }]);
    const las = join(dir, 'local-authorities.csv');
    const laRows = await rows(
      `select count(*)::int n, sum(partnership_count)::int links, count(*) filter (where coverage = 'not-crawled')::int nc from read_csv('${las}', header = true, all_varchar = false)`,
    );
    expect(laRows).toEqual([{ n: 153, links: 45, nc: 151 }]);
    expect(await rows(`select count(*)::int n from read_json('${join(dir, 'partnerships.json')}')`)).toEqual([
      { n: 40 },
    ]);

    const geo = check(await readFile(join(dir, 'local-authorities.geojson'), 'utf8'));
    expect(geo.type).toBe('FeatureCollection');
    expect(geo.type === 'FeatureCollection' && geo.features.length).toBe(153);

    const report = await run(join(venv, 'bin/frictionless'), ['validate', '--json', 'datapackage.json'], {
      cwd: dir,
    }).then(
      (r) => r.stdout,
      (e: { stdout: string }) => e.stdout,
    );
    const parsed = JSON.parse(report) as {
      valid: boolean;
      tasks: { name: string; valid: boolean; errors: unknown[] }[];
    };
    expect(parsed.tasks.filter((t) => !t.valid)).toEqual([]);
    expect(parsed.valid).toBe(true);
    expect(parsed.tasks).toHaveLength(15);
  }, 120_000);

  it('gives a data dictionary whose types DuckDB and pandas read every CSV with, codes keeping their zeros', async () => {
    const store = s3(`${uniqueId('dict')}/`);
    await publisherFor((await registerBus(records)).bus, store).publishNow();
    const dir = join(work, 'dictionary');
    await downloadVersion({ store }, 'latest', dir);
    const markdown = await readFile(join(dir, 'data-dictionary.md'), 'utf8');
    const sql = [...markdown.matchAll(/```sql\n(.*?)```/gs)].map((m) =>
      (m[1] as string).trim().replace(/;$/, ''),
    );
    expect(sql).toHaveLength(5);
    const partnerships = sql.find((q) => q.includes("'partnerships.csv'")) as string;
    const absolute = (q: string) => q.replace(/read_csv\('([^']+)'/, (_, f) => `read_csv('${join(dir, f)}'`);
    for (const q of sql) await rows(`select count(*) from (${absolute(q)})`);
    expect(
      await rows(
        `select company_number, typeof(founded_year) ft, typeof(first_seen) st from (${absolute(partnerships)}) where id = 'abep-00000001'`,
      ),
    ).toEqual([{ company_number: '01234567', ft: 'BIGINT', st: 'TIMESTAMP WITH TIME ZONE' }]);

    const script = [
      'import re, json, pandas as pd',
      `md = open("data-dictionary.md").read()`,
      'out = {}',
      'for block in re.findall(r"```python\\n(.*?)```", md, re.S):',
      '    exec(block)',
      '    out[re.search(r\'read_csv\\("([^"]+)"\', block).group(1)] = {c: str(t) for c, t in df.dtypes.items()} | {"rows": len(df)}',
      'p = pd.read_csv("partnerships.csv", dtype=dict(pd.read_csv("data-dictionary.csv").query("file == \'partnerships.csv\'")[["column", "pandas_dtype"]].values))',
      'out["company_number"] = p.loc[p.id == "abep-00000001", "company_number"].iloc[0]',
      'print(json.dumps(out))',
    ].join('\n');
    const { stdout } = await run(join(venv, 'bin/python'), ['-c', script], { cwd: dir });
    const read = JSON.parse(stdout) as Record<string, Record<string, string | number>> & {
      company_number: string;
    };
    expect(Object.keys(read)).toHaveLength(6);
    expect(read['partnerships.csv']).toMatchObject({
      rows: 40,
      company_number: 'string',
      founded_year: 'Int64',
    });
    expect(String(read['partnerships.csv']?.first_seen)).toMatch(/^datetime64\[.*UTC\]$/);
    expect(read['local-authorities.csv']).toMatchObject({
      rows: 153,
      la_code: 'string',
      is_funder: 'boolean',
    });
    expect(read.company_number).toBe('01234567');
  }, 120_000);

  it('publishes one version for the same input twice, and a new one with correct changes.json when it changes', async () => {
    const store = s3(`${uniqueId('pub')}/`);
    const clock = steppingClock();
    const first = await publisherFor((await registerBus(records)).bus, store, { now: clock }).publishNow();
    const again = await publisherFor((await registerBus([...records].reverse())).bus, store, {
      now: clock,
    }).publishNow();
    expect(again).toMatchObject({ status: 'unchanged', version: first.version });
    expect((await listVersions({ store })).map((v) => v.version)).toEqual([first.version]);

    const changed = records.filter((r) => !(r.kind === 'partnership' && r.id === 'abep-00000002'));
    changed[0] = partnership(1, { status: 'inactive', crawlsUnseen: 3 });
    const second = await publisherFor((await registerBus(changed)).bus, store, { now: clock }).publishNow();
    expect(second.status).toBe('published');
    const changes = (await readJson(store, `register/versions/${second.version}/changes.json`)) as ChangeSet;
    expect(changes.from).toBe(first.version);
    expect(changes.summary).toMatchObject({ added: 0, removed: 1, changed: 1, unchanged: 38 });
    expect(changes.removed.map((r) => r.id)).toEqual(['abep-00000002']);
    expect(changes.changed[0]?.fields).toEqual([
      { field: 'crawlsUnseen', before: 0, after: 3 },
      { field: 'status', before: 'active', after: 'inactive' },
    ]);
    expect((await showManifest({ store }, 'latest')).previousVersion).toBe(first.version);
  }, 60_000);

  it('holds latest when a quarter of the partnerships vanish, and promote moves it once, by compare-and-swap, never backwards', async () => {
    const store = s3(`${uniqueId('pub')}/`);
    const clock = steppingClock();
    const first = await publisherFor((await registerBus(records)).bus, store, { now: clock }).publishNow();
    const shrunk = [...records.slice(0, 30), ...records.slice(40)]; // partnerships 31–40 vanish
    const held = await publisherFor((await registerBus(shrunk)).bus, store, { now: clock }).publishNow();
    expect(held.status).toBe('held');
    expect(held.reason).toContain('10 of 40 partnerships (25.0%)');
    expect((await showManifest({ store }, 'latest')).version).toBe(first.version);
    expect((await showManifest({ store }, held.version)).latestHeld?.removedWithoutEvidence).toBe(10);

    const racing = await Promise.all([
      promoteVersion({ store }, held.version),
      promoteVersion({ store }, held.version),
    ]);
    expect(racing.map((r) => r.status).sort()).toEqual(['promoted', 'unchanged']);
    expect((await readJson(store, 'register/latest.json')) as { version: string }).toMatchObject({
      version: held.version,
      manifestKey: `register/versions/${held.version}/manifest.json`,
    });

    const changed = [...shrunk];
    changed[0] = partnership(1, { status: 'inactive', crawlsUnseen: 3 });
    const third = await publisherFor((await registerBus(changed)).bus, store, { now: clock }).publishNow();
    expect(third.status).toBe('published');
    const err = await promoteVersion({ store }, held.version).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'STORE_CONFLICT' });
    expect((await showManifest({ store }, 'latest')).version).toBe(third.version);
  }, 60_000);

  it('shows exactly one complete version after a publisher is killed between its files and its manifest', async () => {
    const prefix = `${uniqueId('pub')}/`;
    const store = s3(prefix);
    const file = join(work, 'records-crash.json');
    await writeFile(file, JSON.stringify(records));
    const killed = await spawnPublisher(prefix, file, 'files');
    expect(killed).toMatchObject({ ok: false, signal: 'SIGKILL' });
    expect(await store.head('register/latest.json')).toBeUndefined();
    expect(await listVersions({ store })).toEqual([]);
    expect((await folders(store)).length).toBe(1);

    const restarted = await spawnPublisher(prefix, file);
    expect(restarted).toMatchObject({ ok: true, result: { status: 'published' } });
    const versions = await listVersions({ store });
    expect(versions).toHaveLength(1);
    expect(await folders(store)).toEqual([versions[0]?.version]);
    const got = await downloadVersion({ store }, 'latest', join(work, 'after-crash'));
    expect(got.files).toHaveLength(23);
  }, 120_000);

  it('lets two publisher processes race to one version with a consistent latest', async () => {
    const prefix = `${uniqueId('pub')}/`;
    const store = s3(prefix);
    const file = join(work, 'records-race.json');
    await writeFile(file, JSON.stringify(records));
    const [a, b] = await Promise.all([spawnPublisher(prefix, file), spawnPublisher(prefix, file)]);
    expect(a.ok && b.ok).toBe(true);
    const statuses = [a, b].map((r) => (r.ok ? r.result.status : 'failed')).sort();
    expect(statuses).toEqual(['published', 'unchanged']);
    const versions = await listVersions({ store });
    expect(versions).toHaveLength(1);
    expect(versions[0]?.latest).toBe(true);
    expect(await folders(store)).toEqual([versions[0]?.version]);
    expect((await showManifest({ store }, 'latest')).version).toBe(versions[0]?.version);
  }, 120_000);
});
