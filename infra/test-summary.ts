// Sums every package's vitest JSON report into the one closing line CI reads: "N passed, N failed".
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

interface Report {
  numPassedTests: number;
  numFailedTests: number;
  numPendingTests: number;
  numTodoTests: number;
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

let passed = 0;
let failed = 0;
let skipped = 0;
let files = 0;
for (const path of reports(process.cwd())) {
  const report = JSON.parse(readFileSync(path, 'utf8')) as Report;
  passed += report.numPassedTests;
  failed += report.numFailedTests;
  skipped += report.numPendingTests + report.numTodoTests;
  files++;
}
console.log(`\n${files} packages reported`);
console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
