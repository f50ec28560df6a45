import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { mapFiles } from './build-map.ts';

/** `pnpm --filter @abep/map build [dir]`: the map's files on disk, to look at or host by hand. */
const out = process.argv[2] ?? 'dist';
for (const f of await mapFiles()) {
  const path = join(out, f.path);
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, f.body);
  console.log(`${path}  ${f.body.length} bytes`);
}
