import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { silentLogger } from '@abep/logger';
import { requireService, s3TestConfig } from '@abep/testkit';
import { beforeAll, describe, expect, it } from 'vitest';
import { openInfra } from './infra.ts';
import { readSettings } from './settings.ts';

const bin = join(import.meta.dirname, 'bin.ts');
const scratch = mkdtempSync(join(tmpdir(), 'abep-store-unusable-'));
const file = join(scratch, 'a-file');
writeFileSync(file, 'not a directory');

/** `abep run` with `env`, stopped at 120 s (far under the 32-min run limit the issue saw it wait out). */
function run(env: Record<string, string>): Promise<{ code: number | null; killed: boolean; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [bin, 'run', '--la', 'Camden', '--deadline-minutes', '1'], {
      env: { PATH: process.env.PATH ?? '', ABEP_LOG_LEVEL: 'error', ...env },
    });
    let stderr = '';
    child.stderr.on('data', (c) => {
      stderr += c;
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), 120_000);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, killed: signal === 'SIGKILL', stderr });
    });
  });
}

const s3 = s3TestConfig();
const s3Env = (endpoint: string, bucket = s3.bucket) => ({
  ABEP_S3_ENDPOINT: endpoint,
  ABEP_S3_BUCKET: bucket,
  ABEP_S3_ACCESS_KEY_ID: s3.accessKeyId,
  ABEP_S3_SECRET_ACCESS_KEY: s3.secretAccessKey,
});

// An unreachable or unusable store is reported at start, named, with exit 3 (README), not waited out.
describe('abep run with a store it cannot use', { timeout: 150_000 }, () => {
  beforeAll(() => requireService('s3'));

  it.each([
    ['store dir is a file', 3, `store directory ${file}`, { ABEP_STORE_DIR: file }],
    ['store dir under a file', 3, `store directory ${file}/store`, { ABEP_STORE_DIR: join(file, 'store') }],
    ['store dir under /proc', 3, 'store directory /proc/abep-store', { ABEP_STORE_DIR: '/proc/abep-store' }],
    ['S3 on a closed port', 3, 'store s3 http://127.0.0.1:9/', s3Env('http://127.0.0.1:9')],
    [
      'S3 bucket missing on the real server',
      3,
      `store s3 ${s3.endpoint}/abep-no-such-bucket`,
      s3Env(s3.endpoint, 'abep-no-such-bucket'),
    ],
    ['ftp:// endpoint', 2, 'ABEP_S3_ENDPOINT', s3Env('ftp://127.0.0.1:21')],
    ['file:// endpoint', 2, 'ABEP_S3_ENDPOINT', s3Env('file:///tmp/store')],
  ])('%s: exit %i naming %s', async (_what, code, named, env) => {
    const r = await run(env);
    expect(r.killed).toBe(false);
    expect(r.stderr).toContain(named);
    expect(r.code).toBe(code);
  });

  it('a usable store passes the probe (directory and the real S3 server)', async () => {
    for (const env of [{ ABEP_STORE_DIR: join(scratch, 'store') }, s3Env(s3.endpoint)]) {
      const infra = await openInfra(readSettings(env).infra, silentLogger());
      await infra.close();
    }
  });
});
