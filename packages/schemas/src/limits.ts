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
