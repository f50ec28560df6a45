import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeCorpusWarc } from '@abep/evaluation';
import { describe, expect, it } from 'vitest';

const bin = join(import.meta.dirname, 'bin.ts');
const store = mkdtempSync(join(tmpdir(), 'abep-explain-store-'));

function abep(args: string[]) {
  const r = spawnSync(process.execPath, [bin, ...args], {
    encoding: 'utf8',
    env: { PATH: process.env.PATH ?? '', ABEP_STORE_DIR: store, ABEP_LOG_LEVEL: 'warn' },
    timeout: 120_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('abep explain', { timeout: 60_000 }, () => {
  it('says a record is in the register with its sources, a look-alike was rejected, an unknown name is not there', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'abep-explain-'));
    mkdirSync(join(dir, 'pages'));
    writeFileSync(
      join(dir, 'pages', '1.txt'),
      'URL: https://www.brookvale-partnership.org.uk/about-us\n\nAbout us\n\nThe Brookvale Schools Partnership is a partnership of 24 primary and secondary schools in Leeds, working with Leeds City Council to improve outcomes.\n\n© Brookvale Schools Partnership 2024\n',
    );
    writeFileSync(
      join(dir, 'pages', '2.txt'),
      'URL: https://www.hollin-academy-trust.org.uk/\n\nHollin Academy Trust\n\nHollin Academy Trust is a multi-academy trust of four academies in Leeds.\n',
    );
    const warc = await writeCorpusWarc(join(dir, 'pages'), join(dir, 'pages.warc.gz'));
    expect(abep(['replay', warc.path]).code).toBe(0);

    const found = abep(['explain', 'brookvale schools partnership', '--json']);
    expect(found.code).toBe(0);
    const explained = JSON.parse(found.stdout);
    expect(explained.matches).toHaveLength(1);
    // Published or a candidate depending on the confidence one page earns; either way the reason must agree.
    const [match] = explained.matches;
    expect(match.name).toBe('Brookvale Schools Partnership');
    expect(match.status).toBe(
      match.confidence !== null && match.confidence < explained.threshold ? 'candidate' : 'published',
    );
    expect(explained.matches[0].evidence[0]).toMatchObject({
      field: 'name',
      sourceUrl: 'https://www.brookvale-partnership.org.uk/about-us',
    });
    const byId = abep(['explain', explained.matches[0].id]);
    expect(byId.stdout).toMatch(
      new RegExp(`^${match.status} +${match.id} "Brookvale Schools Partnership"`, 'm'),
    );

    const rejected = JSON.parse(abep(['explain', 'Hollin Academy Trust', '--json']).stdout);
    expect(rejected.matches.map((m: { status: string }) => m.status)).toEqual(['rejected']);

    const none = abep(['explain', 'Nowhere Learning Collective']);
    expect(none.code).toBe(1);
    expect(none.stdout).toMatch(/not in the register, not a candidate, not a rejected look-alike/);
  });
});
