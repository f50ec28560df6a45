/**
 * How much each kind of evidence on one page adds to the confidence that a name is an area-based partnership
 * (0–1). The normaliser combines pages: 1 − Π(1 − c) over independent pages.
 */
export const CONFIDENCE = {
  /** "… Education Partnership", "… Schools Alliance", "Learn …", "… for Learning". */
  educationName: 0.35,
  /** A partnership head noun alone: "… Partnership", "… Board". */
  partnershipName: 0.15,
  /** The name carries an LA's name: area-based bodies are named for their area. */
  placeInName: 0.2,
  /** Each distinct self-reference cue (defined, founded, members of, welcome, ©…). */
  selfCue: 0.15,
  selfCueMax: 0.3,
  /** Each point of ABEP context cues from the classifier (school-led, member schools, peer review…). */
  abepCue: 0.05,
  abepCueMax: 0.2,
  /** Named more than once on the page (name or acronym). */
  repeated: 0.1,
  inTitle: 0.05,
  /** The page is the organisation's own, speaking in the first person. */
  ownSubject: 0.25,
  /** Without a place in its name or a stated area, a name stays a candidate at most. */
  noPlaceCap: 0.5,
  /** Every mention runs on into a longer capitalised phrase ("… Partnership Strategy"): a modifier, not a name. */
  neverStandalone: -0.2,
  /** Below this an observation is 'unclear', not put forward at all. */
  minObserved: 0.3,
} as const;

export const EDUCATION_NAME =
  /\b(?:education(?:al)?|schools?['’]?|learning|school improvement|school standards|education improvement|education excellence|headteachers['’]?|achievement|improvement|standards)\s+(?:partnerships?|alliance|collaborative|network|consortium|collective|compact|board|forum)\b|^Learn(?:ing)?\s+[A-Z]|\bfor Learning$|\b(?:partnership|alliance)\s+(?:for|of)\s+(?:excellence|learning|system leaders)\b|\b(?:schools|learning)\s+together\b/i;
export const PARTNERSHIP_NAME =
  /\b(?:partnership|alliance|collaborative|consortium|network|board|forum|collective)\b/i;
