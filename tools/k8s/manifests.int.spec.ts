import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { BUS_SERVICES } from '@adminduk/messaging';
import { describeWhere } from '@adminduk/testing';
import { Secret as SecretModel } from 'kubernetes-models/v1';
import { parseAllDocuments } from 'yaml';
import { EDGE_ROUTES } from '../../services/web/src/edge/edge-routes';
import { durableConsumersOf, ENGINE_ENDPOINTS, ENGINES_NAMESPACE, NAMESPACE, PLATFORM_SERVICES, type Engine } from './platform-services';
import { devSecrets } from './dev-secrets';
import { ingressPaths } from './edge-ingress';
import { natsValues } from './nats-values';
import { secretKeysOf } from './service-settings';

const root = path.resolve(__dirname, '../..');
type K8sObject = {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string>; annotations?: Record<string, string> };
} & Record<string, any>;

function kubectlReason(): string | null {
  try {
    execFileSync('kubectl', ['version', '--client'], { stdio: 'ignore', timeout: 20_000 });
    return null;
  } catch {
    return 'kubectl is not installed (bash infra/ensure-debian-tools.sh installs it)';
  }
}

const render = (overlay: string): K8sObject[] => {
  const out = execFileSync('kubectl', ['kustomize', path.join(root, 'k8s/overlays', overlay)], { encoding: 'utf8', timeout: 60_000 });
  return parseAllDocuments(out).map((d) => d.toJS() as K8sObject);
};

/** The Kubernetes schema of a built-in kind (kubernetes-models), or undefined for an operator's kind. */
function builtInModel(o: K8sObject): (new (data: unknown) => { validate(): void }) | undefined {
  const builtIn = ['v1', 'apps/v1', 'batch/v1', 'policy/v1', 'autoscaling/v2', 'networking.k8s.io/v1', 'rbac.authorization.k8s.io/v1'];
  if (!builtIn.includes(o.apiVersion)) return undefined;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const models = require(`kubernetes-models/${o.apiVersion}`) as Record<string, new (data: unknown) => { validate(): void }>;
  return models[o.kind];
}

/** The operators' kinds: their required structure (their CRDs are not available offline). */
const OPERATOR_KINDS: Record<string, { apiVersion: string; required: string[] }> = {
  ServiceMonitor: { apiVersion: 'monitoring.coreos.com/v1', required: ['spec.selector', 'spec.endpoints'] },
  KurrentDB: { apiVersion: 'kubernetes.kurrent.io/v1', required: ['spec.replicas', 'spec.image', 'spec.storage', 'spec.network.domain'] },
  Certificate: { apiVersion: 'cert-manager.io/v1', required: ['spec.secretName', 'spec.issuerRef.name'] },
  Cluster: { apiVersion: 'postgresql.cnpg.io/v1', required: ['spec.instances', 'spec.storage.size', 'spec.bootstrap.initdb.database'] },
  ScheduledBackup: { apiVersion: 'postgresql.cnpg.io/v1', required: ['spec.schedule', 'spec.cluster.name'] },
  Tenant: { apiVersion: 'minio.min.io/v2', required: ['spec.pools', 'spec.configuration.name'] },
};
const at = (o: unknown, dotted: string): unknown => dotted.split('.').reduce<any>((v, k) => (v == null ? undefined : v[k]), o);

const podSpecOf = (o: K8sObject) => (o.kind === 'Deployment' || o.kind === 'Job' ? o.spec.template.spec : undefined);
const matches = (selector: Record<string, string>, labels: Record<string, string> = {}) =>
  Object.entries(selector).every(([k, v]) => labels[k] === v);

/** Images this repository builds (infra/docker-images.sh): one per service entry point, and the test runner. */
const BUILT_IMAGES = new Set([
  ...readdirSync(path.join(root, 'services'))
    .filter((s) => existsSync(path.join(root, 'services', s, 'src/main.ts')))
    .map((s) => `adminduk/${s}`),
  'adminduk/test-runner',
]);
/** Containers allowed a writable root filesystem, and why (the only ones). */
const WRITABLE_ROOT: Record<string, string> = {
  'Job/kurrentdb-contract/contract': "the dev overlay's test Job: SWC's native-addon cache must be writable and an emptyDir is refused",
};
const repositoryOf = (image: string) => image.replace(/:[^/:]+$/, '').replace(/^.*\/(adminduk\/[^/]+)$/, '$1');

