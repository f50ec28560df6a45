import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const bin = join(import.meta.dirname, 'bin.ts');

function abep(args: string[], cwd: string) {
  const r = spawnSync(process.execPath, [bin, ...args], {
    cwd,
    encoding: 'utf8',
    env: { PATH: process.env.PATH ?? '', ABEP_STORE_DIR: join(cwd, 'unused-store') },
    timeout: 120_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Three invented pages, in our own words: a partnership's own site, a council page, a look-alike trust. */
function corpus(): string {
  const dir = mkdtempSync(join(tmpdir(), 'abep-eval-corpus-'));
  mkdirSync(join(dir, 'pages'));
  const page = (file: string, url: string, text: string) =>
    writeFileSync(join(dir, 'pages', file), `URL: ${url}\n\n${text}\n`);
  page(
    '001.txt',
    'https://www.brookvale-partnership.org.uk/about-us',
    [
      'About the Brookvale Schools Partnership',
      'Welcome to the Brookvale Schools Partnership.',
      'The Brookvale Schools Partnership is a partnership of 24 primary and secondary schools in Leeds, working together with Leeds City Council to improve outcomes for every child.',
      'Brookvale Schools Partnership Ltd is a company limited by guarantee, registered in England, company number 09876543.',
      '© Brookvale Schools Partnership 2024',
    ].join('\n\n'),
  );
  page(
    '002.txt',
    'https://www.leeds.gov.uk/education/school-improvement',
    [
      'School improvement',
      'Leeds City Council funds the Brookvale Schools Partnership to deliver school improvement support to schools across the city.',
      'The council convenes a termly board of headteachers.',
    ].join('\n\n'),
  );
  page(
    '003.txt',
    'https://www.hollin-academy-trust.org.uk/',
    [
      'Hollin Academy Trust',
      'Hollin Academy Trust is a multi-academy trust of four academies in Leeds.',
    ].join('\n\n'),
  );
  writeFileSync(
    join(dir, 'pages.csv'),
    [
      'file,url,page_kind,partnerships,la_roles,notes',
      '001.txt,https://www.brookvale-partnership.org.uk/about-us,own-site,E1,,',
      '002.txt,https://www.leeds.gov.uk/education/school-improvement,council,E1,Leeds=funder;Leeds=convener,',
      '003.txt,https://www.hollin-academy-trust.org.uk/,lookalike,E2,,',
    ].join('\n'),
  );
  writeFileSync(
    join(dir, 'partnerships.csv'),
    [
      'id,name,is_abep,website_domain,local_authorities,region,la_involvement,legal_form,company_number,charity_number,founded_year,member_count,focus_areas,source_urls,notes',
      'E1,Brookvale Schools Partnership,true,brookvale-partnership.org.uk,Leeds,,,company limited by guarantee,09876543,,,24 schools,,,',
      'E2,Hollin Academy Trust,false,hollin-academy-trust.org.uk,Leeds,,,multi-academy trust,,,,four academies,,,',
    ].join('\n'),
  );
  writeFileSync(join(dir, 'la-roles.csv'), 'la_name,role,url,excerpt\n');
  return dir;
}

describe('abep eval', { timeout: 60_000 }, () => {
  it('has --help for eval and explain', () => {
    for (const command of ['eval', 'explain']) {
      const r = abep([command, '--help'], tmpdir());
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(new RegExp(`^Usage: abep ${command} `));
    }
  });

  const dir = corpus();
  const run = abep(['eval', '--labels', dir, '--json', '--out', join(dir, 'report.json')], dir);

  it('replays the wrapped pages, scores them and writes the JSON report', () => {
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const report = JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8'));
    expect(JSON.parse(run.stdout)).toEqual(report);
    expect(report.corpus).toMatchObject({ pages: 3, labelledPages: 3, undecodable: [], notExamined: [] });
    const p = report.partnerships;
    expect(p.labelledAbeps).toBe(1);
    expect(p.hits).toBe(1);
    expect(p.recall).toBe(1);
    expect(p.lookalikesPublished).toBe(0);
    expect(p.precision).toBe(1 / (p.published - p.borderlineMatched));
    expect(report.fields.companyNumber).toMatchObject({ right: 1, stated: 1, labelled: 1 });
    expect(report.laRoles.labelled).toBe(2);
    expect(report.pageKinds.labelled).toBe(3);
  });

  it('exits 1 naming each figure below the floor', () => {
    writeFileSync(join(dir, 'floor.json'), JSON.stringify({ recall: 0.5, laRoleRecall: 1.01 }));
    const r = abep(['eval', '--labels', dir, '--floor', join(dir, 'floor.json')], dir);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^precision\s/m);
    expect(r.stderr.trim().split('\n')).toEqual([
      expect.stringMatching(/^abep eval: laRoleRecall \S+ is below its floor 1.01$/),
    ]);
  });

  it('refuses a labels directory with a missing column: one line naming the file, exit 2', () => {
    const bad = corpus();
    writeFileSync(join(bad, 'partnerships.csv'), 'id,name\nE1,Brookvale Schools Partnership\n');
    const r = abep(['eval', '--labels', bad], bad);
    expect(r.code).toBe(2);
    expect(r.stderr.trim()).toMatch(/^abep: CONFIG_INVALID: \S*partnerships\.csv: missing columns is_abep, /);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('refuses a WARC file that is not one, exit 2', () => {
    writeFileSync(join(dir, 'pages.warc.gz'), 'plain text');
    const r = abep(['eval', join(dir, 'pages.warc.gz'), '--labels', dir], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/pages\.warc\.gz: not a gzip-per-record WARC file/);
  });
});
