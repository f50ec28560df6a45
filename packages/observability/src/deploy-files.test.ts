// Structural facts about infra/deploy that schema validators cannot know (infra/deploy-check.sh runs those).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { topicSpec } from '@abep/schemas';
import { describe, expect, it } from 'vitest';
import { parse, parseAllDocuments } from 'yaml';

const deployDir = join(import.meta.dirname, '../../../infra/deploy');
const SERVICES = ['crawler', 'extractor', 'normaliser', 'publisher', 'scheduler'] as const;
const SERVICE_ENV = [
  'ABEP_KAFKA_BROKERS',
  'ABEP_S3_ENDPOINT',
  'ABEP_S3_BUCKET',
  'ABEP_S3_ACCESS_KEY_ID',
  'ABEP_S3_SECRET_ACCESS_KEY',
  'ABEP_METRICS_PORT',
];
const SECRET_ENV = ['ABEP_S3_ACCESS_KEY_ID', 'ABEP_S3_SECRET_ACCESS_KEY'];

const read = (path: string) => readFileSync(join(deployDir, path), 'utf8');

// biome-ignore lint/suspicious/noExplicitAny: parsed YAML is inspected structurally
type Doc = any;

function k8sResources(): Doc[] {
  const kustomization = parse(read('k8s/kustomization.yaml')) as { resources: string[] };
  return kustomization.resources.flatMap((file) =>
    parseAllDocuments(read(`k8s/${file}`)).map((d) => {
      if (d.errors.length) throw new Error(`${file}: ${d.errors[0]?.message}`);
      return d.toJS();
    }),
  );
}

