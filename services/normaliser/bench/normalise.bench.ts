// Normalisation throughput on a synthetic stream of observations (invented names and URLs). Prints figures only.
import { loadGazetteer } from '@abep/gazetteer';
import type { ObservationV1 } from '@abep/schemas';
import { partnershipObs } from '../src/fixtures.ts';
import { markPublished, normaliseBatch } from '../src/normalise-batch.ts';
import { createRegisterState } from '../src/register-state.ts';

const total = Number(process.env.BENCH_OBSERVATIONS ?? 50_000);
const gazetteer = loadGazetteer();
const las = gazetteer.localAuthorities;
const partnerships = Math.floor(total / 5);
const kinds = ['own-site', 'council', 'third-party'] as const;

const observations: ObservationV1[] = [];
for (let i = 0; i < total; i++) {
  const p = i % partnerships;
  const la = las[p % las.length];
  const kind = kinds[i % 3] ?? 'third-party';
  observations.push(
    partnershipObs({
      url:
        kind === 'own-site'
          ? `https://p${p}-partnership.org.uk/page-${i % 7}`
          : `https://news${i % 97}.example.com/${p}`,
      kind,
      name: `Synthetic Partnership ${p}`,
      areas: [la?.niceName ?? 'Leeds'],
      ...(kind === 'own-site'
        ? { website: `https://p${p}-partnership.org.uk`, companyNumber: String(10_000 + p) }
        : {}),
      decision: i % 23 === 0 ? 'lookalike' : 'abep',
      fetchedAt: `2025-01-${String(1 + (i % 28)).padStart(2, '0')}T10:00:00Z`,
      observationId: `bench-${i}`,
    }),
  );
}

const state = createRegisterState();
const started = performance.now();
const result = normaliseBatch(observations, [], gazetteer, state, { finishedCrawlId: 'crawl-1' });
const seconds = (performance.now() - started) / 1000;
markPublished(state, result.changed);
const rerunStart = performance.now();
const rerun = normaliseBatch(observations, [], gazetteer, state, { finishedCrawlId: 'crawl-1' });
const rerunSeconds = (performance.now() - rerunStart) / 1000;

console.log(`observations            ${total}`);
console.log(`records                 ${result.records.length} (rejected mentions ${result.rejected.length})`);
console.log(
  `first pass              ${seconds.toFixed(2)} s  ${Math.round(total / seconds)} observations/s  ${Math.round(result.records.length / seconds)} records/s`,
);
console.log(
  `rerun on warm state     ${rerunSeconds.toFixed(2)} s  ${Math.round(total / rerunSeconds)} observations/s  (${rerun.changed.length} changed)`,
);
console.log(`heap used               ${Math.round(process.memoryUsage().heapUsed / 1e6)} MB`);
