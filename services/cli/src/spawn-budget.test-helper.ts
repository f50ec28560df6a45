import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

/** The CLI entry the process tests spawn. */
export const abepBin = join(import.meta.dirname, 'bin.ts');

/**
 * Wall time (ms) of one `abep --version` here and now: what starting the CLI costs at the current load (about
 * 1 s on an idle machine, 20 s on 2 cores at load 20). Process tests size their timeouts from it.
 */
export function measureStartMs(): number {
  const started = performance.now();
  const r = spawnSync(process.execPath, [abepBin, '--version'], {
    encoding: 'utf8',
    env: { PATH: process.env.PATH ?? '' },
  });
  if (r.status !== 0) throw new Error(`abep --version exited ${r.status}: ${r.stderr}`);
  return performance.now() - started;
}

/**
 * A timeout for `spawns` CLI processes, each doing `workMs` of its own work beyond starting: 4× the measured
 * start (load changes while a suite runs), never under 10 s per process.
 */
export function spawnBudgetMs(startMs: number, spawns = 1, workMs = 0): number {
  return Math.ceil(spawns * Math.max(10_000, 4 * startMs + workMs));
}