describe('k8s generated files', () => {
  it('are what the tables render (tools/k8s/main.ts wrote them; nobody edited them by hand)', () => {
    // The renderer formats with prettier, which Jest's module system cannot load: run the CLI's check.
    const check = spawnSync(process.execPath, ['-r', '@swc-node/register', 'tools/k8s/main.ts', '--check'], {
      cwd: root,
      encoding: 'utf8',
    });
    expect({ status: check.status, stderr: check.stderr }).toEqual({ status: 0, stderr: '' });
  });

  it("find each consumer service's durable consumers in the bus permissions", () => {
    expect(durableConsumersOf('notifications')).toEqual(['notifications', 'notifications-survey', 'notifications-complaint']);
    expect(durableConsumersOf('projections')).toEqual(['projections']);
    expect(durableConsumersOf('gateway')).toEqual([]);
  });

  it('list every service that has an entry point, and only those', () => {
    const withMain = readdirSync(path.join(root, 'services')).filter((s) => existsSync(path.join(root, 'services', s, 'src/main.ts')));
    expect(PLATFORM_SERVICES.map((s) => s.name).sort()).toEqual(withMain.sort());
  });

  it("name exactly the engines each service's configuration reads, so its NetworkPolicy allows only what it uses", () => {
    // What a service's sources (not its tests) contain when it reads an engine's settings: the shared
    // schemas (libs/http serviceEnv, authEnv, commandReceiverEnv; libs/storage) or the variable itself.
    const signs: Record<Engine, RegExp> = {
      postgres: /\bserviceEnv\b|\bDATABASE_URL\b/,
      nats: /\bserviceEnv\b|\bNATS_URL\b/,
      kurrentdb: /\bserviceEnv\b|\beventStoreEnv\b|\bEVENTSTOREDB_URL\b/,
      s3: /\bstorageEnvSchema\b|\bS3_ENDPOINT\b/,
      smtp: /\bSMTP_HOST\b/,
      issuer: /\bauthEnv\b|\bAUTH_JWKS_URL\b/,
    };
    const sourcesOf = (dir: string): string[] =>
      readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
        const full = path.join(dir, e.name);
        if (e.isDirectory()) return e.name === 'testing' ? [] : sourcesOf(full);
        return /\.ts$/.test(e.name) && !/\.(spec|bench|fixture)\.ts$/.test(e.name) ? [readFileSync(full, 'utf8')] : [];
      });
    for (const s of PLATFORM_SERVICES) {
      const text = sourcesOf(path.join(root, 'services', s.name, 'src')).join('\n');
      const reads = (Object.keys(signs) as Engine[]).filter((e) => signs[e].test(text)).sort();
      expect({ service: s.name, uses: [...s.uses].sort() }).toEqual({ service: s.name, uses: reads });
      // Its Secret: the command assertion's public key only where commands are received.
      expect({ service: s.name, commandKey: secretKeysOf(s).includes('COMMAND_ASSERTION_PUBLIC_KEYS') }).toEqual({
        service: s.name,
        commandKey: /\bcommandReceiverEnv\b/.test(text),
      });
    }
  });

  it('route every path of the web edge through the Ingress to the same service', () => {
    const paths = ingressPaths();
    const asPath = (source: string) => source.replace(/^\^/, '').replace(/\\\//g, '/');
    for (const route of EDGE_ROUTES.filter((r) => r.upstream !== 'auth')) {
      const p = paths.find((x) => x.path === asPath(route.match.source));
      expect({ route: route.match.source, service: p?.service }).toEqual({ route: route.match.source, service: route.upstream });
    }
    // Sample requests land where the edge sends them (ingress-nginx: longest regex path first).
    const ordered = [...paths].sort((a, b) => b.path.length - a.path.length);
    const serviceFor = (url: string) => ordered.find((p) => new RegExp(`^${p.path}`).test(url))?.service;
    expect(serviceFor('/api/applications/abc/documents/ktp')).toBe('documents');
    expect(serviceFor('/verifikasi/KK-123')).toBe('signing');
    expect(serviceFor('/cetak/token')).toBe('printing');
    expect(serviceFor('/api/self-print/x')).toBe('printing');
    expect(serviceFor('/api/public/pengaduan')).toBe('complaints');
    expect(serviceFor('/api/applications')).toBe('gateway');
    expect(serviceFor('/lacak')).toBe('web');
  });

  it('give the NATS chart one user per bus service, each with its permission table and no anonymous access', () => {
    const users = (natsValues() as any).config.merge.authorization.users as { nkey: string; permissions: unknown }[];
    expect(users.map((u) => u.nkey)).toEqual(BUS_SERVICES.map((s) => `<< $NKEY_${s.toUpperCase()} >>`));
    expect((natsValues() as any).config.cluster.replicas).toBe(3);
    expect((natsValues() as any).config.jetstream.fileStore.enabled).toBe(true);
  });
});

