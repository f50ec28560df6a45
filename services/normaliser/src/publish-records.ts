import { type Bus, deadLetterOf } from '@abep/bus';
import type { Logger } from '@abep/logger';
import { AbepError, type RegisterRecordV1, registerKey } from '@abep/schemas';

const refused = (error: unknown): error is AbepError =>
  error instanceof AbepError &&
  !error.retriable &&
  (error.code === 'MESSAGE_TOO_LARGE' || error.code === 'SCHEMA_INVALID');

/**
 * Publishes register records. One the bus refuses for good (too large, invalid) is dead-lettered, with its
 * code and bytes, and left out: no retry changes that, and one record must not stop the fold or the crawl's
 * publication. Such a letter names `register.updated.v1` with partition 0 and offset "-1" (never written).
 * Returns the records published; any other failure (an outage) is thrown for the caller's retry.
 */
export async function publishRecords(
  bus: Bus,
  records: readonly RegisterRecordV1[],
  context: { groupId: string; logger: Logger; now: () => Date },
): Promise<RegisterRecordV1[]> {
  try {
    await bus.publish('register.updated.v1', records);
    return [...records];
  } catch (error) {
    if (!refused(error)) throw error;
  }
  const published: RegisterRecordV1[] = [];
  for (const record of records) {
    try {
      await bus.publish('register.updated.v1', [record]);
      published.push(record);
    } catch (error) {
      if (!refused(error)) throw error;
      const key = registerKey(record);
      const value = Buffer.from(JSON.stringify(record));
      const raw = { topic: 'register.updated.v1', partition: 0, offset: '-1', key, value, headers: {} };
      const letter = { groupId: context.groupId, attempts: 0, now: context.now() };
      try {
        await bus.publish('message.dead-lettered.v1', [deadLetterOf(raw, error, letter)]);
      } catch (refusal) {
        // As the consume runner does: a letter the bus refuses goes again without the original bytes.
        if (!refused(refusal)) throw refusal;
        await bus.publish('message.dead-lettered.v1', [
          deadLetterOf(raw, error, { ...letter, minimal: true }),
        ]);
      }
      context.logger.error(
        { key, code: error.code, bytes: value.length },
        'register record refused by the bus: dead-lettered, not published',
      );
    }
  }
  return published;
}
