import type { PhraseRule } from './rule.ts';

/**
 * Host shapes, matched against the lower-case host name. Kinds of site, never particular sites: a council's
 * domain, a democracy/committee system, a document mirror, a newspaper or blog platform.
 */
export const HOST_RULES: readonly PhraseRule<'council' | 'directory-or-report' | 'news' | 'unrelated'>[] = [
  {
    id: 'outside-england',
    label: 'unrelated',
    pattern: String.raw`\.(?:au|nz|us|ca|ie|scot|wales|cymru)$|(?:^|\.)(?:gov\.scot|gov\.wales|glowscotland\.org\.uk|hwb\.gov\.wales)$`,
    examples: [
      'education.sa.gov.au',
      'www.district.k12.ma.us',
      'education.gov.scot',
      'blogs.glowscotland.org.uk',
    ],
    counterExamples: ['www.riverton.gov.uk', 'www.rivertonschools.org.uk'],
  },
  {
    id: 'government-blog',
    label: 'news',
    pattern: String.raw`(?:^|\.)blog\.gov\.uk$`,
    examples: ['schools.blog.gov.uk', 'teaching.blog.gov.uk'],
    counterExamples: ['www.riverton.gov.uk'],
  },
  {
    id: 'council-gov-uk',
    label: 'council',
    pattern: String.raw`(?:^|\.)(?!(?:www\.)?(?:publications\.)?(?:parliament|nhs|ofsted|ons|dfe|education|gov)\.)[a-z0-9-]+\.gov\.uk$`,
    examples: ['democracy.riverton.gov.uk', 'www.northvale.gov.uk'],
    counterExamples: ['www.gov.uk', 'publications.parliament.uk'],
  },
  {
    id: 'committee-system',
    label: 'council',
    pattern: `(?:^|[.-])(?:moderngov|modgov|democracy|edemocracy|cmis|committees?|councillors)(?:[.-]|$)`,
    examples: ['riverton.moderngov.co.uk', 'cmis.northvale.org.uk'],
  },
  {
    id: 'council-newsroom',
    label: 'council',
    pattern: String.raw`^(?:www\.)?[a-z0-9-]*(?:newsroom|ccnews|councilnews)\.[a-z.]+$`,
    examples: ['rivertonnewsroom.co.uk', 'www.northvaleccnews.co.uk'],
    counterExamples: ['www.rivertonnews.co.uk', 'www.newsroomsite.example.com.evil'],
  },
  {
    id: 'document-mirror',
    label: 'directory-or-report',
    pattern: String.raw`(?:^|\.)[a-z0-9-]*(?:doc|pdf|slide|paper|study|document|issuu|scribd|yumpu|dokumen|calameo|joomag|fliphtml)[a-z0-9-]*\.[a-z.]+$`,
    examples: ['www.docmirror.net', 'pdfstore.com', 'slidesite.com', 'studyhub.net'],
    counterExamples: ['www.riverton.gov.uk'],
  },
  {
    id: 'registry-or-parliament',
    label: 'directory-or-report',
    pattern: String.raw`(?:^|\.)(?:parliament\.uk|gov\.uk|find-and-update\.company-information\.service\.gov\.uk|charitycommission\.gov\.uk|opencorporates\.com|wikipedia\.org)$`,
    examples: ['publications.parliament.uk', 'en.wikipedia.org'],
  },
  {
    id: 'newspaper',
    label: 'news',
    pattern: String.raw`(?:news|gazette|echo|telegraph|times|post|herald|chronicle|guardian|mail|argus|express|standard|mercury|advertiser|journal|observer|press|today|star|sentinel|courier|bbc|week|tes\.com|cypnow|lgcplus|themj|sec-ed|publicsector|civilservice|conservativehome|labour|conservatives|libdems|blog|wordpress|blogspot|medium\.com|substack)`,
    examples: ['www.rivertonecho.co.uk', 'northvale-news.com', 'someone.wordpress.com'],
  },
];

/**
 * Address paths of articles, matched against the URL's path: a date or a story number in it, a news or blog
 * section, or a headline slug of five words or more. Organisations' own pages have short names ("about-us").
 */
