import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger } from './index.ts';

describe('createLogger', () => {
  it('redacts credentials wherever a config object carries them', () => {
    const lines: string[] = [];
    const destination = new Writable({
      write(chunk, _enc, cb) {
        lines.push(String(chunk));
        cb();
      },
    });
    const logger = createLogger({ destination });
    logger.info({ s3: { accessKeyId: 'AKIAEXAMPLE', secretAccessKey: 'topsecret' } }, 'configured');
    const out = lines.join('');
    expect(out).toContain('configured');
    expect(out).not.toContain('topsecret');
    expect(out).not.toContain('AKIAEXAMPLE');
  });
});
