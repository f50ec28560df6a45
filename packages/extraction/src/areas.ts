import type { Evidenced } from './fields.ts';
import { excerptAround } from './text.ts';

const PLACE = String.raw`[A-Z][\w'’-]*(?:(?:[ ]+(?:and|upon|on|in|under|with|of)[ ]+|-(?:on|upon|under|in)-|[ ]+)[A-Z][\w'’-]*){0,4}`;

const NOT_PLACES = new Set(
  [
    'England',
    'UK',
    'United Kingdom',
    'Britain',
    'Great Britain',
    'The',
    'Our',
    'We',
    'This',
    'It',
    'Ofsted',
    'DfE',
    'Department',
    'Local',
    'Council',
    'County',
    'City',
    'Borough',
    'Schools',
    'School',
    'Education',
    'Partnership',
    'Academies',
    'Government',
    'Cabinet',
    'Children',
    'Executive',
    'Secretary',
    'State',
    'London',
    'North',
    'South',
    'East',
    'West',
    'Midlands',
    'Yorkshire',
    'Trust',
  ].map((s) => s.toLowerCase()),
);
const TRAILING_GENERIC =
  /\s+(?:Schools?|Education|Learning|Partnership|Alliance|Primary|Secondary|Headteachers?|Area|Region|Borough|City|County|Council|District|Metropolitan|Academies|Trust|Teaching|Research)$/;

function cleanPlace(raw: string): string | undefined {
  let place = raw.trim().replace(/['’]s$/, '');
  place = place.replace(/^(?:the|The)\s+/, '');
  for (let i = 0; i < 4 && TRAILING_GENERIC.test(place); i++) place = place.replace(TRAILING_GENERIC, '');
  place = place.replace(/\s+(?:and|upon|on|in|under|with|of)$/i, '');
  if (place.length < 3 || NOT_PLACES.has(place.toLowerCase())) return undefined;
  return place;
}

const AREA_PATTERNS: RegExp[] = [
  new RegExp(
    String.raw`\b(?:London Borough|Royal Borough|Metropolitan Borough|City and County|Borough|County|City) of (${PLACE})`,
    'g',
  ),
  new RegExp(
    String.raw`\b(${PLACE})\s+(?:City|County|Borough|Metropolitan Borough|District)?\s*Council\b`,
    'g',
  ),
  new RegExp(
    String.raw`\b(?:schools|academies|settings|headteachers|children|pupils|families|young people|communities|partners)\s+(?:in|across|throughout|of)\s+(?:the\s+(?:whole\s+of\s+|city\s+of\s+|borough\s+of\s+|county\s+of\s+)?)?(${PLACE})`,
    'g',
  ),
  new RegExp(
    String.raw`\b(?:serving|serves|covering|covers|based in)\s+(?:the\s+)?(?:whole\s+of\s+)?(${PLACE})`,
    'g',
  ),
];

/** Places (usually LA names) the text says a partnership serves, as stated; the normaliser resolves them. */
export function extractAreas(text: string): Evidenced<string>[] {
  const out = new Map<string, Evidenced<string>>();
  for (const re of AREA_PATTERNS) {
    re.lastIndex = 0;
    for (let m = re.exec(text); m !== null; m = re.exec(text)) {
      const raw = m[1] ?? '';
      for (const part of raw.split(/\s+and\s+(?=[A-Z])/)) {
        const place = cleanPlace(part);
        if (!place || out.has(place.toLowerCase())) continue;
        out.set(place.toLowerCase(), { value: place, excerpt: excerptAround(text, m[0]) });
      }
    }
  }
  return [...out.values()];
}

/** The place word(s) in a partnership's name: "Learn Riverton" → Riverton, "Camden Learning" → Camden. */
export function placeFromName(name: string): string | undefined {
  const stripped = name
    .replace(/^(?:The|Learn)\s+/, '')
    .replace(
      /\b(?:Education(?:al)?|Schools?|Learning|Improvement|School Improvement|Headteachers['’]?|Partnerships?|Alliance|Collaborative|Consortium|Network|Collective|Compact|Board|Primary|Secondary|Family of|Community|Local|Trust|Hub|Together)\b/g,
      ' ',
    )
    .replace(/\s+/g, ' ')
    .trim();
  return cleanPlace(stripped);
}
