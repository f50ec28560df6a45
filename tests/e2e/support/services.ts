import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Env } from './harness.ts';

export const REPO = resolve(import.meta.dirname, '../../..');
const BIN = resolve(REPO, 'services/cli/src/bin.ts');
const FIXTURE_CHILD = resolve(import.meta.dirname, 'serve-child.ts');

export type ServiceName = 'crawler' | 'extractor' | 'normaliser' | 'publisher' | 'scheduler';

export interface ServiceProcess {
  name: ServiceName;
  pid: number;
  /** Resolves once the service logged "service running". */
  ready: Promise<void>;
  exited: Promise<number | null>;
  /** Sends `signal` and waits for the exit code. */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
  /** Peak resident set (VmHWM) in KiB, sampled while the process lived. */
  peakRssKiB(): number;
  /** Last lines of stderr, for failure messages. */
  tail(): string;
}

function vmHwmKiB(pid: number): number | undefined {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) : undefined;
  } catch {
    return undefined;
  }
}

/** `abep serve <name>` as a child process (the crawler through serve-child.ts, so it reaches the fixture web). */
export function startService(name: ServiceName, env: Env): ServiceProcess {
  const args = name === 'crawler' ? [FIXTURE_CHILD, name] : [BIN, 'serve', name];
  const child: ChildProcess = spawn(process.execPath, args, {
    cwd: REPO,
    env: { ...process.env, ...env, ABEP_LOG_LEVEL: 'info', ABEP_METRICS_PORT: '0' },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const pid = child.pid as number;
  let peak = 0;
  let log = '';
  const { promise: ready, resolve: markReady, reject: failReady } = Promise.withResolvers<void>();
  child.stderr?.on('data', (chunk: Buffer) => {
    const text = chunk.toString();
    log = (log + text).slice(-20_000);
    if (text.includes('"msg":"service running"')) markReady();
  });
  const sample = setInterval(() => {
    peak = Math.max(peak, vmHwmKiB(pid) ?? 0);
  }, 250);
  const exited = new Promise<number | null>((done) =>
    child.once('exit', (code, signal) => {
      clearInterval(sample);
      failReady(new Error(`${name} exited (${code ?? signal}) before it was running:\n${log.slice(-3000)}`));
      done(code);
    }),
  );
  ready.catch(() => undefined);
  return {
    name,
    pid,
    ready,
    exited,
    async stop(signal = 'SIGTERM') {
      peak = Math.max(peak, vmHwmKiB(pid) ?? 0);
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return exited;
    },
    peakRssKiB: () => Math.max(peak, vmHwmKiB(pid) ?? 0),
    tail: () => log.slice(-3000),
  };
}

const PIPELINE_SERVICES: readonly ServiceName[] = [
  'normaliser',
  'publisher',
  'extractor',
  'scheduler',
  'crawler',
];

/** Starts every service (the first alone, so topic creation does not race), waiting until each is running. */
export async function startAll(
  env: Env,
  names: readonly ServiceName[] = PIPELINE_SERVICES,
): Promise<Map<ServiceName, ServiceProcess>> {
  const running = new Map<ServiceName, ServiceProcess>();
  const [first, ...rest] = names;
  if (first) {
    const p = startService(first, env);
    running.set(first, p);
    await p.ready;
  }
  const others = rest.map((n) => startService(n, env));
  for (const p of others) running.set(p.name, p);
  await Promise.all(others.map((p) => p.ready));
  return running;
}

export async function stopAll(running: Map<ServiceName, ServiceProcess>): Promise<void> {
  await Promise.all([...running.values()].map((p) => p.stop('SIGTERM')));
}
