import { describe, expect, it } from 'vitest';
import {
  checkDependencies,
  importSpecifiers,
  isTestFile,
  packageOf,
  type Violation,
  type Workspace,
} from '../infra/check-deps.ts';

const ws = (dir: string, name: string, more: Partial<Workspace> = {}): Workspace => ({
  dir,
  name,
  files: [],
  ...more,
});
const file = (path: string, ...imports: string[]) => ({ path, imports });

/** A small tree that obeys every rule; each test adds one offence to it. */
const base = (): Workspace[] => [
  ws('packages/schemas', '@abep/schemas', { dependencies: { zod: '1' } }),
  ws('packages/bus', '@abep/bus', {
    dependencies: { '@abep/schemas': 'workspace:*' },
    devDependencies: { vitest: '1', '@abep/testkit': 'workspace:*' },
    files: [file('packages/bus/src/bus.ts', '@abep/schemas', './backoff.ts', 'node:fs')],
  }),
  ws('packages/testkit', '@abep/testkit', {
    dependencies: { vitest: '1', '@abep/bus': 'workspace:*' },
    files: [file('packages/testkit/src/bus-contract.ts', 'vitest', '@abep/bus')],
  }),
  ws('packages/evaluation', '@abep/evaluation', {
    files: [file('packages/evaluation/src/index.ts', '@abep/pipelines-la-websites')],
  }),
  ws('pipelines/la-websites', '@abep/pipelines-la-websites', {
    dependencies: { '@abep/schemas': 'workspace:*' },
  }),
  ws('pipelines/registry', '@abep/pipelines', {
    dependencies: { '@abep/pipelines-la-websites': 'workspace:*' },
    files: [file('pipelines/registry/src/registry.ts', '@abep/pipelines-la-websites')],
  }),
  ws('services/crawler', '@abep/crawler', {
    dependencies: { '@abep/bus': 'workspace:*' },
    files: [
      file('services/crawler/src/app.ts', '@abep/bus', '../bench/x.ts'),
      file('services/crawler/src/app.test.ts', '@abep/testkit', 'vitest', '../../cli/src/main.ts'),
      file('services/crawler/src/child.test-helper.ts', '@abep/testkit'),
      file('services/crawler/bench/crawl.bench.ts', '@abep/testkit'),
    ],
  }),
  ws('services/cli', '@abep/cli', {
    dependencies: { '@abep/crawler': 'workspace:*', '@abep/pipelines': 'workspace:*' },
    devDependencies: { '@abep/pipelines-la-websites': 'workspace:*' },
    files: [
      file('services/cli/src/main.ts', '@abep/crawler', '@abep/pipelines'),
      file('services/cli/src/test-support/seeds.ts', '@abep/pipelines-la-websites'),
    ],
  }),
  ws('tests', '@abep/tests', {
    dependencies: { '@abep/cli': 'workspace:*', '@abep/testkit': 'workspace:*' },
    files: [file('tests/e2e/support/harness.ts', '@abep/cli', '@abep/crawler', 'vitest')],
  }),
];

function withOffence(dir: string, change: (w: Workspace) => Workspace): Workspace[] {
  return base().map((w) => (w.dir === dir ? change(w) : w));
}
const addFile =
  (path: string, ...imports: string[]) =>
  (w: Workspace) => ({
    ...w,
    files: [...w.files, file(path, ...imports)],
  });
const check = (tree: Workspace[]): Violation[] => checkDependencies(tree, []);

