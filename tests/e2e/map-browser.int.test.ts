// The published map in real Chromium (Debian's, driven by playwright-core; never a downloaded browser), loaded
// from `abep serve web` and straight from the S3 server under the public-read policy infra/s3.sh sets.
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { createBus, MemoryTransport } from '@abep/bus';
import { loadGazetteer } from '@abep/gazetteer';
import { silentLogger } from '@abep/logger';
import { createPublisher } from '@abep/publisher';
import { LocalAuthorityProfileV1, PartnershipV1, type RegisterRecordV1 } from '@abep/schemas';
import { createS3Store } from '@abep/store-s3';
import { requireService, s3TestConfig, uniqueId } from '@abep/testkit';
import { type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../..');
const CHROMIUM = process.env.ABEP_CHROMIUM ?? '/usr/bin/chromium';
const ARTEFACTS = join(root, 'tests/artefacts');
const gazetteer = loadGazetteer();

const la = (code: string) => {
  const found = gazetteer.localAuthorities.find((l) => l.laCode === code);
  if (!found) throw new Error(`no LA ${code}`);
  return found;
};
const source = (url: string, excerpt: string) => [
  {
    sourceUrl: url,
    fetchedAt: '2026-11-20T10:00:00.000Z',
    sourceKind: 'own-site' as const,
    excerpt,
    extractorVersion: 'test-1',
  },
];

function partnership(id: string, name: string, laCode: string, type: PartnershipV1['type']): PartnershipV1 {
  const l = la(laCode);
  return PartnershipV1.parse({
    kind: 'partnership',
    id,
    name,
    aliases: [],
    website: `https://${id}.example.org/`,
    localAuthorities: [{ laCode: l.laCode, gssCode: l.gssCode, name: l.laName }],
    regions: [l.region],
    type,
    legalForm: 'unknown',
    phases: ['primary'],
    focusAreas: [],
    memberSchoolUrns: [],
    status: 'active',
    firstSeen: '2026-01-01T00:00:00.000Z',
    lastSeen: '2026-11-20T10:00:00.000Z',
    crawlsUnseen: 0,
    confidence: 1,
    provenance: { name: source(`https://${id}.example.org/about`, `${name} is a partnership of schools.`) },
  });
}

const NORTH_YORKSHIRE = '815';
const NORFOLK = '926';
const first = partnership(
  'abep-000000000001',
  'Learn North Yorkshire Together',
  NORTH_YORKSHIRE,
  'schools-led',
);
const second = partnership('abep-000000000002', 'Norfolk Schools Alliance', NORFOLK, 'joint-with-la');
const role = LocalAuthorityProfileV1.parse({
  kind: 'local-authority',
  laCode: NORTH_YORKSHIRE,
  gssCode: la(NORTH_YORKSHIRE).gssCode,
  name: la(NORTH_YORKSHIRE).laName,
  region: la(NORTH_YORKSHIRE).region,
  roles: ['funder'],
  partnershipIds: [],
  pagesExamined: ['https://www.northyorks.gov.uk/schools'],
  coverage: 'crawled',
  lastCrawled: '2026-11-20T10:00:00.000Z',
  provenance: {
    'roles.funder': source(
      'https://www.northyorks.gov.uk/school-improvement',
      'The council funds the partnership.',
    ),
  },
});

const prefix = `${uniqueId('map')}/`;
let version = '';
let web: ChildProcess | undefined;
let webUrl = '';
let context: BrowserContext;
let userDataDir = '';

async function publish(records: RegisterRecordV1[], at: string): Promise<string> {
  const bus = createBus(new MemoryTransport());
  await bus.publish('register.updated.v1', records);
  const store = createS3Store({ ...s3TestConfig(), prefix });
  const result = await createPublisher({
    bus,
    store,
    logger: silentLogger(),
    gazetteer,
    now: () => new Date(at),
  }).publishNow();
  expect(result.status).toBe('published');
  return result.version;
}

function startWeb(): Promise<string> {
  const s3 = s3TestConfig();
  web = spawn(process.execPath, [join(root, 'services/cli/src/bin.ts'), 'serve', 'web', '--port', '0'], {
    env: {
      ...process.env,
      ABEP_S3_ENDPOINT: s3.endpoint,
      ABEP_S3_BUCKET: s3.bucket,
      ABEP_S3_PREFIX: prefix,
      ABEP_S3_ACCESS_KEY_ID: s3.accessKeyId,
      ABEP_S3_SECRET_ACCESS_KEY: s3.secretAccessKey,
      ABEP_KAFKA_BROKERS: '',
      ABEP_LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolvePromise, reject) => {
    let out = '';
    web?.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString('utf8');
      const m = /serving the register at (\S+)/.exec(out);
      if (m) resolvePromise(m[1] as string);
    });
    web?.once('exit', (code) =>
      reject(new Error(`abep serve web exited (${code}) before listening: ${out}`)),
    );
  });
}

