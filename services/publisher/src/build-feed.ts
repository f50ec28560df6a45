import type { VersionEntry } from './manifest.ts';

const TITLE = 'Register of area-based education partnerships in England: versions';
const FEED_ID = 'urn:abep-register:versions';
/** Newest first, at most this many: a feed reader wants what is new, versions.json keeps everything. */
const MAX_ITEMS = 100;

function summary(v: VersionEntry): string {
  const parts = [`${v.partnerships} partnerships`, `${v.localAuthorities} local authority profiles`];
  if (v.changes)
    parts.push(
      `${v.changes.added} added, ${v.changes.removed} removed, ${v.changes.changed} changed since the previous version`,
    );
  if (v.outcomes?.length) parts.push(`crawl outcome: ${v.outcomes.join(', ')}`);
  if (v.trigger) parts.push(`published on ${v.trigger}`);
  if (v.latestHeld) parts.push('held back: not made latest (see its manifest)');
  return `${parts.join('; ')}.`;
}

const escapeXml = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** Links are relative to the feeds, which sit beside versions.json: they work wherever the tree is hosted. */
const link = (v: VersionEntry, file: string) => `versions/${v.version}/${file}`;

/** JSON Feed 1.1 and Atom (RFC 4287) of the published versions, newest first. Pure. */
export function buildFeeds(versions: readonly VersionEntry[]): { json: Buffer; atom: Buffer } {
  const items = [...versions].sort((a, b) => (a.version < b.version ? 1 : -1)).slice(0, MAX_ITEMS);
  const title = (v: VersionEntry) => `Version ${v.version}: ${v.partnerships} partnerships`;
  const json = {
    version: 'https://jsonfeed.org/version/1.1',
    title: TITLE,
    home_page_url: 'latest/map/',
    feed_url: 'feed.json',
    description: 'Each published version of the register, with its counts and what changed.',
    authors: [{ name: 'abep-register' }],
    items: items.map((v) => ({
      id: `urn:abep-register:version:${v.version}`,
      url: link(v, 'map/index.html'),
      title: title(v),
      content_text: summary(v),
      date_published: v.publishedAt,
      attachments: [
        { url: link(v, 'manifest.json'), mime_type: 'application/json' },
        { url: link(v, 'datapackage.json'), mime_type: 'application/json' },
        { url: link(v, 'changes.json'), mime_type: 'application/json' },
      ],
    })),
  };
  const updated = items[0]?.publishedAt ?? '1970-01-01T00:00:00.000Z';
  const atom = [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<feed xmlns="http://www.w3.org/2005/Atom">',
    `  <id>${FEED_ID}</id>`,
    `  <title>${escapeXml(TITLE)}</title>`,
    `  <updated>${updated}</updated>`,
    '  <author><name>abep-register</name></author>',
    '  <link rel="self" href="feed.atom"/>',
    '  <link rel="alternate" type="text/html" href="latest/map/"/>',
    ...items.flatMap((v) => [
      '  <entry>',
      `    <id>urn:abep-register:version:${escapeXml(v.version)}</id>`,
      `    <title>${escapeXml(title(v))}</title>`,
      `    <updated>${v.publishedAt}</updated>`,
      `    <published>${v.publishedAt}</published>`,
      `    <link rel="alternate" type="text/html" href="${escapeXml(link(v, 'map/index.html'))}"/>`,
      `    <link rel="related" type="application/json" href="${escapeXml(link(v, 'manifest.json'))}"/>`,
      `    <summary>${escapeXml(summary(v))}</summary>`,
      '  </entry>',
    ]),
    '</feed>',
    '',
  ].join('\n');
  return { json: Buffer.from(`${JSON.stringify(json, null, 2)}\n`), atom: Buffer.from(atom) };
}
