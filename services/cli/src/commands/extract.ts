import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { decodeHtml } from '@abep/fetcher';
import { loadGazetteer, placesOf } from '@abep/gazetteer';
import { pipelineFor, pipelineNames, pipelineTaking } from '@abep/pipelines';
import { AbepError, type ObservationV1 } from '@abep/schemas';
import { iterateWarc } from '@abep/warc';
import type { Settings } from '../settings.ts';

export interface ExtractOptions {
  pipeline?: string;
  /** Only this URL of a WARC with many pages. */
  url?: string;
}

export interface ExtractedPage {
  url: string;
  pipeline: string;
  observations: ObservationV1[];
}

interface RawPage {
  url: string;
  html: string;
  fetchedAt: string;
}

const MAX_BYTES = 10 * 1024 * 1024;

/** A saved page has no HTTP header: valid UTF-8 is read as UTF-8, anything else is sniffed as the web does. */
function fileText(body: Buffer): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(body);
  } catch {
    return decodeHtml(body, undefined).text;
  }
}

async function pagesOf(target: string, options: ExtractOptions): Promise<RawPage[]> {
  if (/^https?:\/\//i.test(target)) {
    const res = await fetch(target, { redirect: 'follow', signal: AbortSignal.timeout(30_000) }).catch(
      (err: unknown) => {
        throw new AbepError('FETCH_NETWORK', `extract ${target}: ${(err as Error).message}`, { cause: err });
      },
    );
    const body = Buffer.from(await res.arrayBuffer());
    if (body.length > MAX_BYTES)
      throw new AbepError('BODY_TOO_LARGE', `extract ${target}: over ${MAX_BYTES} bytes`);
    const html = decodeHtml(body, res.headers.get('content-type') ?? undefined).text;
    return [{ url: res.url || target, html, fetchedAt: new Date().toISOString() }];
  }
  if (/\.warc(\.gz)?$/i.test(target)) {
    const out: RawPage[] = [];
    for await (const entry of iterateWarc(createReadStream(target))) {
      if (options.url && entry.targetUri !== options.url) continue;
      if (!/html/.test(entry.contentType)) continue;
      out.push({
        url: entry.targetUri,
        html: decodeHtml(entry.body, entry.headers['content-type']).text,
        fetchedAt: entry.date,
      });
    }
    return out;
  }
  const body = await readFile(target).catch((err: NodeJS.ErrnoException) => {
    throw new AbepError(
      'CONFIG_INVALID',
      `extract ${target}: ${err.code === 'ENOENT' ? 'no such file' : err.message}`,
    );
  });
  return [
    {
      url: options.url ?? `file://${target}`,
      html: fileText(body),
      fetchedAt: new Date().toISOString(),
    },
  ];
}

/** `abep extract`: what one page (or each HTML page of a WARC) yields, as `scrapy parse` shows one page. */
export async function extract(
  target: string,
  options: ExtractOptions,
  settings: Settings,
): Promise<ExtractedPage[]> {
  if (options.pipeline && !pipelineFor(options.pipeline))
    throw new AbepError(
      'CONFIG_INVALID',
      `--pipeline ${options.pipeline}: unknown; choose one of ${pipelineNames.join(', ')}`,
    );
  const places = placesOf(loadGazetteer(settings.run.referenceDataDir));
  const pages = await pagesOf(target, options);
  if (pages.length === 0) throw new AbepError('CONFIG_INVALID', `extract ${target}: no HTML page found`);
  return pages.map((p) => {
    // A page given alone has no LA of its own, like a site reached by a link.
    const name = options.pipeline ?? pipelineTaking('partnership-links').name;
    const pipeline = pipelineFor(name);
    if (!pipeline) throw new AbepError('CONFIG_INVALID', `no pipeline ${name}`);
    const observations = pipeline.extract(
      {
        url: p.url,
        finalUrl: p.url,
        html: p.html,
        fetchedAt: p.fetchedAt,
        sha256: createHash('sha256').update(p.html).digest('hex'),
        crawlId: 'extract',
        pipeline: name,
      },
      places,
    );
    return { url: p.url, pipeline: name, observations };
  });
}

const fieldLines = (fields: Record<string, unknown>): string[] =>
  Object.entries(fields).flatMap(([name, v]) => {
    const e = v as { value?: unknown; excerpt?: string } | undefined;
    if (!e || e.value === undefined) return [];
    const value = Array.isArray(e.value) ? e.value.join(', ') : String(e.value);
    return [`      ${name}: ${value}${e.excerpt ? `  ← “${e.excerpt}”` : ''}`];
  });

export function extractText(pages: readonly ExtractedPage[]): string {
  return pages
    .map((page) => {
      const examined = page.observations.find((o) => o.kind === 'page-examined');
      const lines = [
        `${page.url}  (pipeline ${page.pipeline})`,
        `  page kind: ${examined?.kind === 'page-examined' ? (examined.pageKind ?? 'unknown') : 'unknown'}${examined?.kind === 'page-examined' && examined.title ? `, title “${examined.title}”` : ''}`,
      ];
      for (const o of page.observations) {
        if (o.kind === 'partnership') {
          lines.push(
            `  mention “${o.fields.name?.value ?? '?'}”: ${o.decision}${o.lookalikeType ? ` (${o.lookalikeType})` : ''}${o.confidence !== undefined ? `, confidence ${o.confidence}` : ''}`,
            `    why: ${o.reason}`,
            ...(o.relationship ? [`    relationship: ${o.relationship}`] : []),
            ...fieldLines(o.fields as Record<string, unknown>),
          );
        } else if (o.kind === 'la-role') {
          lines.push(
            `  LA ${o.laCode} roles: ${o.roles.map((r) => `${r.value} ← “${r.excerpt}”`).join('; ') || 'none'}`,
          );
        }
      }
      if (examined?.kind === 'page-examined' && examined.partnershipLinks?.length)
        lines.push(`  partnership links: ${examined.partnershipLinks.join(', ')}`);
      return lines.join('\n');
    })
    .join('\n\n');
}
