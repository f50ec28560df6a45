import { readFileSync } from 'node:fs';
import { AbepError, PartnershipV1 } from '@abep/schemas';
import { parse } from 'yaml';
import { z } from 'zod';
import { PICKED_FIELDS } from './claim.ts';
import { isPublicWebUrl, withoutControls } from './publishable.ts';

const Curated = {
  /** Who made the correction (a name or handle). */
  by: z.string().min(1),
  /** Why: what a reviewer needs to trust it. */
  reason: z.string().min(1),
  /** When the correction was made (YYYY-MM-DD); its provenance date. */
  date: z.iso.date(),
};

const PINNABLE_FIELDS = [...PICKED_FIELDS, 'localAuthorities', 'status'] as const;

const Id = PartnershipV1.shape.id;

/** What a pinned value must be: the record's own schema for the field (required), LA names or codes for LAs. */
function pinValueSchema(field: (typeof PINNABLE_FIELDS)[number]): z.ZodType {
  if (field === 'localAuthorities') return z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]);
  const schema = PartnershipV1.shape[field];
  return schema instanceof z.ZodOptional ? (schema.unwrap() as z.ZodType) : schema;
}

export const Correction = z.discriminatedUnion('action', [
  /** Fix a field's value whatever the sources say (override is the same action under another name). */
  z.object({
    action: z.enum(['pin', 'override']),
    id: Id,
    field: z.enum(PINNABLE_FIELDS),
    /** localAuthorities: a list of LA names or codes; phases/focusAreas: lists; others: one value. */
    value: z.unknown(),
    ...Curated,
  }),
  /** The ids are one partnership: the first id stays, the others are withdrawn as merged into it. */
  z.object({ action: z.literal('merge'), ids: z.array(Id).min(2), ...Curated }),
  /** Sources whose URL matches the pattern (a regular expression) describe a different partnership. */
  z.object({
    action: z.literal('split'),
    id: Id,
    sourceUrlPattern: z.string().min(1),
    ...Curated,
  }),
  /** Not an area-based partnership: by id, or by name within an LA (so it never enters the register). */
  z
    .object({
      action: z.literal('suppress'),
      id: Id.optional(),
      name: z.string().min(1).optional(),
      la: z.string().min(1).optional(),
      ...Curated,
    })
    .refine((c) => c.id !== undefined || (c.name !== undefined && c.la !== undefined), {
      message: 'suppress needs an id, or a name and an la',
    }),
]);
export type Correction = z.infer<typeof Correction>;

const CorrectionsFile = z.object({
  corrections: z
    .array(Correction)
    .nullish()
    .transform((c) => c ?? []),
});

function entryName(raw: unknown, index: number): string {
  const entry = (raw as { corrections?: unknown[] } | undefined)?.corrections?.[index] as
    | { action?: unknown; id?: unknown; ids?: unknown }
    | undefined;
  const what = [entry?.action, entry?.id ?? (Array.isArray(entry?.ids) ? entry.ids[0] : undefined)]
    .filter((x) => typeof x === 'string')
    .join(' ');
  return `corrections[${index}]${what ? ` (${what})` : ''}`;
}

/** Whether a pinned LA name or code is one the reference data knows; without it pins are checked for shape only. */
export type KnownLa = (nameOrCode: string) => boolean;

/**
 * Every problem of the file, each naming the entry and field, so one edit fixes them all: structure, pinned
 * values checked against the record schema, split patterns that do not compile.
 */
export function parseCorrections(yamlText: string, origin = 'corrections', knownLa?: KnownLa): Correction[] {
  let data: unknown;
  try {
    data = parse(yamlText) ?? {};
  } catch (cause) {
    throw new AbepError('CONFIG_INVALID', `${origin} is not valid YAML`, { cause });
  }
  const problems: string[] = [];
  const parsed = CorrectionsFile.safeParse(data);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const [top, index, ...field] = issue.path;
      const where =
        top === 'corrections' && typeof index === 'number'
          ? `${entryName(data, index)} field ${field.join('.') || '(entry)'}`
          : issue.path.join('.') || '(file)';
      problems.push(`${where}: ${issue.message}`);
    }
  }
  const corrections = parsed.success ? parsed.data.corrections : [];
  corrections.forEach((c, i) => {
    if (c.action === 'pin' || c.action === 'override') {
      // Checked as it will be published: without control characters (a name of only those is empty).
      const value = pinValueSchema(c.field).safeParse(withoutControls(c.value));
      if (c.value === undefined || c.value === null)
        problems.push(`${entryName(data, i)} field value: missing`);
      else if (
        (c.field === 'website' || c.field === 'contactUrl') &&
        value.success &&
        !isPublicWebUrl(String(c.value))
      )
        problems.push(`${entryName(data, i)} field value (${c.field}): not a public web address`);
      else if (!value.success)
        problems.push(
          `${entryName(data, i)} field value (${c.field}): ${value.error.issues.map((x) => x.message).join('; ')}`,
        );
      else if (c.field === 'localAuthorities' && knownLa) {
        const unknown = [c.value].flat().filter((v) => !knownLa(String(v)));
        if (unknown.length)
          problems.push(
            `${entryName(data, i)} field value (localAuthorities): not a local authority name or code: ${unknown.join(', ')}`,
          );
      }
    }
    if (c.action === 'split') {
      try {
        new RegExp(c.sourceUrlPattern);
      } catch {
        problems.push(`${entryName(data, i)} field sourceUrlPattern: not a regular expression`);
      }
    }
  });
  if (problems.length) {
    throw new AbepError(
      'CONFIG_INVALID',
      `${origin}: ${problems.length} problem(s):\n  ${problems.join('\n  ')}`,
      {
        details: { problems },
      },
    );
  }
  return corrections;
}

/** Reads and validates the corrections file; one that cannot be read is a configuration error naming `variable`. */
export function loadCorrections(
  path: string,
  variable = 'ABEP_NORMALISER_CORRECTIONS',
  knownLa?: KnownLa,
): Correction[] {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (cause) {
    const code = (cause as NodeJS.ErrnoException).code;
    throw new AbepError(
      'CONFIG_INVALID',
      `${variable}=${path}: ${code === 'ENOENT' ? 'no such file' : `cannot be read (${code})`}; give the path of a corrections YAML file, or unset it for the service's own`,
      { cause },
    );
  }
  return parseCorrections(text, path, knownLa);
}

/** The ids corrections name (pins, merges, splits, suppressions by id), for reporting those not in the register. */
export function correctionIds(corrections: readonly Correction[]): string[] {
  const ids = new Set<string>();
  for (const c of corrections) {
    if (c.action === 'merge') for (const id of c.ids) ids.add(id);
    else if (c.id) ids.add(c.id);
  }
  return [...ids];
}

export function defaultCorrectionsPath(): string {
  return new URL('../corrections.yaml', import.meta.url).pathname;
}
