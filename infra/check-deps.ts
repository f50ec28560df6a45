// Dependency direction, checked in `pnpm lint` (`node infra/check-deps.ts`): services → packages → schemas;
// pipelines depend on no service; nothing but the composition root (services/cli) and the cross-service
// scenarios (tests) reaches into services/; services reach the pipelines through their registry
// (pipelines/registry); test code stays out of production modules.
// Reads every workspace's package.json and the import specifiers of its non-test source files (src/ and bench/;
// for tests, every non-test file); prints one line per violation (file, import, rule) and exits 1.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, posix, relative, resolve, sep } from 'node:path';
import ts from 'typescript';

export type Rule =
  | 'service-outside-composition-root'
  | 'pipeline-from-package'
  | 'pipeline-outside-registry'
  | 'relative-import-escapes-workspace'
  | 'test-code-in-production'
  | 'stale-allow-entry';

export const RULES: Record<Rule, string> = {
  'service-outside-composition-root':
    'only services/cli and tests may depend on or import a services/* package',
  'pipeline-from-package':
    'a packages/* workspace (other than packages/evaluation) may not use a pipelines/* package',
  'pipeline-outside-registry':
    'a services/* workspace uses the pipelines through @abep/pipelines (pipelines/registry), not a pipelines/<source> package',
  'relative-import-escapes-workspace':
    'a relative import must stay inside its workspace (use the package name)',
  'test-code-in-production': 'production code may not import or depend on @abep/testkit or vitest',
  'stale-allow-entry': 'an allow-list entry matches nothing any more: delete it',
};

export interface SourceFile {
  /** Repository-relative, `/`-separated. */
  path: string;
  imports: readonly string[];
}

export interface Workspace {
  /** Repository-relative, `/`-separated: `packages/bus`, `services/cli`, `tests`. */
  dir: string;
  name: string;
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  files: readonly SourceFile[];
}

export interface Violation {
  /** The source file, or the workspace's package.json for a declared dependency. */
  file: string;
  /** The import specifier, or `<dependency> (<field>)`. */
  import: string;
  rule: Rule;
}

export interface AllowEntry extends Violation {
  why: string;
}

/**
 * Known violations, each with its reason. Keep this short: an entry is a debt with a plan, not a rule change.
 * An entry that no longer matches anything fails the check, so it is deleted when the debt is paid.
 */
export const ALLOW: readonly AllowEntry[] = [];

const DEPENDENCY_FIELDS = [
  'dependencies',
  'devDependencies',
  'peerDependencies',
  'optionalDependencies',
] as const;
const COMPOSITION_ROOTS = new Set(['services/cli', 'tests']);
const PIPELINE_USERS = new Set(['packages/evaluation']);
const PIPELINE_REGISTRY = 'pipelines/registry';
/** Test support by name: `x.test.ts`, `x.int.test.ts`, `x.test-helper.ts`, `test-x.ts`, anything under `test-support/`. */
const TEST_FILE = /(^|\/)(test-support\/.*|test-[^/]*|[^/]*\.test(-helper)?\.[cm]?[jt]s)$/;

