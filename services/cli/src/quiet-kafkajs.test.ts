import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const quiet = join(import.meta.dirname, 'quiet-kafkajs.ts');

/** A process that arms a negative timer from a module at `from`, with or without the filter installed. */
function negativeTimer(from: 'kafkajs' | 'elsewhere', filtered: boolean): string {
  const dir = mkdtempSync(join(tmpdir(), 'abep-quiet-'));
  const moduleDir = from === 'kafkajs' ? join(dir, 'node_modules', 'kafkajs', 'src') : join(dir, 'lib');
  mkdirSync(moduleDir, { recursive: true });
  writeFileSync(join(moduleDir, 'timer.mjs'), 'export const arm = () => setTimeout(() => {}, -5);\n');
  const main = join(dir, 'main.mjs');
  writeFileSync(
    main,
    [
      filtered
        ? `import { quietKafkajsTimeoutWarning } from ${JSON.stringify(quiet)}; quietKafkajsTimeoutWarning();`
        : '',
      `import { arm } from ${JSON.stringify(join(moduleDir, 'timer.mjs'))};`,
      'arm();',
      "process.emitWarning('still shown', 'OtherWarning');",
    ].join('\n'),
  );
  return spawnSync(process.execPath, [main], { encoding: 'utf8' }).stderr;
}

describe('quietKafkajsTimeoutWarning', () => {
  it("drops Node's TimeoutNegativeWarning for kafkajs's timers only, and keeps every other warning", () => {
    expect(negativeTimer('kafkajs', false)).toMatch(/TimeoutNegativeWarning/);
    const kafkajs = negativeTimer('kafkajs', true);
    expect(kafkajs).not.toMatch(/TimeoutNegativeWarning/);
    expect(kafkajs).toMatch(/OtherWarning: still shown/);
    expect(negativeTimer('elsewhere', true)).toMatch(/TimeoutNegativeWarning/);
  });
});
