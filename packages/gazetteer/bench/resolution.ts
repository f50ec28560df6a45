/**
 * Resolution precision and recall on a test set written from the real school lists at run time (see
 * src/resolution-test-set.ts). `node bench/resolution.ts [dataDir] [--mistakes]`.
 */
import { buildResolutionTestSet, scoreResolution } from '../src/resolution-test-set.ts';
import { FUZZY_MARGIN, FUZZY_THRESHOLD, loadSchoolGazetteer } from '../src/school-gazetteer.ts';

const args = process.argv.slice(2);
const dataDir = args.find((a) => !a.startsWith('--'));
const started = performance.now();
const schools = loadSchoolGazetteer(dataDir);
const loadedMs = Math.round(performance.now() - started);
const cases = buildResolutionTestSet(schools, [...schools.countsByLa().keys()]);
const t = performance.now();
const score = scoreResolution(schools, cases);
const matchMs = Math.round(performance.now() - t);
console.log(`school lists loaded in ${loadedMs} ms; ${cases.length} cases matched in ${matchMs} ms`);
console.log(`fuzzy threshold ${FUZZY_THRESHOLD}, margin ${FUZZY_MARGIN}`);
console.log('variant'.padEnd(36), 'cases'.padStart(6), 'right'.padStart(6), 'wrong'.padStart(6));
for (const [variant, v] of Object.entries(score.byVariant))
  console.log(
    variant.padEnd(36),
    String(v.cases).padStart(6),
    String(v.correct).padStart(6),
    String(v.wrong).padStart(6),
  );
console.log(
  `precision ${score.precision.toFixed(4)}  recall ${score.recall.toFixed(4)}  (resolved ${score.resolved}, right ${score.correct}, wrong ${score.wrong}, of ${score.resolvable} resolvable; must-stay-unresolved resolved: ${score.ambiguousResolved})`,
);
if (args.includes('--mistakes')) for (const m of score.mistakes) console.log(JSON.stringify(m));