/** The package a bare specifier names (`@abep/extraction/evaluation` → `@abep/extraction`), else undefined. */
export function packageOf(specifier: string): string | undefined {
  if (specifier.startsWith('.') || specifier.startsWith('/') || specifier.includes(':')) return undefined;
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

export function isTestFile(path: string): boolean {
  return TEST_FILE.test(path);
}

function isBenchFile(workspace: Workspace, path: string): boolean {
  return path.startsWith(`${workspace.dir}/bench/`);
}

/** Test-only code: the testkit itself, the tests workspace, test files and benches. */
function isProduction(workspace: Workspace, path: string): boolean {
  if (workspace.dir === 'packages/testkit' || workspace.dir === 'tests') return false;
  return !isTestFile(path) && !isBenchFile(workspace, path);
}

function isTestTooling(name: string): boolean {
  return name === '@abep/testkit' || name === 'vitest' || name.startsWith('@vitest/');
}

function group(dir: string): string {
  return dir.split('/')[0] ?? dir;
}

/** Every rule violation in the given workspaces, minus the allow-listed ones (plus any stale allow entries). */
export function checkDependencies(
  workspaces: readonly Workspace[],
  allow: readonly AllowEntry[] = ALLOW,
): Violation[] {
  const dirOf = new Map(workspaces.map((w) => [w.name, w.dir]));
  const found: Violation[] = [];

  // A use of another workspace's package, by a declared dependency or an import.
  const usePackage = (from: Workspace, file: string, shown: string, name: string, production: boolean) => {
    const target = dirOf.get(name);
    if (target !== undefined && target !== from.dir) {
      if (group(target) === 'services' && !COMPOSITION_ROOTS.has(from.dir)) {
        found.push({ file, import: shown, rule: 'service-outside-composition-root' });
      }
      if (group(target) === 'pipelines' && group(from.dir) === 'packages' && !PIPELINE_USERS.has(from.dir)) {
        found.push({ file, import: shown, rule: 'pipeline-from-package' });
      }
      // Tests may build on one pipeline; what ships asks the registry, so a source is added in one place.
      if (
        group(target) === 'pipelines' &&
        target !== PIPELINE_REGISTRY &&
        group(from.dir) === 'services' &&
        production
      ) {
        found.push({ file, import: shown, rule: 'pipeline-outside-registry' });
      }
    }
    if (production && isTestTooling(name))
      found.push({ file, import: shown, rule: 'test-code-in-production' });
  };

  for (const w of workspaces) {
    const manifest = `${w.dir}/package.json`;
    for (const field of DEPENDENCY_FIELDS) {
      for (const name of Object.keys(w[field] ?? {})) {
        // Only what ships: a devDependency on the testkit is how tests get it.
        const production = field === 'dependencies' && isProduction(w, manifest);
        usePackage(w, manifest, `${name} (${field})`, name, production);
      }
    }
    for (const file of w.files) {
      if (isTestFile(file.path)) continue;
      const production = isProduction(w, file.path);
      for (const specifier of file.imports) {
        if (specifier.startsWith('.') || specifier.startsWith('/')) {
          const target = posix.normalize(posix.join(posix.dirname(file.path), specifier));
          const inside = target === w.dir || target.startsWith(`${w.dir}/`);
          if (specifier.startsWith('/') || !inside) {
            found.push({ file: file.path, import: specifier, rule: 'relative-import-escapes-workspace' });
          }
          continue;
        }
        const name = packageOf(specifier);
        if (name !== undefined) usePackage(w, file.path, specifier, name, production);
      }
    }
  }

  const key = (v: Violation) => `${v.file}\u0000${v.import}\u0000${v.rule}`;
  const allowed = new Set(allow.map(key));
  const matched = new Set(found.map(key));
  const stale = allow
    .filter((entry) => !matched.has(key(entry)))
    .map((entry) => ({ file: entry.file, import: entry.import, rule: 'stale-allow-entry' as const }));
  return [...found.filter((v) => !allowed.has(key(v))), ...stale];
}

/** Static and dynamic import/export/require specifiers, read by the TypeScript scanner (comments and strings are not imports). */
export function importSpecifiers(source: string): string[] {
  return ts.preProcessFile(source, true, true).importedFiles.map((f) => f.fileName);
}

export function formatViolation(v: Violation): string {
  return `${v.file}: ${v.import}: ${v.rule} (${RULES[v.rule]})`;
}

// --- reading the repository --------------------------------------------------------------------------------

const SOURCE = /\.[cm]?[jt]s$/;
const SKIP_DIRS = new Set(['node_modules', 'fixtures', 'coverage', 'dist']);

function* sourceFiles(dir: string): Generator<string> {
  if (!existsSync(dir)) return;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name.startsWith('.') || SKIP_DIRS.has(entry.name)) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* sourceFiles(path);
    else if (SOURCE.test(entry.name) && !entry.name.endsWith('.d.ts')) yield path;
  }
}

/** packages/*, services/*, pipelines/* and tests, as pnpm-workspace.yaml lists them. */
export function readWorkspaces(root: string): Workspace[] {
  const dirs = ['packages', 'services', 'pipelines'].flatMap((group) =>
    existsSync(join(root, group))
      ? readdirSync(join(root, group))
          .map((name) => join(group, name))
          .filter((dir) => existsSync(join(root, dir, 'package.json')))
      : [],
  );
  if (existsSync(join(root, 'tests', 'package.json'))) dirs.push('tests');
  return dirs.sort().map((dir) => {
    const manifest = JSON.parse(readFileSync(join(root, dir, 'package.json'), 'utf8')) as Omit<
      Workspace,
      'dir' | 'files'
    >;
    // tests has no src/: all of it is scanned (its test files are skipped like any other).
    const roots = dir === 'tests' ? [dir] : [join(dir, 'src'), join(dir, 'bench')];
    const files = roots
      .flatMap((r) => [...sourceFiles(join(root, r))])
      .map((abs) => {
        const path = relative(root, abs).split(sep).join('/');
        return { path, imports: isTestFile(path) ? [] : importSpecifiers(readFileSync(abs, 'utf8')) };
      });
    return { ...manifest, dir, files };
  });
}

function main(): void {
  const root = resolve(dirname(new URL(import.meta.url).pathname), '..');
  if (!statSync(join(root, 'pnpm-workspace.yaml')).isFile()) throw new Error(`no workspace at ${root}`);
  const workspaces = readWorkspaces(root);
  const violations = checkDependencies(workspaces);
  for (const v of violations) console.error(formatViolation(v));
  const files = workspaces.reduce((n, w) => n + w.files.filter((f) => !isTestFile(f.path)).length, 0);
  if (violations.length > 0) {
    console.error(`check-deps: ${violations.length} violation(s) in ${workspaces.length} workspaces`);
    process.exitCode = 1;
  } else {
    console.log(
      `check-deps: ${workspaces.length} workspaces, ${files} non-test source files, no violations (${ALLOW.length} allowed)`,
    );
  }
}

if (import.meta.main) main();
