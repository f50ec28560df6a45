import { AbepError } from '@abep/schemas';
import type { z } from 'zod';

export interface EnvField {
  /** ABEP_<GROUP>_<NAME> */
  env: string;
  description: string;
  /** Secrets have no default and are never echoed back in errors. */
  secret?: boolean;
}

export type EnvFields<S extends z.ZodObject> = { [K in keyof z.input<S>]-?: EnvField };

/**
 * Reads a config schema from environment variables. Unset and empty variables take the schema's default.
 * A bad value throws CONFIG_INVALID with one line per problem naming the variable and what it expects.
 */
export function readEnv<S extends z.ZodObject>(
  schema: S,
  fields: EnvFields<S>,
  env: Record<string, string | undefined> = process.env,
): z.infer<S> {
  const raw: Record<string, string> = {};
  for (const [key, field] of Object.entries(fields) as [string, EnvField][]) {
    const value = env[field.env];
    if (value !== undefined && value !== '') raw[key] = value;
  }
  const parsed = schema.safeParse(raw);
  if (parsed.success) return parsed.data;
  const lines = parsed.error.issues.map((issue) => {
    const key = String(issue.path[0] ?? '');
    const field = (fields as Record<string, EnvField>)[key];
    const name = field?.env ?? key;
    const shown = field?.secret || raw[key] === undefined ? '' : ` (got ${JSON.stringify(raw[key])})`;
    return `${name}: ${issue.message}${shown}; expected ${field?.description ?? 'a valid value'}`;
  });
  throw new AbepError('CONFIG_INVALID', lines.join('\n'), { details: { variables: lines.length } });
}

/** Markdown rows for the README's configuration table. */
export function envTable(fields: Record<string, EnvField>, defaults: Record<string, unknown> = {}): string {
  return Object.entries(fields)
    .map(([key, f]) => {
      const fallback = f.secret
        ? '(none)'
        : defaults[key] === undefined
          ? ''
          : `\`${String(defaults[key])}\``;
      return `| \`${f.env}\` | ${f.description} | ${fallback} |`;
    })
    .join('\n');
}