beforeAll(async () => {
  if (!existsSync(CHROMIUM))
    throw new Error(
      `${CHROMIUM} not found: install it with \`bash infra/install-chromium.sh\` (this test never skips)`,
    );
  await requireService('s3');
  await publish([first, role], '2026-11-24T01:00:00Z');
  version = await publish([first, second, role], '2026-11-24T02:00:00Z');
  await promisify(execFile)(
    'bash',
    [join(root, 'infra/s3.sh'), 'public-read', s3TestConfig().bucket, `${prefix}register/`],
    {
      env: { ...process.env, ABEP_S3_ENDPOINT: s3TestConfig().endpoint },
    },
  );
  webUrl = await startWeb();
  await mkdir(ARTEFACTS, { recursive: true });
  userDataDir = await mkdtemp(join(tmpdir(), 'abep-chromium-'));
  context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width: 1400, height: 900 },
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--enable-unsafe-swiftshader',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}, 120_000);

afterAll(async () => {
  await context?.close();
  web?.kill('SIGTERM');
  if (userDataDir) await rm(userDataDir, { recursive: true, force: true });
});

/** The part of MapLibre's Map the page exposes as window.abepMap that the test asks. */
interface PageMap {
  queryRenderedFeatures(
    at?: [number, number] | { layers: string[] },
    options?: { layers: string[] },
  ): { properties: Record<string, unknown> }[];
  getCanvas(): HTMLCanvasElement;
  once(event: 'idle', f: () => void): void;
  triggerRepaint(): void;
}

interface Loaded {
  page: Page;
  errors: string[];
}

async function open(url: string): Promise<Loaded> {
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(url);
  await page.waitForFunction(() => document.body.dataset.state, null, { timeout: 30_000 });
  expect(
    await page.evaluate(() => document.body.dataset.state),
    (await page.locator('#status').textContent()) ?? '',
  ).toBe('ready');
  return { page, errors };
}

/** LA codes drawn in the fill layer, as MapLibre rendered them. */
const drawn = (page: Page) =>
  page.evaluate(() => {
    const map = (window as unknown as { abepMap: PageMap }).abepMap;
    return [
      ...new Set(map.queryRenderedFeatures({ layers: ['la-fill'] }).map((f) => String(f.properties.la_code))),
    ].sort();
  });

async function settle(page: Page): Promise<void> {
  await page.evaluate(
    () =>
      new Promise<void>((r) => {
        const map = (window as unknown as { abepMap: PageMap }).abepMap;
        map.once('idle', () => r());
        map.triggerRepaint();
      }),
  );
}

/** A point on the page inside the LA as drawn, found by asking the map what is rendered where. */
async function pointInside(page: Page, laCode: string): Promise<{ x: number; y: number }> {
  const point = await page.evaluate((code) => {
    const map = (window as unknown as { abepMap: PageMap }).abepMap;
    const canvas = map.getCanvas().getBoundingClientRect();
    for (let y = 5; y < canvas.height; y += 10)
      for (let x = 5; x < canvas.width; x += 10) {
        const hit = map.queryRenderedFeatures([x, y], { layers: ['la-fill'] })[0];
        if (hit && String(hit.properties.la_code) === code) return { x: canvas.left + x, y: canvas.top + y };
      }
    return undefined;
  }, laCode);
  if (!point) throw new Error(`LA ${laCode} is not drawn`);
  return point;
}

async function exercise(name: string, url: string): Promise<void> {
  const { page, errors } = await open(url);
  expect(await drawn(page)).toHaveLength(153);

  const at = await pointInside(page, NORTH_YORKSHIRE);
  await page.mouse.click(at.x, at.y);
  const details = page.locator('#details');
  await details.getByRole('heading', { name: first.name }).waitFor();
  expect(await details.locator('a[href="https://abep-000000000001.example.org/about"]').count()).toBe(1);
  expect(await details.locator('a[href="https://www.northyorks.gov.uk/school-improvement"]').count()).toBe(1);
  expect(await details.textContent()).toContain('schools-led');
  await page.screenshot({ path: join(ARTEFACTS, `map-${name}.png`) });

  await page.selectOption('#f-type', 'joint-with-la');
  await settle(page);
  expect(await drawn(page)).toEqual([NORFOLK]);
  await page.selectOption('#f-type', 'any');
  await page.check('#f-changed');
  await settle(page);
  expect(await drawn(page)).toEqual([NORFOLK]);
  expect(await page.locator('#details').textContent()).toContain('Partnerships added (1)');
  await page.uncheck('#f-changed');
  await settle(page);
  expect(await drawn(page)).toHaveLength(153);

  expect(errors).toEqual([]);
  await page.close();
}

describe('the published map in Chromium', () => {
  it('from abep serve web, at the stable latest/ path: 153 LAs, details with evidence, filters', async () => {
    await exercise('serve-web', `${webUrl}register/latest/map/`);
  }, 90_000);

  it('straight from the S3 server with the public-read policy, anonymously', async () => {
    const s3 = s3TestConfig();
    const url = `${s3.endpoint}/${s3.bucket}/${prefix}register/versions/${version}/map/index.html`;
    expect((await fetch(url)).status).toBe(200);
    expect((await fetch(`${s3.endpoint}/${s3.bucket}/${prefix}state/anything`)).status).toBe(403);
    await exercise('s3', url);
  }, 90_000);
});
