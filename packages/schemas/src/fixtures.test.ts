import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { registerJsonSchemas } from './json-schema.ts';
import { topicList } from './topics.ts';

const dir = join(import.meta.dirname, '..', 'fixtures');
const files = readdirSync(dir).filter((f) => f.endsWith('.json'));

describe('published shapes', () => {
  it('has an example of every topic in the catalogue', () => {
    for (const topic of topicList) expect(files.some((f) => f.startsWith(`${topic.name}.`))).toBe(true);
  });

  it.each(files)('%s still parses with its topic schema (a breaking change needs a new version)', (file) => {
    const topic = topicList.find((t) => file.startsWith(`${t.name}.`));
    expect(topic).toBeDefined();
    const value = JSON.parse(readFileSync(join(dir, file), 'utf8'));
    const parsed = topic?.schema.safeParse(value);
    expect(parsed?.error).toBeUndefined();
    expect(topic?.keyOf(parsed?.data).length).toBeGreaterThan(0);
  });

  it('generates JSON Schema for the published records from zod', () => {
    const schemas = registerJsonSchemas() as Record<string, { required?: string[]; properties?: object }>;
    expect(schemas['partnership.v1']?.required).toEqual(
      expect.arrayContaining(['id', 'name', 'type', 'provenance']),
    );
    expect(schemas['local-authority-profile.v1']?.required).toEqual(
      expect.arrayContaining(['laCode', 'roles']),
    );
  });
});
