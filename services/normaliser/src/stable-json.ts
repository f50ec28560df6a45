import { canonicalJson } from '@abep/schemas';

/** Register records compare by their canonical JSON: the publisher's encoder, so both agree on "unchanged". */
export const stableJson = (value: unknown): string => canonicalJson(value);
