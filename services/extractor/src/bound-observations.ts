import { OBSERVATION_LIMITS as L, type ObservationV1 } from '@abep/schemas';

/**
 * Trims an observation to OBSERVATION_LIMITS (arrays keep their first entries, strings their start, URLs over
 * the limit are dropped rather than cut), so what a page yields always passes its schema and fits on the bus.
 * Each cut is named in `truncated`, e.g. "aliases 100000→50".
 */
export function boundObservation(observation: ObservationV1, truncated: string[]): ObservationV1 {
  const note = (what: string, from: number, to: number) => {
    if (from > to) truncated.push(`${what} ${from}→${to}`);
  };
  const text = <T extends string | undefined>(what: string, value: T, max: number): T => {
    if (value === undefined || value.length <= max) return value;
    note(what, value.length, max);
    return value.slice(0, max) as T;
  };
  const list = <T>(what: string, values: T[] | undefined, max: number): T[] | undefined => {
    if (!values || values.length <= max) return values;
    note(what, values.length, max);
    return values.slice(0, max);
  };
  const urls = (what: string, values: string[] | undefined, max: number): string[] | undefined => {
    const kept = values?.filter((u) => u.length <= L.link);
    if (values && kept && kept.length < values.length)
      note(`${what} over ${L.link} chars`, values.length, kept.length);
    return list(what, kept, max);
  };
  const source = { ...observation.source, laCode: text('source.laCode', observation.source.laCode, L.name) };
  if (source.laCode === undefined) delete source.laCode;
  if (observation.kind === 'page-examined') {
    const out = { ...observation, source };
    const title = text('title', out.title, L.name);
    const aboutLas = list(
      'aboutLas',
      out.aboutLas?.map((s) => text('aboutLas entry', s, L.name)),
      L.aboutLas,
    );
    const links = urls('partnershipLinks', out.partnershipLinks, L.partnershipLinks);
    return {
      ...out,
      ...(title !== undefined ? { title } : {}),
      ...(aboutLas ? { aboutLas } : {}),
      ...(links ? { partnershipLinks: links } : {}),
    };
  }
  if (observation.kind === 'la-role') {
    return {
      ...observation,
      source,
      laCode: text('laCode', observation.laCode, L.name),
      roles: list('roles', observation.roles, L.roles) ?? [],
    };
  }
  const f = observation.fields;
  const fields = { ...f, name: { ...f.name, value: text('name', f.name.value, L.name) } };
  const aliases = list(
    'aliases',
    f.aliases?.map((a) => text('alias', a, L.name)),
    L.aliases,
  );
  if (aliases) fields.aliases = aliases;
  const areas = list(
    'areas',
    f.areas?.map((a) => ({ ...a, value: text('area', a.value, L.name) })),
    L.areas,
  );
  if (areas) fields.areas = areas;
  const schools = list(
    'memberSchools',
    f.memberSchools?.map((s) =>
      typeof s === 'string'
        ? text('memberSchool', s, L.name)
        : { ...s, value: text('memberSchool', s.value, L.name) },
    ),
    L.memberSchools,
  );
  if (schools) fields.memberSchools = schools;
  if (f.description)
    fields.description = { ...f.description, value: text('description', f.description.value, L.text) };
  if (f.focusAreas) {
    fields.focusAreas = {
      ...f.focusAreas,
      value:
        list(
          'focusAreas',
          f.focusAreas.value.map((s) => text('focusArea', s, L.name)),
          L.focusAreas,
        ) ?? [],
    };
  }
  if (f.phases) fields.phases = { ...f.phases, value: list('phases', f.phases.value, L.phases) ?? [] };
  for (const key of ['companyNumber', 'charityNumber'] as const) {
    const v = f[key];
    if (v) fields[key] = { ...v, value: text(key, v.value, L.code) };
  }
  for (const key of ['website', 'contactUrl'] as const) {
    const v = f[key];
    if (v && v.value.length > L.url) {
      note(`${key} over ${L.url} chars`, 1, 0);
      delete fields[key];
    }
  }
  const relationship = text('relationship', observation.relationship, L.text);
  return {
    ...observation,
    source,
    reason: text('reason', observation.reason, L.text),
    ...(relationship !== undefined ? { relationship } : {}),
    fields,
  };
}
