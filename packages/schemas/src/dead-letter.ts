import { z } from 'zod';
import { IsoDateTime, Sha256Hex } from './common.ts';
import { ErrorCode } from './errors.ts';

/** Bytes of the original value a dead letter carries (256 KiB; base64 ≈ 342 KiB, well under 1 MiB). */
export const DEAD_LETTER_MAX_ORIGINAL_BYTES = 256 * 1024;

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
  /**
   * The original value, base64, exactly as it was on the topic (it may not be JSON) — or, when
   * `originalTruncated` is set, its first DEAD_LETTER_MAX_ORIGINAL_BYTES bytes, so a dead letter always fits on
   * the bus however large the message that failed.
   */
  originalValue: z.string(),
  /**
   * Present when originalValue is cut: the whole original's length in bytes and sha256, and where the whole
   * original was kept (an object-store key) when the bus was given somewhere to keep it.
   */
  originalTruncated: z
    .object({ bytes: z.int().min(0), sha256: Sha256Hex, storedAt: z.string().min(1).max(1024).optional() })
    .optional(),
  originalHeaders: z.record(z.string(), z.string()).optional(),
});
export type DeadLetterV1 = z.infer<typeof DeadLetterV1>;
