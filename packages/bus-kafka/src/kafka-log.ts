import type { Logger } from '@abep/logger';
import { type LogEntry, type logCreator, logLevel } from 'kafkajs';

/**
 * kafkajs warns about this on every idempotent producer with bounded retries. We bound them on purpose
 * (an unreachable broker must surface as BUS_UNAVAILABLE, never a hang), so it is logged at debug.
 */
const EXPECTED_WARNINGS = ['Limiting retries for the idempotent producer'];

/**
 * Routes kafkajs's warnings and errors into pino, both at warn; everything chattier is dropped. kafkajs logs
 * every failed attempt of a retry (each refused connection) as an error; a failure that matters reaches the
 * caller as an AbepError and is logged once there, so kafkajs's own lines are context, not errors.
 */
export function kafkaLogCreator(logger: Logger): logCreator {
  const log = logger.child({ component: 'kafkajs' });
  return () =>
    ({ namespace, level, log: entry }: LogEntry) => {
      const { message, timestamp: _t, logger: _l, ...extra } = entry;
      const fields = { namespace, ...extra };
      if (level > logLevel.WARN || level === logLevel.NOTHING) return;
      if (EXPECTED_WARNINGS.some((w) => message.startsWith(w))) log.debug(fields, message);
      else log.warn(fields, message);
    };
}

/** kafkajs builds (and filters on) its level before calling the creator; WARN keeps info/debug out cheaply. */
export const KAFKAJS_LOG_LEVEL = logLevel.WARN;