describe('compose.yaml', () => {
  const compose = parse(read('compose.yaml'), { merge: true }) as Doc;

  it.each(SERVICES)(
    'runs %s as `abep serve` with a healthcheck, the infra env vars and the metrics port',
    (name) => {
      const svc = compose.services[name];
      expect(svc.command).toEqual(['serve', name]);
      expect(svc.healthcheck.test.join(' ')).toContain('9464/readyz');
      for (const key of SERVICE_ENV) expect(svc.environment, key).toHaveProperty(key);
      expect(svc.environment.ABEP_METRICS_PORT).toBe('9464');
      expect(svc.environment.ABEP_KAFKA_BROKERS).toBe('kafka:9092');
      expect(svc.depends_on['create-topics'].condition).toBe('service_completed_successfully');
      expect(svc.depends_on['create-bucket'].condition).toBe('service_completed_successfully');
    },
  );

  it('takes credentials from the .env file, never from literals, and .env.example names every required one', () => {
    const text = read('compose.yaml');
    const example = read('.env.example');
    for (const name of SERVICES) {
      for (const key of SECRET_ENV)
        expect(compose.services[name].environment[key]).toMatch(/^\$\{ABEP_S3_\w+:\?/);
    }
    const required = [...text.matchAll(/\$\{(\w+):\?/g)].map((m) => m[1]);
    expect(required.length).toBeGreaterThan(0);
    for (const key of new Set(required)) expect(example).toMatch(new RegExp(`^${key}=.+`, 'm'));
  });

  it('runs single-node KRaft Kafka with replication factors of 1, S3 with a bucket job, and topic creation', () => {
    const kafka = compose.services.kafka;
    expect(kafka.image).toBe('apache/kafka:4.3.1');
    expect(kafka.environment.KAFKA_PROCESS_ROLES).toBe('broker,controller');
    for (const [key, value] of Object.entries(kafka.environment as Record<string, string>)) {
      if (/REPLICATION_FACTOR|MIN_ISR/.test(key)) expect(value, key).toBe('1');
    }
    expect(kafka.healthcheck).toBeDefined();
    expect(compose.services.s3.image).toMatch(/^versity\/versitygw:/);
    expect(compose.services.s3.command).toContain('posix');
    expect(compose.services.s3.healthcheck).toBeDefined();
    expect(compose.services['create-bucket'].depends_on.s3.condition).toBe('service_healthy');
    expect(compose.services['create-topics'].entrypoint).toEqual([
      'node',
      'infra/create-topics.ts',
      'kafka:9092',
    ]);
  });
});

describe('Kubernetes manifests', () => {
  const resources = k8sResources();
  const deployments = resources.filter((r) => r.kind === 'Deployment');

  it('has one Deployment per service, running `abep serve <service>`', () => {
    expect(deployments.map((d) => d.spec.template.spec.containers[0].args)).toEqual(
      SERVICES.map((s) => ['serve', s]),
    );
  });

  it.each(SERVICES)(
    '%s has liveness on /healthz, readiness on /readyz, resource requests and limits',
    (name) => {
      const d = deployments.find((x) => x.metadata.name === `abep-${name}`);
      const c = d.spec.template.spec.containers[0];
      expect(c.livenessProbe.httpGet).toMatchObject({ path: '/healthz', port: 'metrics' });
      expect(c.readinessProbe.httpGet).toMatchObject({ path: '/readyz', port: 'metrics' });
      expect(c.ports).toContainEqual(expect.objectContaining({ name: 'metrics', containerPort: 9464 }));
      for (const kind of ['requests', 'limits']) {
        expect(c.resources[kind], kind).toHaveProperty('cpu');
        expect(c.resources[kind], kind).toHaveProperty('memory');
      }
      expect(d.spec.template.spec.securityContext.runAsNonRoot).toBe(true);
      expect(c.envFrom).toEqual([
        { configMapRef: { name: 'abep-config' } },
        { secretRef: { name: 'abep-s3-credentials' } },
      ]);
    },
  );

  it('never runs more replicas of a service than the fewest partitions of a topic it consumes', () => {
    for (const d of deployments) {
      const consumed = String(d.metadata.annotations['abep-register.dev/consumes'])
        .split(',')
        .map((t) => t.trim());
      const partitions = consumed.map((t) => {
        const spec = topicSpec(t);
        if (!spec) throw new Error(`${d.metadata.name} names unknown topic ${t}`);
        return spec.partitions;
      });
      expect(d.spec.replicas, d.metadata.name).toBeLessThanOrEqual(Math.min(...partitions));
    }
  });

  it('runs exactly one scheduler and never two during a rollout', () => {
    const scheduler = deployments.find((d) => d.metadata.name === 'abep-scheduler');
    expect(scheduler.spec.replicas).toBe(1);
    expect(scheduler.spec.strategy.type).toBe('Recreate');
  });

  it('exposes metrics to Prometheus, budgets disruptions, creates topics, and keeps secrets out of the ConfigMap', () => {
    const service = resources.find((r) => r.kind === 'Service');
    expect(service.metadata.annotations).toMatchObject({
      'prometheus.io/scrape': 'true',
      'prometheus.io/port': '9464',
    });
    expect(resources.filter((r) => r.kind === 'PodDisruptionBudget').length).toBeGreaterThan(0);
    const job = resources.find((r) => r.kind === 'Job');
    expect(job.spec.template.spec.containers[0].command).toEqual(['node', 'infra/create-topics.ts']);
    const config = resources.find((r) => r.kind === 'ConfigMap');
    for (const key of SECRET_ENV) expect(config.data).not.toHaveProperty(key);
    expect(resources.some((r) => r.kind === 'Secret')).toBe(false);
    const template = parse(read('k8s/secret.template.yaml')) as Doc;
    for (const key of SECRET_ENV) expect(template.stringData[key]).toMatch(/^REPLACE_WITH_/);
  });
});

describe('Dockerfile', () => {
  const dockerfile = read('Dockerfile');

  it('builds on node:24-slim from the frozen lockfile and runs the CLI as a non-root user with a healthcheck', () => {
    expect(dockerfile).toMatch(/^ARG NODE_IMAGE=node:24-slim$/m);
    expect(dockerfile).toMatch(/pnpm install --frozen-lockfile/);
    expect(dockerfile).toMatch(/^USER 1000:1000$/m);
    expect(dockerfile).toMatch(/^HEALTHCHECK [^\n]*\\\n[^\n]*\/healthz/m);
    expect(dockerfile).toMatch(/^ENTRYPOINT \["node", "services\/cli\/src\/bin.ts"\]$/m);
  });
});