describeWhere('k8s overlays (kubectl kustomize)', kubectlReason(), () => {
  const overlays: Record<string, K8sObject[]> = {};
  beforeAll(() => {
    for (const o of ['dev', 'regency']) overlays[o] = render(o);
  });

  for (const overlay of ['dev', 'regency']) {
    describe(overlay, () => {
      const objects = () => overlays[overlay];
      const platform = () => objects().filter((o) => o.metadata.namespace === NAMESPACE);
      const workloads = () => platform().filter((o) => podSpecOf(o));

      it('validates every built-in object against the Kubernetes schemas and every operator object structurally', () => {
        const unknown: string[] = [];
        for (const o of objects()) {
          const Model = builtInModel(o);
          if (Model) {
            expect(() => new Model(o).validate()).not.toThrow();
            continue;
          }
          const crd = OPERATOR_KINDS[o.kind];
          if (!crd || crd.apiVersion !== o.apiVersion) {
            unknown.push(`${o.apiVersion} ${o.kind}`);
            continue;
          }
          expect(o.metadata.name).toMatch(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/);
          for (const field of crd.required)
            expect({ object: `${o.kind}/${o.metadata.name}`, field, present: at(o, field) !== undefined }).toEqual({
              object: `${o.kind}/${o.metadata.name}`,
              field,
              present: true,
            });
        }
        expect(unknown).toEqual([]);
      });

      it('puts the platform in its namespace and the engines in theirs', () => {
        for (const o of objects().filter((x) => x.kind !== 'Namespace')) {
          expect([NAMESPACE, ENGINES_NAMESPACE]).toContain(o.metadata.namespace);
        }
      });

      it('gives every container limits, runs it as non-root with a read-only root filesystem and no privilege escalation', () => {
        for (const o of workloads()) {
          const pod = podSpecOf(o);
          for (const c of [...(pod.initContainers ?? []), ...pod.containers]) {
            const id = `${o.kind}/${o.metadata.name}/${c.name}`;
            const nonRoot = (c.securityContext?.runAsNonRoot ?? pod.securityContext?.runAsNonRoot) === true;
            const uid = c.securityContext?.runAsUser ?? pod.securityContext?.runAsUser;
            expect({ id, cpu: !!c.resources?.limits?.cpu, memory: !!c.resources?.limits?.memory }).toEqual({ id, cpu: true, memory: true });
            expect({ id, nonRoot, uid: uid > 0 }).toEqual({ id, nonRoot: true, uid: true });
            expect({
              id,
              readOnly: c.securityContext?.readOnlyRootFilesystem,
              escalation: c.securityContext?.allowPrivilegeEscalation,
            }).toEqual({
              id,
              readOnly: !WRITABLE_ROOT[id],
              escalation: false,
            });
          }
        }
      });

      it('probes every service on /health/live (liveness, startup) and /health/ready (readiness)', () => {
        for (const d of platform().filter((o) => o.kind === 'Deployment')) {
          for (const c of d.spec.template.spec.containers) {
            const id = `${d.metadata.name}/${c.name}`;
            expect({
              id,
              live: c.livenessProbe?.httpGet?.path,
              ready: c.readinessProbe?.httpGet?.path,
              startup: c.startupProbe?.httpGet?.path,
            }).toEqual({
              id,
              live: '/health/live',
              ready: '/health/ready',
              startup: '/health/live',
            });
          }
        }
      });

      it('covers every Deployment with a PodDisruptionBudget, and autoscales all but the single leader and the single writer', () => {
        const pdbs = platform().filter((o) => o.kind === 'PodDisruptionBudget');
        const hpas = platform().filter((o) => o.kind === 'HorizontalPodAutoscaler');
        for (const d of platform().filter((o) => o.kind === 'Deployment')) {
          const labels = d.spec.template.metadata.labels;
          expect({ deployment: d.metadata.name, pdb: pdbs.some((p) => matches(p.spec.selector.matchLabels, labels)) }).toEqual({
            deployment: d.metadata.name,
            pdb: true,
          });
          const service = PLATFORM_SERVICES.find((s) => `adminduk-${s.name}` === d.metadata.name)!;
          const hpa = hpas.find((h) => h.spec.scaleTargetRef.name === d.metadata.name);
          expect({ deployment: d.metadata.name, hpa: !!hpa }).toEqual({
            deployment: d.metadata.name,
            hpa: !service.leader && !service.fixedReplicas && !service.singleReplica,
          });
          if (hpa) {
            const cpu = hpa.spec.metrics.filter((m: any) => m.type === 'Resource' && m.resource.name === 'cpu');
            expect({ deployment: d.metadata.name, cpu: cpu.length }).toEqual({ deployment: d.metadata.name, cpu: 1 });
            const lag = hpa.spec.metrics
              .filter((m: any) => m.type === 'External')
              .map((m: any) => m.external.metric.selector.matchLabels.consumer_name);
            expect({ deployment: d.metadata.name, lag }).toEqual({ deployment: d.metadata.name, lag: durableConsumersOf(service.name) });
          }
        }
      });

      it('denies all traffic by default and gives every workload a policy of its own', () => {
        const policies = platform().filter((o) => o.kind === 'NetworkPolicy');
        const deny = policies.find((p) => Object.keys(p.spec.podSelector).length === 0 && !p.spec.ingress && !p.spec.egress);
        expect(deny?.spec.policyTypes.sort()).toEqual(['Egress', 'Ingress']);
        for (const w of workloads()) {
          const labels = w.spec.template.metadata.labels;
          const own = policies.filter(
            (p) =>
              p.spec.podSelector.matchLabels &&
              matches(p.spec.podSelector.matchLabels, labels) &&
              p.spec.podSelector.matchLabels['app.kubernetes.io/name'],
          );
          expect({ workload: w.metadata.name, ownPolicy: own.length > 0 }).toEqual({ workload: w.metadata.name, ownPolicy: true });
        }
        // Each service reaches the engines its row uses and no other (the row is checked against its sources above).
        for (const s of PLATFORM_SERVICES.filter((x) => overlay === 'dev' || !x.devOnly)) {
          const policy = policies.find((p) => p.metadata.name === `adminduk-${s.name}`)!;
          const engineTargets = (policy.spec.egress as any[])
            .filter((r) => r.to.some((t: any) => t.namespaceSelector?.matchLabels['kubernetes.io/metadata.name'] === ENGINES_NAMESPACE))
            .flatMap((r) => r.ports.map((p: any) => p.port))
            .sort();
          const expected = s.uses
            .flatMap((e) => (e in ENGINE_ENDPOINTS ? [ENGINE_ENDPOINTS[e as keyof typeof ENGINE_ENDPOINTS].port] : []))
            .sort();
          expect({ service: s.name, engineTargets }).toEqual({ service: s.name, engineTargets: expected });
        }
        const web = policies.find((p) => p.metadata.name === 'adminduk-web')!;
        expect(JSON.stringify(web.spec.egress)).not.toContain('5432');
        const relay = policies.find((p) => p.metadata.name === 'adminduk-relay')!;
        expect(JSON.stringify(relay.spec.ingress)).not.toContain('ingress-nginx');
      });

      it('serves the app, the API, uploads, verification, print and self-print under one Ingress host', () => {
        const ingresses = platform().filter((o) => o.kind === 'Ingress');
        const rules = ingresses.flatMap((i) => i.spec.rules);
        expect(new Set(rules.map((r: any) => r.host)).size).toBe(1);
        expect(ingresses.find((i) => i.metadata.name === 'adminduk')?.spec.tls[0].hosts).toEqual([rules[0].host]);
        const backends = new Set(rules.flatMap((r: any) => r.http.paths.map((p: any) => p.backend.service.name)));
        for (const s of ['web', 'gateway', 'documents', 'signing', 'printing', 'complaints']) expect(backends).toContain(`adminduk-${s}`);
      });

      it('references Secrets and never carries one', () => {
        expect(objects().filter((o) => o.kind === 'Secret')).toEqual([]);
        const referenced = workloads().flatMap((w) =>
          podSpecOf(w).containers.flatMap((c: any) => (c.envFrom ?? []).filter((e: any) => e.secretRef)),
        );
        expect(referenced.length).toBeGreaterThan(0);
      });

      it('runs only images this repository builds (engines excepted), the migration Job from the gateway image first', () => {
        for (const w of workloads()) {
          for (const c of podSpecOf(w).containers) expect(BUILT_IMAGES).toContain(repositoryOf(c.image));
        }
        const job = platform().find((o) => o.kind === 'Job' && o.metadata.name === 'adminduk-migrate')!;
        expect(repositoryOf(job.spec.template.spec.containers[0].image)).toBe('adminduk/gateway');
        expect(job.spec.template.spec.containers[0].command).toEqual(['node', 'libs/migrations/dist/src/main.js']);
        expect(job.metadata.annotations?.['argocd.argoproj.io/hook']).toBe('PreSync');
      });

      it('sends spans to the OpenTelemetry collector and is scraped by a ServiceMonitor per service', () => {
        const config = platform().find((o) => o.kind === 'ConfigMap' && o.metadata.name === 'adminduk-platform')!;
        expect(config.data.OTEL_EXPORTER_OTLP_ENDPOINT).toMatch(/^http:\/\/otel-collector\./);
        expect(config.data.ADMINDUK_ENV).toBe(overlay === 'regency' ? 'production' : 'development');
        const monitors = platform()
          .filter((o) => o.kind === 'ServiceMonitor')
          .map((o) => o.metadata.name);
        for (const d of platform().filter((o) => o.kind === 'Deployment')) expect(monitors).toContain(d.metadata.name);
      });
    });
  }

  it('has every Secret the dev overlay references made by tools/k8s/dev-secrets.ts, with the keys its users read', () => {
    const secrets = devSecrets();
    for (const s of secrets) expect(() => new SecretModel(s).validate()).not.toThrow();
    const made = (namespace: string, name: string) => secrets.find((s) => s.metadata.namespace === namespace && s.metadata.name === name);
    const keysOf = (s: ReturnType<typeof devSecrets>[number]) => [...Object.keys(s.stringData ?? {}), ...Object.keys(s.data ?? {})].sort();
    const dev = overlays.dev;
    for (const w of dev.filter((o) => podSpecOf(o))) {
      const pod = podSpecOf(w);
      const ns = w.metadata.namespace!;
      for (const ref of pod.containers.flatMap((c: any) => (c.envFrom ?? []).filter((e: any) => e.secretRef))) {
        const secret = made(ns, ref.secretRef.name);
        expect({ secret: ref.secretRef.name, made: !!secret }).toEqual({ secret: ref.secretRef.name, made: true });
        const service = PLATFORM_SERVICES.find((x) => `adminduk-${x.name}` === ref.secretRef.name);
        if (service) expect(keysOf(secret!)).toEqual([...secretKeysOf(service)].sort());
      }
      for (const v of (pod.volumes ?? []).filter((x: any) => x.secret)) {
        expect({ secret: v.secret.secretName, made: !!made(ns, v.secret.secretName) }).toEqual({ secret: v.secret.secretName, made: true });
      }
    }
    // The engines' Secrets: the database owner, MinIO's root keys, the bus users' public keys (NATS chart).
    const cluster = dev.find((o) => o.kind === 'Cluster')!;
    expect(made(ENGINES_NAMESPACE, cluster.spec.bootstrap.initdb.secret.name)?.type).toBe('kubernetes.io/basic-auth');
    const tenant = dev.find((o) => o.kind === 'Tenant')!;
    expect(keysOf(made(ENGINES_NAMESPACE, tenant.spec.configuration.name)!)).toEqual(['config.env']);
    expect(keysOf(made(ENGINES_NAMESPACE, 'adminduk-bus-nkeys')!)).toEqual([...BUS_SERVICES].sort());
    const signingPki = made(NAMESPACE, 'adminduk-signing-pki')!;
    expect(keysOf(signingPki)).toEqual(['ca.crt.pem', 'signer.p12', 'signer.passphrase']);
  });

  it('runs one replica of each on the dev node and the 3-node engines in the regency', () => {
    const replicas = (o: string) => overlays[o].filter((x) => x.kind === 'Deployment').map((x) => x.spec.replicas);
    expect(new Set(replicas('dev'))).toEqual(new Set([1]));
    expect(Math.min(...replicas('regency'))).toBeGreaterThanOrEqual(2);
    const kurrent = (o: string) => overlays[o].find((x) => x.kind === 'KurrentDB')!.spec.replicas;
    expect([kurrent('dev'), kurrent('regency')]).toEqual([1, 3]);
    expect(overlays.regency.find((x) => x.kind === 'Cluster')!.spec.instances).toBe(3);
    expect(overlays.dev.some((x) => x.kind === 'Job' && x.metadata.name === 'kurrentdb-contract')).toBe(true);
    expect(overlays.regency.some((x) => x.metadata.name.includes('auth-dev'))).toBe(false);
  });

  it('mounts the relay its checkpoint key in production, where the relay refuses to start without it', () => {
    const relayOf = (kind: string) => overlays.regency.find((x) => x.kind === kind && x.metadata.name === 'adminduk-relay')!;
    const keyFile: string = relayOf('ConfigMap').data.CHECKPOINT_SIGNING_KEY_FILE;
    expect(keyFile).toMatch(/^\/.+\.pem$/);
    const pod = podSpecOf(relayOf('Deployment'));
    const mount = pod.containers[0].volumeMounts.find((m: any) => m.mountPath === path.dirname(keyFile));
    const volume = pod.volumes.find((v: any) => v.name === mount?.name);
    expect(volume?.secret?.secretName).toBe('adminduk-relay-checkpoint-key');
    const made = devSecrets().find((x) => x.metadata.name === volume.secret.secretName)!;
    expect(Object.keys(made.stringData ?? made.data ?? {})).toEqual([path.basename(keyFile)]);
  });

  it('runs the development issuer alone: one replica, replaced rather than rolled, never autoscaled', () => {
    const authDev = overlays.dev.find((x) => x.kind === 'Deployment' && x.metadata.name === 'adminduk-auth-dev')!;
    expect({ replicas: authDev.spec.replicas, strategy: authDev.spec.strategy.type }).toEqual({ replicas: 1, strategy: 'Recreate' });
    const scalers = overlays.dev.filter((x) => x.kind === 'HorizontalPodAutoscaler' && x.spec.scaleTargetRef.name === 'adminduk-auth-dev');
    expect(scalers).toEqual([]);
  });
});
