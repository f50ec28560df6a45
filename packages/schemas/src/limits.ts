/**
 * Upper bounds on what one observation may carry, so no page can produce a message too large for the bus
 * (Kafka's default message.max.bytes is 1 MiB) or a record nobody can read. Each is far above any real value
 * (an LA site names a few partnerships, a partnership a few hundred member schools); the extractor trims to
 * these before publishing and says what it cut, and the schemas refuse anything beyond them (SCHEMA_INVALID).
 * Strings count UTF-16 code units (JavaScript length).
 */
export const OBSERVATION_LIMITS = {
  /** A partnership's name, an alias, an area or LA name as stated, a member school's name, a focus area. */
  name: 300,
  /** description, relationship, reason. */
  text: 5000,
  /** Codes and versions: company and charity numbers, extractor version, observation id. */
  code: 200,
  /** A URL (source, website, link). Servers commonly refuse request lines over 8 KiB. */
  url: 8192,
  aliases: 50,
  areas: 200,
  memberSchools: 2000,
  focusAreas: 50,
  phases: 20,
  roles: 50,
  aboutLas: 200,
  /** Partnership-site links from one page (each at most `link` chars): also the seeds one page can request. */
  partnershipLinks: 200,
  /** A partnership-site link (the sitemaps protocol's limit). */
  link: 2048,
} as const;

/**
 * Upper bounds on what one register record may carry. A record gathers many pages, so its lists are capped
 * above what one observation may add; the normaliser trims to these (and sheds the bulkiest detail until the
 * record is under `recordBytes`) and says what it cut, and the schemas refuse anything beyond them.
 * Strings count UTF-16 code units (JavaScript length).
 */
export const RECORD_LIMITS = {
  /** Names: the partnership's, an alias, a focus area, an LA or region name, a member school's. */
  name: OBSERVATION_LIMITS.name,
  /** description, a correction's or withdrawal's reason. */
  text: OBSERVATION_LIMITS.text,
  /** Codes, slugs, versions, ids, who made a correction, a provenance field's name. */
  code: OBSERVATION_LIMITS.code,
  /** A URL: website, contact page, a provenance or member school's source page, a page examined. */
  url: OBSERVATION_LIMITS.url,
  aliases: 100,
  /** England has 153 LAs with education duties; 9 regions. */
  localAuthorities: 200,
  regions: 20,
  memberSchoolUrns: 5000,
  memberSchools: 5000,
  /** Schools an ambiguous member-school name could be. */
  candidates: 20,
  phases: 20,
  focusAreas: 50,
  /** Fields that have provenance, and sources listed per field (the chosen one first). */
  provenanceFields: 50,
  provenanceSources: 100,
  partnershipIds: 5000,
  pagesExamined: 2000,
  roles: 10,
  /** Phases counted in an LA's school figures. */
  schoolPhases: 50,
  /**
   * A whole record, JSON-encoded, in bytes: below the bus's message limit (1,000,000) with room for the key.
   * The field caps alone allow more (5000 member schools each with a long source URL); the normaliser sheds
   * member-school detail, then later provenance sources, then pages examined, to stay under it.
   */
  recordBytes: 900_000,
} as const;
