import { z } from 'zod';
import { IsoDateTime } from './common.ts';
import { ErrorCode } from './errors.ts';

/** A message that could not be handled, with the original bytes kept so nothing is lost. */
export const DeadLetterV1 = z.object({
  topic: z.string(),
  partition: z.int().min(0),
  offset: z.string(),
  key: z.string().nullable(),
  groupId: z.string(),
  code: ErrorCode,
  message: z.string(),
  details: z.record(z.string(), z.unknown()).optional(),
  attempts: z.int().min(0),
  failedAt: IsoDateTime,
  /** The original value, base64, exactly as it was on the topic (it may not be JSON). */
  originalValue: z.string(),
  originalHeaders: z.record(z.string(), z.string()).optional(),
});
export type DeadLetterV1 = z.infer<typeof DeadLetterV1>;
