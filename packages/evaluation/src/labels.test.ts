import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadLabels, parseLabels } from './labels.ts';
import { LABEL_TEXTS } from './test-support/fixtures.ts';

describe('parseLabels', () => {
  it('reads pages, partnerships (borderline from the notes) and LA roles', () => {
    const labels = parseLabels(LABEL_TEXTS);
    expect(labels.pages[1]).toMatchObject({
      pageKind: 'news',
      partnerships: ['T1', 'T2', 'T4'],
      laRoles: [{ laName: 'Leeds', role: 'convener' }],
    });
    expect(labels.partnerships.find((p) => p.id === 'T3')).toMatchObject({
      borderline: true,
      localAuthorities: ['Leeds', 'York'],
    });
    expect(labels.partnerships[0]).toMatchObject({
      isAbep: true,
      foundedYear: 2015,
      companyNumber: '1234567',
    });
    expect(labels.laRoles).toHaveLength(1);
  });

  it('names the file and the missing column', () => {
    const texts = { ...LABEL_TEXTS, 'pages.csv': LABEL_TEXTS['pages.csv'].replace('page_kind', 'kind') };
    expect(() => parseLabels(texts, 'labels')).toThrow('labels/pages.csv: missing column page_kind');
  });

  it('names the line of a bad value', () => {
    const texts = { ...LABEL_TEXTS, 'pages.csv': LABEL_TEXTS['pages.csv'].replace('own-site', 'homepage') };
    expect(() => parseLabels(texts, 'labels')).toThrow(/labels\/pages.csv line 2: page_kind "homepage"/);
    const roles = {
      ...LABEL_TEXTS,
      'pages.csv': LABEL_TEXTS['pages.csv'].replace('Leeds=convener', 'Leeds'),
    };
    expect(() => parseLabels(roles, 'labels')).toThrow(/line 3: la_roles "Leeds"/);
  });

  it('refuses a page naming a partnership id that is not labelled', () => {
    const texts = { ...LABEL_TEXTS, 'pages.csv': LABEL_TEXTS['pages.csv'].replace('T5', 'T9') };
    expect(() => parseLabels(texts, 'labels')).toThrow(/partnerships T9 not in partnerships.csv/);
  });
});

describe('loadLabels', () => {
  it('names a missing file as CONFIG_INVALID', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'labels-'));
    await writeFile(join(dir, 'pages.csv'), LABEL_TEXTS['pages.csv']);
    await expect(loadLabels(dir)).rejects.toMatchObject({
      code: 'CONFIG_INVALID',
      message: expect.stringContaining(`${join(dir, 'partnerships.csv')}: does not exist`),
    });
  });
});