describe('dependency-direction check', () => {
  it('passes a tree where services → packages → schemas and only the CLI and tests reach services', () => {
    expect(check(base())).toEqual([]);
  });

  it('fails a package that imports a service', () => {
    const tree = withOffence('packages/bus', addFile('packages/bus/src/x.ts', '@abep/crawler/app'));
    expect(check(tree)).toEqual([
      {
        file: 'packages/bus/src/x.ts',
        import: '@abep/crawler/app',
        rule: 'service-outside-composition-root',
      },
    ]);
  });

  it('fails a pipeline or another service that declares a service as a dependency (dev too)', () => {
    const tree = withOffence('pipelines/la-websites', (w) => ({
      ...w,
      devDependencies: { '@abep/crawler': 'workspace:*' },
    }));
    expect(check(tree)).toEqual([
      {
        file: 'pipelines/la-websites/package.json',
        import: '@abep/crawler (devDependencies)',
        rule: 'service-outside-composition-root',
      },
    ]);
    const service = withOffence('services/crawler', (w) => ({
      ...w,
      dependencies: { ...w.dependencies, '@abep/cli': 'workspace:*' },
    }));
    expect(check(service).map((v) => v.rule)).toEqual(['service-outside-composition-root']);
  });

  it('fails a package other than packages/evaluation that uses a pipeline', () => {
    const tree = withOffence('packages/bus', addFile('packages/bus/src/x.ts', '@abep/pipelines-la-websites'));
    expect(check(tree)).toEqual([
      { file: 'packages/bus/src/x.ts', import: '@abep/pipelines-la-websites', rule: 'pipeline-from-package' },
    ]);
  });

  it('fails a service that ships a pipelines/<source> package instead of the registry', () => {
    const tree = withOffence('services/crawler', (w) => ({
      ...addFile('services/crawler/src/scope.ts', '@abep/pipelines-la-websites')(w),
      dependencies: { ...w.dependencies, '@abep/pipelines-la-websites': 'workspace:*' },
    }));
    expect(check(tree)).toEqual([
      {
        file: 'services/crawler/package.json',
        import: '@abep/pipelines-la-websites (dependencies)',
        rule: 'pipeline-outside-registry',
      },
      {
        file: 'services/crawler/src/scope.ts',
        import: '@abep/pipelines-la-websites',
        rule: 'pipeline-outside-registry',
      },
    ]);
  });

  it('fails a relative import that leaves its workspace, and an absolute one', () => {
    const tree = withOffence(
      'services/cli',
      addFile('services/cli/src/commands/run.ts', '../../../crawler/src/app.ts', '/work/x.ts', '../main.ts'),
    );
    expect(check(tree)).toEqual([
      {
        file: 'services/cli/src/commands/run.ts',
        import: '../../../crawler/src/app.ts',
        rule: 'relative-import-escapes-workspace',
      },
      {
        file: 'services/cli/src/commands/run.ts',
        import: '/work/x.ts',
        rule: 'relative-import-escapes-workspace',
      },
    ]);
  });

  it('fails a production module that imports the testkit or vitest, and a production dependency on them', () => {
    const tree = withOffence('services/crawler', (w) => ({
      ...addFile('services/crawler/src/web.ts', '@abep/testkit', 'vitest/config')(w),
      dependencies: { ...w.dependencies, '@abep/testkit': 'workspace:*' },
    }));
    expect(check(tree)).toEqual([
      {
        file: 'services/crawler/package.json',
        import: '@abep/testkit (dependencies)',
        rule: 'test-code-in-production',
      },
      { file: 'services/crawler/src/web.ts', import: '@abep/testkit', rule: 'test-code-in-production' },
      { file: 'services/crawler/src/web.ts', import: 'vitest/config', rule: 'test-code-in-production' },
    ]);
  });

  it('lets an allow-list entry excuse exactly one violation, and fails an entry that matches nothing', () => {
    const tree = withOffence('services/crawler', addFile('services/crawler/src/web.ts', '@abep/testkit'));
    const entry = {
      file: 'services/crawler/src/web.ts',
      import: '@abep/testkit',
      rule: 'test-code-in-production' as const,
      why: 'test',
    };
    expect(checkDependencies(tree, [entry])).toEqual([]);
    expect(checkDependencies(base(), [entry])).toEqual([
      { file: entry.file, import: entry.import, rule: 'stale-allow-entry' },
    ]);
  });

  it('reads imports with the TypeScript scanner: every form, never comments or strings', () => {
    const source = [
      "import { a } from '@abep/bus';",
      "import type { B } from './b.ts';",
      "export * from '../c.ts';",
      "import 'side-effect';",
      "const d = await import('@abep/testkit');",
      "// import { e } from '@abep/crawler';",
      'const f = "import g from \'@abep/cli\'";',
    ].join('\n');
    expect(importSpecifiers(source)).toEqual([
      '@abep/bus',
      './b.ts',
      '../c.ts',
      'side-effect',
      '@abep/testkit',
    ]);
  });

  it('names packages and test files as the repository does', () => {
    expect(packageOf('@abep/extraction/evaluation')).toBe('@abep/extraction');
    expect(packageOf('zod/v4')).toBe('zod');
    expect(packageOf('node:fs')).toBeUndefined();
    expect(
      [
        'a/x.test.ts',
        'a/x.int.test.ts',
        'a/x.test-helper.ts',
        'a/test-server.ts',
        'a/test-support/h.ts',
      ].every(isTestFile),
    ).toBe(true);
    expect(['a/testkit.ts', 'a/contest.ts', 'packages/testkit/src/index.ts'].some(isTestFile)).toBe(false);
  });
});
