import { execFile, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { DirectoryStore } from '@abep/store';
import { afterAll, describe, expect, it } from 'vitest';
import { readLatestSnapshot } from './support/harness.ts';

// SLOW (several minutes): scenario 3. Clones the repository's committed state and runs the README's main
// command in the clone — Node and pnpm install into the clone's .tools/, the workspace installs from the
// lockfile (reusing the machine's pnpm store), then `abep run` crawls the full 60-council fixture web.
const REPO = resolve(import.meta.dirname, '../..');

/** The environment of a new shell: no ABEP_* settings (so the run is embedded) and no project Node on PATH. */
function cleanEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env))
    if (!k.startsWith('ABEP_') && !k.startsWith('VITEST') && !k.startsWith('npm_')) env[k] = v;
  env.PATH = (process.env.PATH ?? '')
    .split(':')
    .filter((p) => !p.startsWith(REPO))
    .join(':');
  env.NODE_ENV = 'production';
  return env;
}

describe('SLOW: abep run from a fresh clone via the README main command', () => {
  let dir: string | undefined;
  // The clone holds a whole install (.tools, node_modules): removing it can take a while on a loaded machine.
  // fs.rm removes the shared-data symlink itself, never what it points to.
  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  }, 120_000);

  it('clones, installs and publishes a snapshot of the fixture web, exiting 0', async () => {
    dir = await mkdtemp(join(tmpdir(), 'abep-clone-'));
    const clone = join(dir, 'repo');
    const storeDir = join(dir, 'store');
    await promisify(execFile)('git', ['clone', '--quiet', REPO, clone]);
    // A machine of this project has the shared reference data beside the project root, as CI does.
    await symlink(resolve(REPO, '..', 'shared'), join(dir, 'shared'));
    expect(existsSync(join(clone, 'infra/run.sh')), 'infra/run.sh is not committed').toBe(true);

    const started = Date.now();
    const child = spawn('bash', ['infra/run.sh', '--fixture-web', '--json', '--store-dir', storeDir], {
      cwd: clone,
      env: cleanEnv(),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => {
      stdout += c.toString();
    });
    child.stderr.on('data', (c: Buffer) => {
      stderr = (stderr + c.toString()).slice(-8000);
    });
    const code = await new Promise<number | null>((done) => child.on('close', done));
    console.info(
      `[e2e] fresh clone: infra/run.sh exited ${code} after ${((Date.now() - started) / 1000).toFixed(0)} s`,
    );
    expect(code, `infra/run.sh failed; stderr tail:\n${stderr}`).toBe(0);

    const summary = JSON.parse(stdout) as {
      outcome: string;
      partnerships: number;
      localAuthorities: number;
      snapshot: { status: string; version: string };
    };
    expect(summary.snapshot.status).toBe('published');
    expect(summary.localAuthorities).toBe(153);
    const snapshot = await readLatestSnapshot(new DirectoryStore(storeDir));
    expect(snapshot?.version).toBe(summary.snapshot.version);
    expect(snapshot?.partnerships.length).toBe(summary.partnerships);
    expect(snapshot?.partnerships.length).toBeGreaterThan(0);
  }, 1_200_000);
});
