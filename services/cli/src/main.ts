import { isAbepError } from '@abep/schemas';
import { CommanderError } from 'commander';
import { EXIT, exitCodeFor } from './exit-codes.ts';
import { buildProgram } from './program.ts';

/**
 * The composition root of every `abep` command: the only place that reads the environment and signals.
 * Errors end as one clear line (the code, then what to fix) and an exit code, never a stack trace.
 */
export async function main(argv: string[], env: Record<string, string | undefined>): Promise<number> {
  let exitCode: number = EXIT.ok;
  const controller = new AbortController();
  const stop = () => controller.abort();
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
  const program = buildProgram({
    env,
    stdout: process.stdout,
    stderr: process.stderr,
    signal: controller.signal,
    setExitCode: (code) => {
      exitCode = code;
    },
  });
  // On every command, not only the root: a subcommand's bad argument is exit 2 (README), not commander's 1.
  const override = (command: typeof program): void => {
    command.exitOverride();
    for (const sub of command.commands) override(sub);
  };
  override(program);
  try {
    await program.parseAsync(argv, { from: 'user' });
    return exitCode;
  } catch (err) {
    if (err instanceof CommanderError) return err.exitCode === 0 ? EXIT.ok : EXIT.config;
    const text = isAbepError(err)
      ? `${err.code}: ${err.message}`
      : `INTERNAL: ${err instanceof Error ? err.message : String(err)}`;
    process.stderr.write(`abep: ${text.split('\n').join('\nabep: ')}\n`);
    if (!isAbepError(err) && env.ABEP_DEBUG) process.stderr.write(`${(err as Error)?.stack}\n`);
    return exitCodeFor(err);
  } finally {
    process.off('SIGTERM', stop);
    process.off('SIGINT', stop);
  }
}
