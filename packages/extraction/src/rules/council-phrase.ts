import type { LaRole } from '@abep/schemas';
import type { PhraseRule } from './rule.ts';

/**
 * A council as the text names it: "Riverton Borough Council", "the local authority", "the LEA", "the council",
 * "the county's …", or a place whose own school improvement service it is ("Riverton's advisory team").
 */
export const COUNCIL = String.raw`(?:(?:the\s+)?(?:Royal\s+Borough|London\s+Borough|City|County|Borough)\s+of\s+(?:[A-Z][\w'’&-]*\s*){1,4}|(?:the\s+)?(?:[A-Z][\w'’&-]*\s+(?:(?:and|upon|on|with)\s+)?){0,4}(?:City\s+|County\s+|Borough\s+|District\s+|Metropolitan\s+Borough\s+)?[Cc]ouncil(?:s)?|(?:the\s+)?local\s+(?:education\s+)?authorit(?:y|ies)|(?:the\s+)?(?:[A-Z][\w'’&-]*\s+){0,3}(?:LA|LEA)\b|(?:[A-Z][\w'’&-]*\s+){1,3}(?:Education\s+)?Authority\b|[Tt]he\s+authority|(?:the\s+)?(?:two|three|four|five|both|neighbouring|partner)\s+(?:local\s+)?authorities\b|(?:the\s+)?(?:council['’]s\s+)?Cabinet\b|[Tt]he\s+(?:county|borough|city)(?=['’]s\s)|[A-Z][\w'’&-]*(?:\s+(?:and|upon|on)\s+[A-Z][\w'’&-]*|\s+[A-Z][\w'’&-]*){0,3}(?=['’]s\s+(?:school improvement|school effectiveness|education|learning and improvement|advisory|school support)\s+(?:service|services|team|department|advisers?|advisors?|function|functions)\b))`;

/**
 * A council or "Riverton LA" as a partnership's own text names it when it says who leads or owns it ("owned by
 * schools and the county council"); case-insensitive, so narrower than COUNCIL: no "the authority" or "Cabinet".
 */
export const COUNCIL_OR_LA = String.raw`(?:(?:the\s+)?(?:[A-Z][\w'’-]*\s+){0,4}(?:city\s+|county\s+|borough\s+|district\s+)?(?:council|local authority)|(?:the\s+)?(?:[A-Z][\w'’-]*\s+){0,4}LA)\b`;

/**
 * Statements that an LA funds, convenes or itself delivers school improvement. `{COUNCIL}` is the council
 * phrase above; the LA it names (or the page's LA) is the one the role is attributed to.
 */
export interface LaRoleRule extends PhraseRule<LaRole> {
  /** On a council's own page the council is the speaker: the sentence need not name it. */
  ownPageSpeaks?: boolean;
  /** Roles a sentence matching this rule cannot also state (a council that outsourced does not deliver). */
  excludes?: readonly LaRole[];
  /** The phrasing itself says the council stopped doing something ("transferred"): not read as a negation. */
  statesAnEnd?: boolean;
}
