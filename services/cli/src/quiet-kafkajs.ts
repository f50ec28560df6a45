/**
 * kafkajs 2.2.4 (the design's Kafka client, kept) arms some timers with delays computed from deadlines that
 * have already passed; Node 24 then prints `TimeoutNegativeWarning: -N is a negative number` on every command
 * that touches Kafka. The delay is clamped to 1 ms by Node and harmless. This drops exactly that warning, and
 * only when a kafkajs frame is on the stack that set the timer; every other warning is emitted as before.
 */
export function quietKafkajsTimeoutWarning(proc: NodeJS.Process = process): () => void {
  const original = proc.emitWarning;
  const emitWarning = function (this: NodeJS.Process, warning: string | Error, ...rest: unknown[]) {
    const type =
      typeof warning === 'string'
        ? typeof rest[0] === 'string'
          ? rest[0]
          : (rest[0] as { type?: string } | undefined)?.type
        : warning.name;
    if (type === 'TimeoutNegativeWarning' && /[\\/]kafkajs[\\/]/.test(new Error().stack ?? '')) return;
    return (original as (...args: unknown[]) => void).call(this, warning, ...rest);
  } as NodeJS.Process['emitWarning'];
  proc.emitWarning = emitWarning;
  return () => {
    if (proc.emitWarning === emitWarning) proc.emitWarning = original;
  };
}
