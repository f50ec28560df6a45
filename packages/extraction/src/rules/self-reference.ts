import type { PhraseRule } from './rule.ts';

export type SelfCue =
  | 'defined'
  | 'welcome'
  | 'named'
  | 'copyright'
  | 'company'
  | 'founded'
  | 'membership'
  | 'acts'
  | 'first-person';

const BODY = `(?:partnership|alliance|company|charity|network|organisation|organization|collaborative|body|board|group|consortium|collective|forum|trust|federation|hub|association|programme|service|commission|initiative|cluster)`;

/**
 * Phrasings in which a text uses a string as the name of a body: it defines it, welcomes readers to it, says
 * it was founded, has members, acts, or signs a copyright line. A capitalised phrase that none of these fire
 * for is most often a heading, a document title or a sentence fragment.
 */
export const SELF_REFERENCE_RULES: readonly PhraseRule<SelfCue>[] = [
  {
    id: 'defined-is-a',
    label: 'defined',
    pattern: String.raw`{NAME}(?:\s*\([^)]{1,40}\))?,?\s+(?:is|was|are|were|has been|became|remains|operates as|which is|is now)\s+(?:now\s+)?(?:a|an|the|one of the)\s+(?:[\w'’-]+\s+){0,6}?${BODY}s?\b`,
    examples: [
      'Riverton Schools Partnership is a company owned by its member schools.',
      'The Northvale Learning Alliance (NLA) is a partnership of 40 schools.',
      'Eastmoor Education Partnership, which is a network of primary schools, met today.',
    ],
    counterExamples: ['Riverton Schools Partnership hosted a conference for heads.'],
  },
  {
    id: 'defined-appositive',
    label: 'defined',
    pattern: String.raw`{NAME}(?:\s*\([^)]{1,40}\))?\s*[,–—-]\s*(?:a|an|the)\s+(?:[\w'’-]+\s+){0,5}?${BODY}s?\b`,
    examples: ['We spoke to Riverton Schools Partnership, a school-led company, about its plans.'],
  },
  {
    id: 'welcome-to',
    label: 'welcome',
    pattern: String.raw`\bwelcome to (?:the\s+)?(?:(?:[\w-]+\s+){0,2}(?:edition|issue) of (?:the\s+)?)?{NAME}\b`,
    examples: [
      'Welcome to Riverton Schools Partnership',
      'Welcome to the spring edition of the Riverton Partnership newsletter',
    ],
  },
  {
    id: 'known-as',
    label: 'named',
    pattern: String.raw`\b(?:known as|to be known as|called|named|renamed|rebranded as|formerly)\s+(?:the\s+)?['‘“"]?{NAME}\b`,
    examples: ['a new company, to be known as the Riverton Schools Partnership, will be set up'],
  },
  {
    id: 'the-places-own',
    label: 'named',
    pattern: String.raw`\bthe\s+(?:city|borough|county|town|district|island|area)['’]s\s+{NAME}\b`,
    examples: ['It is a tribute to the work of the borough’s Education Partnership.'],
  },
  {
    id: 'copyright',
    label: 'copyright',
    pattern: String.raw`(?:©|\(c\)|copyright)\s*(?:\d{4}\s*[-–]?\s*(?:\d{4}\s*)?)?(?:the\s+)?{NAME}\b`,
    examples: ['© 2024 Riverton Schools Partnership. All rights reserved.'],
  },
  {
    id: 'legal-suffix',
    label: 'company',
    pattern: String.raw`{NAME}\s+(?:Ltd|Limited|CIC|C\.I\.C\.)\b`,
    flags: '',
    examples: ['Riverton Schools Partnership Ltd is registered in England.'],
  },
  {
    id: 'founded',
    label: 'founded',
    pattern: String.raw`(?:\b(?:established|set up|launched|formed|founded|created|incorporated|introduced|unveiled)\s+(?:an?\s+(?:new\s+)?|the\s+(?:new\s+)?)?{NAME}\b|{NAME}(?:\s*\([^)]{1,40}\))?\s+(?:was|were|has been|had been|is being|will be)\s+(?:\w+\s+)?(?:established|set up|launched|formed|founded|created|incorporated))`,
    examples: [
      'Heads set up the Riverton Schools Partnership in 2016.',
      'Head teachers have set up a Schools Improvement Board for the town.',
      'Northvale Learning Alliance was formally launched last spring.',
    ],
  },
  {
    id: 'membership',
    label: 'membership',
    pattern: String.raw`\b(?:members?|membership|member schools|join(?:ed|ing)?|part)\s+of\s+(?:the\s+)?{NAME}\b|{NAME}(?:['’]s)?\s+(?:member schools|members|membership|board|trustees|directors|chair|chief executive|CEO|director)\b`,
    examples: [
      'All schools are members of the Riverton Schools Partnership.',
      "Northvale Learning Alliance's board met.",
    ],
  },
  {
    id: 'acts',
    label: 'acts',
    pattern: String.raw`(?:^|[.;:]\s+|\bthe\s+|,\s+)?{NAME}(?:\s*\([^)]{1,40}\))?\s+(?:aims|works|supports|brings together|provides|offers|exists|delivers|runs|organises|organizes|leads|helps|has (?:been )?(?:working|supporting|commissioned|developed|grown)|is (?:working|committed|supporting|led|owned|funded|commissioned|governed|made up|open))\b`,
    examples: ['Riverton Schools Partnership works with every school in the town.'],
  },
  {
    id: 'at-name-we',
    label: 'first-person',
    pattern: String.raw`\b(?:at|here at|as)\s+(?:the\s+)?{NAME}\s*,?\s+(?:we|our)\b`,
    examples: ['At Riverton Schools Partnership we believe in collaboration.'],
  },
];
