import { z } from 'zod';
import { LocalAuthorityProfileV1, PartnershipV1 } from './register.ts';

/** JSON Schema of the published records, generated from the zod schemas (never hand-written). */
export function registerJsonSchemas(): Record<string, unknown> {
  const generate = (id: string, schema: z.ZodType) => ({
    $id: `urn:abep-register:schema:${id}`,
    ...z.toJSONSchema(schema, { target: 'draft-2020-12', io: 'output' }),
  });
  return {
    'partnership.v1': generate('partnership.v1', PartnershipV1),
    'local-authority-profile.v1': generate('local-authority-profile.v1', LocalAuthorityProfileV1),
  };
}
