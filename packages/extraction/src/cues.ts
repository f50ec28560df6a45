import { COUNT } from './number-words.ts';

/** Phrasings shared by the classifier's cues and the partnership-type reader (regex sources, flag `i`). */
export const SCHOOL_LED = String.raw`\bschools?[\s-]led\b|\bled by (?:its |our |local |the )?(?:${COUNT} )?(?:member )?(?:schools|headteachers|head teachers|school leaders)\b|\bby schools,? for schools\b`;
export const SCHOOL_OWNED = String.raw`\bowned by (?:its |our |the )?(?:member |local )?(?:schools|headteachers)\b|\bschool[\s-]owned\b`;
