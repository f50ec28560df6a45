import { readFileSync } from 'node:fs';
import { AbepError } from '@abep/schemas';
import { parse } from 'yaml';
import { z } from 'zod';
import { PICKED_FIELDS } from './claim.ts';

const Curated = {
  /** Who made the correction (a name or handle). */
  by: z.string().min(1),
  /** Why: what a reviewer needs to trust it. */
  reason: z.string().min(1),
  /** When the correction was made (YYYY-MM-DD); its provenance date. */
  date: z.iso.date(),
};

export const PINNABLE_FIELDS = [...PICKED_FIELDS, 'localAuthorities', 'status'] as const;

export const Correction = z.discriminatedUnion('action', [
  /** Fix a field's value whatever the sources say (override is the same action under another name). */
  z.object({
    action: z.enum(['pin', 'override']),
    id: z.string().min(1),
    field: z.enum(PINNABLE_FIELDS),
    /** localAuthorities: a list of LA names or codes; phases/focusAreas: lists; others: one value. */
    value: z.unknown(),
    ...Curated,
  }),
  /** The ids are one partnership: the first id stays, the others are withdrawn as merged into it. */
  z.object({ action: z.literal('merge'), ids: z.array(z.string().min(1)).min(2), ...Curated }),
  /** Sources whose URL matches the pattern (a regular expression) describe a different partnership. */
  z.object({
    action: z.literal('split'),
    id: z.string().min(1),
    sourceUrlPattern: z.string().min(1),
    ...Curated,
  }),
  /** Not an area-based partnership: by id, or by name within an LA (so it never enters the register). */
  z
    .object({
      action: z.literal('suppress'),
      id: z.string().min(1).optional(),
      name: z.string().min(1).optional(),
      la: z.string().min(1).optional(),
      ...Curated,
    })
    .refine((c) => c.id !== undefined || (c.name !== undefined && c.la !== undefined), {
      message: 'suppress needs an id, or a name and an la',
    }),
]);
export type Correction = z.infer<typeof Correction>;

export const CorrectionsFile = z.object({
  corrections: z
    .array(Correction)
    .nullish()
    .transform((c) => c ?? []),
});

export function parseCorrections(yamlText: string, origin = 'corrections'): Correction[] {
  let data: unknown;
  try {
    data = parse(yamlText) ?? {};
  } catch (cause) {
    throw new AbepError('CONFIG_INVALID', `${origin} is not valid YAML`, { cause });
  }
  const parsed = CorrectionsFile.safeParse(data);
  if (!parsed.success) {
    throw new AbepError('CONFIG_INVALID', `${origin} is invalid: ${z.prettifyError(parsed.error)}`, {
      details: { issues: parsed.error.issues },
    });
  }
  for (const c of parsed.data.corrections) {
    if (c.action === 'split') {
      try {
        new RegExp(c.sourceUrlPattern);
      } catch (cause) {
        throw new AbepError('CONFIG_INVALID', `${origin}: bad sourceUrlPattern ${c.sourceUrlPattern}`, {
          cause,
        });
      }
    }
  }
  return parsed.data.corrections;
}

export function loadCorrections(path: string): Correction[] {
  return parseCorrections(readFileSync(path, 'utf8'), path);
}

export function defaultCorrectionsPath(): string {
  return new URL('../corrections.yaml', import.meta.url).pathname;
}
