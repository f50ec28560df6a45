// Sums every package's vitest JSON report into the one closing line CI reads: "N passed, N failed", after
// naming each failed test with the start of its message (CI keeps only the tail of the log).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

interface Assertion {
  fullName: string;
  status: string;
  failureMessages?: string[];
}

interface Report {
  numPassedTests: number;
  numFailedTests: number;
  numPendingTests: number;
  numTodoTests: number;
  testResults?: { name: string; status: string; message?: string; assertionResults?: Assertion[] }[];
}

function* reports(dir: string): Generator<string> {
  for (const name of readdirSync(dir)) {
    if (
      name === 'node_modules' ||
      name.startsWith('.git') ||
      name === '.tools' ||
      name === '.cache' ||
      name === '.data'
    )
      continue;
    const path = join(dir, name);
    if (name === '.vitest-report.json') yield path;
    else if (statSync(path).isDirectory()) yield* reports(path);
  }
}

const firstLines = (message: string): string =>
  message
    .split('\n')
    .slice(0, 6)
    .map((line) => `      ${line}`)
    .join('\n');

let passed = 0;
let failed = 0;
let skipped = 0;
let files = 0;
const failures: string[] = [];
for (const path of reports(process.cwd())) {
  const report = JSON.parse(readFileSync(path, 'utf8')) as Report;
  passed += report.numPassedTests;
  failed += report.numFailedTests;
  skipped += report.numPendingTests + report.numTodoTests;
  files++;
  for (const file of report.testResults ?? []) {
    const where = relative(process.cwd(), file.name);
    const failedTests = (file.assertionResults ?? []).filter((test) => test.status === 'failed');
    for (const test of failedTests)
      failures.push(`  ${where} > ${test.fullName}\n${firstLines(test.failureMessages?.[0] ?? '')}`);
    if (file.status === 'failed' && failedTests.length === 0)
      failures.push(`  ${where} (the file failed)\n${firstLines(file.message ?? '')}`);
  }
}
if (failures.length > 0) console.log(`\nfailed:\n${failures.join('\n')}`);
console.log(`\n${files} packages reported`);
console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
