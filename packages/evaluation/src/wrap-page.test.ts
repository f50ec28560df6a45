import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { writeCorpusWarc } from './corpus-warc.ts';
import { scanWarc, undecodableReason } from './scan-warc.ts';
import { wrapPage } from './wrap-page.ts';

const PAGE = [
  'URL: https://brookdale.example/about',
  '',
  'About Brook & Dale',
  '',
  'Brook and Dale is a group of <twelve> schools.',
  'It was set up by heads.',
  '',
  '- reading',
  '• maths',
  '1. science',
  '',
  'A very long single line that has no final punctuation but is much too long to be a heading on a page',
  '',
  'Contact us:',
].join('\n');

describe('wrapPage', () => {
  const page = wrapPage(PAGE);

  it('takes the URL line and the first non-empty line as the title', () => {
    expect(page.url).toBe('https://brookdale.example/about');
    expect(page.title).toBe('About Brook & Dale');
    expect(page.html).toContain('<title>About Brook &amp; Dale</title>');
  });

  it('makes headings, paragraphs with <br>, lists, and escapes text', () => {
    expect(page.html).toContain('<h2>About Brook &amp; Dale</h2>');
    expect(page.html).toContain(
      '<p>Brook and Dale is a group of &lt;twelve&gt; schools.<br>It was set up by heads.</p>',
    );
    expect(page.html).toContain('<ul><li>reading</li><li>maths</li><li>science</li></ul>');
    expect(page.html).toMatch(/<p>A very long single line[^<]*<\/p>/);
    expect(page.html).toContain('<p>Contact us:</p>');
  });

  it('refuses a file without the URL line', () => {
    expect(() => wrapPage('Just text', 'p9.txt')).toThrow(/p9.txt: first line is not "URL: <address>"/);
  });
});

describe('writeCorpusWarc and scanWarc', () => {
  it('writes one response per page that the scan reads back, and names undecodable pages', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'corpus-'));
    await mkdir(join(dir, 'pages'));
    await writeFile(join(dir, 'pages', '001.txt'), PAGE);
    await writeFile(join(dir, 'pages', '002.txt'), 'URL: https://other.example/x\n\nA second page.');
    const warc = await writeCorpusWarc(join(dir, 'pages'), join(dir, 'c.warc.gz'));
    expect(warc.pages).toBe(2);
    const scan = await scanWarc(warc.path);
    expect(scan.urls).toEqual(['https://brookdale.example/about', 'https://other.example/x']);
    expect(scan.undecodable).toEqual([]);
  });

  it('refuses a file that is not a gzip-per-record WARC', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'corpus-'));
    await writeFile(join(dir, 'plain.warc'), 'WARC/1.1\r\n');
    await expect(scanWarc(join(dir, 'plain.warc'))).rejects.toThrow(/plain.warc: not a gzip-per-record WARC/);
    await writeFile(join(dir, 'junk.warc.gz'), gzipSync('not a warc at all'));
    await expect(scanWarc(join(dir, 'junk.warc.gz'))).rejects.toMatchObject({ code: 'CONFIG_INVALID' });
    await expect(scanWarc(join(dir, 'missing.warc.gz'))).rejects.toThrow(/missing.warc.gz: does not exist/);
  });
});

describe('undecodableReason', () => {
  it('names a body that is not HTML or not the UTF-8 it claims to be', () => {
    const html = { 'content-type': 'text/html; charset=utf-8' };
    expect(undecodableReason('text/html', html, Buffer.from('<p>fine</p>'))).toBeUndefined();
    expect(undecodableReason('text/html', html, Buffer.from([0x3c, 0x70, 0xff, 0xfe]))).toMatch(
      /not valid UTF-8/,
    );
    expect(undecodableReason('application/pdf', {}, Buffer.from('%PDF'))).toMatch(
      /application\/pdf is not HTML/,
    );
  });
});