export const ARTICLE_PATH_RULES: readonly PhraseRule<'news'>[] = [
  {
    id: 'dated-or-numbered-path',
    label: 'news',
    pattern: String.raw`/(?:19|20)\d\d/(?:[01]?\d/)?|\d{5,}`,
    examples: ['/2016/04/new-partnership-for-schools/', '/news/17518932.council-praises-schools/'],
    counterExamples: ['/about-us/', '/school-improvement'],
  },
  {
    id: 'news-section',
    label: 'news',
    pattern: '/(?:news|blogs?|articles?|latest-news|press|press-releases?|stories)(?:/|$)',
    examples: ['/news/new-board-for-schools', '/blog/what-we-learned'],
    counterExamples: ['/newsletters-for-parents', '/our-approach'],
  },
  {
    id: 'headline-slug',
    label: 'news',
    pattern: String.raw`/[^/]*[a-z0-9]+(?:[-_][a-z0-9]+){4,}(?:\.\w+)?/?$`,
    examples: ['/council-backs-new-board-to-raise-standards/', '/what-is-the-role-of-an-adviser'],
    counterExamples: ['/the-riverton-education-partnership/', '/school-to-school-support', '/about-us'],
  },
];

/** Words that mark a dated article: bylines, publication stamps. */
export const NEWS_TEXT_RULES: readonly PhraseRule<'news'>[] = [
  {
    id: 'byline',
    label: 'news',
    pattern: String.raw`(?:^|\n)\s*(?:by\s+[A-Z][a-z]+\s+[A-Z][a-z]+|published(?: on)?:?\s+\d|posted (?:on|by)\b|last updated:?\s+\d|\d{1,2}(?:st|nd|rd|th)? (?:January|February|March|April|May|June|July|August|September|October|November|December) \d{4}\s*(?:\n|$))`,
    examples: ['By Jane Smith\nSchools in the town…', 'Published: 3 May 2019'],
  },
];

/** A council writing about itself: committee papers, decisions, cabinet reports. */
export const COUNCIL_TEXT_RULES: readonly PhraseRule<'council'>[] = [
  {
    id: 'committee-paper',
    label: 'council',
    pattern: String.raw`\b(?:Decision Maker|Decision status|RESOLVED|Agenda item|Report of the (?:Director|Executive|Strategic|Corporate)|Scrutiny (?:Committee|Panel)|Wards? affected|Key decision)\b|(?:^|\n)\s*(?:Lead\s+)?(?:Cabinet Member|Portfolio Holder)\b`,
    flags: '',
    examples: [
      'RESOLVED: That the report be noted.',
      'Decision Maker: Cabinet',
      'Report\nCabinet Member: Cllr A. Smith',
    ],
    // A news story quotes cabinet members too: only a paper's heading line says who decides.
    counterExamples: ['Cllr Smith, the council’s Cabinet Member for Children, said the plan would help.'],
  },
];

/**
 * An organisation's own domain, told by the kind of body its name says it is, for a page that speaks in the
 * first person but never names the body: a teaching school, hub, trust or college is a look-alike; a
 * partnership, alliance or challenge is the kind of body the register is about.
 */
export const ORG_HOST_RULES: readonly PhraseRule<'own-site' | 'lookalike'>[] = [
  {
    id: 'lookalike-host',
    label: 'lookalike',
    pattern: String.raw`^(?:www\.)?[a-z0-9-]*(?:teachingschool|teaching-school|tsa|hub|trust|academy|academies|opportunityarea|federation|college)[a-z0-9-]*\.(?:org\.uk|co\.uk|org|com|net|uk)$|\.ac\.uk$`,
    examples: [
      'www.rivertonteachingschool.org.uk',
      'northvaletsa.co.uk',
      'www.rivertoncol.ac.uk',
      'oakhub.co.uk',
    ],
    counterExamples: ['www.rivertonpartnership.org.uk'],
  },
  {
    id: 'partnership-host',
    label: 'own-site',
    pattern: String.raw`^(?:www\.)?[a-z0-9-]*(?:partnership|alliance|challenge|collaborative|consortium)[a-z0-9-]*\.(?:org\.uk|co\.uk|org|com|net|uk)$`,
    examples: ['www.rivertonschoolsalliance.co.uk', 'northvalepartnership.org.uk', 'rivertonchallenge.org'],
    counterExamples: ['www.rivertonecho.co.uk'],
  },
];
