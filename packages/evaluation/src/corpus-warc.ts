import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AbepError } from '@abep/schemas';
import { DirectoryStore, readBytes } from '@abep/store';
import { WarcWriter } from '@abep/warc';
import { wrapPage } from './wrap-page.ts';

/** The capture time the corpus README gives every page. */
export const CORPUS_WARC_DATE = '2026-11-01T00:00:00Z';

export interface CorpusWarc {
  path: string;
  pages: number;
}

/**
 * Wraps every `<pagesDir>/*.txt` (in file-name order) as an HTML response record, as the corpus README's
 * "WARC" section describes, and writes them to one gzip-per-record WARC file at `outPath`, using the crawler's
 * own WARC writer (so each response has a request record beside it, as a crawl's capture does).
 */
export async function writeCorpusWarc(pagesDir: string, outPath: string): Promise<CorpusWarc> {
  const names = await readdir(pagesDir).catch((cause: NodeJS.ErrnoException) => {
    throw new AbepError(
      'CONFIG_INVALID',
      `${pagesDir}: ${cause.code === 'ENOENT' ? 'does not exist (give WARC files, or a labels directory with pages/*.txt)' : cause.message}`,
      { cause },
    );
  });
  const files = names.filter((n) => n.endsWith('.txt')).sort();
  if (files.length === 0) throw new AbepError('CONFIG_INVALID', `${pagesDir}: no *.txt pages to wrap`);
  const scratch = await mkdtemp(join(tmpdir(), 'abep-corpus-warc-'));
  try {
    const store = new DirectoryStore(scratch);
    const writer = new WarcWriter({
      store,
      crawlId: 'corpus',
      writerId: 'corpus',
      maxFileBytes: Number.MAX_SAFE_INTEGER,
      maxPendingRecords: Number.MAX_SAFE_INTEGER,
      maxPendingMs: 2 ** 31 - 1,
      software: 'abep-register eval (corpus pages wrapped as HTML)',
    });
    let key: string | undefined;
    for (const file of files) {
      const page = wrapPage(await readFile(join(pagesDir, file), 'utf8'), join(pagesDir, file));
      const result = await writer.append({
        url: page.url,
        status: 200,
        statusText: 'OK',
        headers: { 'content-type': 'text/html; charset=utf-8' },
        body: Buffer.from(page.html, 'utf8'),
        date: CORPUS_WARC_DATE,
      });
      key = result.key;
    }
    await writer.close();
    const bytes = key ? await readBytes(store, key) : undefined;
    if (!bytes) throw new AbepError('INTERNAL', 'the corpus WARC was not written');
    await writeFile(outPath, bytes);
    return { path: outPath, pages: files.length };
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}
