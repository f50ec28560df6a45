/** An LA named in text. A former LA (e.g. a county since split) names its successors. */
export interface PlaceMention {
  laCodes: string[];
  /** The LA's reference name (the first successor's, for a former LA). */
  name: string;
  /** The words as written. */
  text: string;
  index: number;
}

/**
 * What extraction knows of places, from the reference data (never from the pages it reads). Pure lookups,
 * injected so the readers stay free of I/O.
 */
export interface Places {
  /** Every LA named in the text, in order of appearance, whole words, longest name first. */
  find(text: string): PlaceMention[];
  /** The LA's reference name for a DfE code. */
  nameOf(laCode: string): string | undefined;
  /** The LA whose own website the host is on. */
  laOfHost(host: string): string | undefined;
}

/** No reference data: nothing is recognised as a place (tests of place-free behaviour). */
export const noPlaces: Places = { find: () => [], nameOf: () => undefined, laOfHost: () => undefined };
