import type { PageKind } from '@abep/schemas';

/** The four roles a page can play for the register: the body's own site, a council's, a third party's, a look-alike's. */
export const PAGE_KIND_GROUP: Record<PageKind, 'own-site' | 'council' | 'third-party' | 'lookalike'> = {
  'own-site': 'own-site',
  council: 'council',
  news: 'third-party',
  'directory-or-report': 'third-party',
  unrelated: 'third-party',
  lookalike: 'lookalike',
};

export type FieldName =
  | 'website'
  | 'companyNumber'
  | 'charityNumber'
  | 'foundedYear'
  | 'memberCount'
  | 'legalForm';

/** Over hit records: `labelled` the label states it, `stated` both state it, `right` both agree. */
export interface FieldScore {
  right: number;
  stated: number;
  labelled: number;
  /** The record states a value the label does not (unscored: page texts are cut, so the label may lack it). */
  statedUnlabelled: number;
}

export interface WrongRecord {
  id: string;
  name: string;
  localAuthorities: string[];
  why: string;
  labelId?: string;
  sources: string[];
  nameExcerpt: string;
}

interface Miss {
  labelId: string;
  name: string;
  pages: { file: string; url: string }[];
  candidate?: { id: string; name: string; confidence: number | null };
  rejected?: { sourceUrl: string; reason: string }[];
}

interface RolePair {
  la: string;
  role: string;
}

/** A ratio is null when its denominator is 0. */
export type Ratio = number | null;

export interface Report {
  corpus: {
    labelsDir: string;
    /** Response records in the WARC files. */
    pages: number;
    labelledPages: number;
    unlabelledPages: string[];
    /** pages.csv rows whose URL is in no WARC file given. */
    labelledPagesMissing: string[];
    undecodable: { url: string; reason: string }[];
    /** Labelled pages with no page-examined observation. */
    notExamined: string[];
  };
  partnerships: {
    published: number;
    candidates: number;
    /** Non-borderline ABEP labels on the pages given: the recall denominator. */
    labelledAbeps: number;
    hits: number;
    duplicates: number;
    lookalikesPublished: number;
    unmatched: number;
    /** Records matched to a borderline label: neither hit nor miss, left out of precision. */
    borderlineMatched: number;
    precision: Ratio;
    recall: Ratio;
    recallIncludingCandidates: Ratio;
    laAttribution: { exact: Ratio; overlap: Ratio };
  };
  fields: Record<FieldName, FieldScore> & { wrongWebsite: number };
  laRoles: { published: number; labelled: number; right: number; precision: Ratio; recall: Ratio };
  pageKinds: {
    labelled: number;
    exact: number;
    grouped: number;
    noKind: number;
    accuracy: Ratio;
    groupAccuracy: Ratio;
  };
  explain: {
    misses: Miss[];
    /** Published records that count against precision: duplicates, look-alikes, unmatched. */
    wrongRecords: WrongRecord[];
    /** Published records matching a judgement-call label: counted neither way, listed for review. */
    borderlineRecords: WrongRecord[];
    /** Hit records with a wrong fact: LAs not equal to the label's, a field that disagrees. */
    wrongFacts: WrongRecord[];
    wrongRoles: (RolePair & { sourceUrl: string; excerpt: string })[];
    missedRoles: (RolePair & { pages: string[]; excerpt: string })[];
    pageKindErrors: { file: string; url: string; labelled: PageKind; got: PageKind | null }[];
  };
  /** Flat "higher is better" figures, the names a floor file uses. */
  figures: Record<string, Ratio>;
}
