import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { labelNameVariants, normaliseName } from './names.ts';

/**
 * Extraction must generalise: no labelled body's name (a variant of two or more words, or an acronym of four or
 * more letters) nor its website domain may appear in extraction or pipeline source code. Reads the labels at test
 * time (ABEP_REAL_PAGES_DIR, default ../shared/real-pages beside the repository); LA names come from the
 * reference data and are allowed.
 */
const root = resolve(import.meta.dirname, '..', '..', '..');
const labelsDir = process.env.ABEP_REAL_PAGES_DIR
  ? resolve(process.env.ABEP_REAL_PAGES_DIR)
  : resolve(root, '..', 'shared', 'real-pages');

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (name === 'node_modules' || name === 'fixtures') continue;
    if (statSync(path).isDirectory()) out.push(...sourceFiles(path));
    else if (/\.(?:ts|js|json|ya?ml|csv|txt)$/.test(name) && !/\.test\.|test-helper|test-support/.test(path))
      out.push(path);
  }
  return out;
}

const roots = [
  join(root, 'packages', 'extraction', 'src'),
  ...readdirSync(join(root, 'pipelines')).map((p) => join(root, 'pipelines', p, 'src')),
];
const laNames = new Set(
  (
    parse(readFileSync(join(root, '..', 'shared', 'data', 'local-authorities.csv')), {
      columns: true,
    }) as Record<string, string>[]
  ).flatMap((r) => [r.la_name, r.nice_name, r.official_name].map((n) => normaliseName(n ?? ''))),
);

/**
 * Words any partnership (or look-alike) name may use: a variant made only of these ("Partnership Board",
 * "academy trust", "teaching school alliance") describes a kind of body, it does not name one.
 */
const GENERIC = new Set(
  `a an and of for in on the to with at by partnership partnerships board boards trust trusts academy academies
  school schools teaching alliance alliances education educational learning learners improvement primary secondary
  special network networks group groups forum collaborative collaboration consortium consortia council councils
  challenge hub hubs federation company programme multi local authority authorities heads headteachers head leaders
  leadership strategic system area areas district city county borough partners excellence standards cluster
  clusters commission services service infant junior first middle upper nursery children childrens
  independent state national regional proposed association`.split(/\s+/),
);
const distinctive = (key: string) => key.split(' ').some((w) => !GENERIC.has(w) && !laNames.has(w));

/** An acronym: one token of ≥ 4 letters, mostly capitals (BDSIP, SAfE), matched case-sensitively as a word. */
const isAcronym = (v: string) => {
  const letters = v.replace(/[^A-Za-z]/g, '');
  return (
    !/\s/.test(v.trim()) && letters.length >= 4 && letters.replace(/[^A-Z]/g, '').length * 2 > letters.length
  );
};

describe('no labelled partnership name or host in extraction code', () => {
  it('finds none in packages/extraction/src or pipelines/*/src', () => {
    const labels = parse(readFileSync(join(labelsDir, 'partnerships.csv')), { columns: true }) as Record<
      string,
      string
    >[];
    const phrases = new Map<string, string>();
    const acronyms = new Map<string, string>();
    const domains = new Map<string, string>();
    for (const label of labels) {
      for (const variant of labelNameVariants(label.name ?? '')) {
        const key = normaliseName(variant);
        if (laNames.has(key)) continue;
        if (isAcronym(variant)) acronyms.set(variant.trim(), label.id ?? '');
        else if (key.split(' ').length >= 2 && distinctive(key)) phrases.set(key, label.id ?? '');
      }
      if (label.website_domain) domains.set(label.website_domain.toLowerCase(), label.id ?? '');
    }
    expect(phrases.size).toBeGreaterThan(50);
    const found: string[] = [];
    for (const file of roots.flatMap(sourceFiles)) {
      const text = readFileSync(file, 'utf8');
      const flat = ` ${normaliseName(text)} `;
      const lower = text.toLowerCase();
      const where = relative(root, file);
      for (const [phrase, id] of phrases)
        if (flat.includes(` ${phrase} `)) found.push(`${where}: "${phrase}" (${id})`);
      for (const [acronym, id] of acronyms)
        if (new RegExp(`(?<![A-Za-z0-9])${acronym}(?![A-Za-z0-9])`).test(text))
          found.push(`${where}: ${acronym} (${id})`);
      for (const [domain, id] of domains)
        if (lower.includes(domain)) found.push(`${where}: ${domain} (${id})`);
    }
    expect(found).toEqual([]);
  });
});
