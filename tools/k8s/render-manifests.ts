/**
 * Renders the kustomize base (k8s/base) and the dev overlay's issuer (k8s/overlays/dev) from the
 * platform table (platform-services.ts), the Ingress from the web edge's routes (the same paths the
 * development edge proxies), and the NATS chart's values from the bus permission table
 * (libs/messaging bus-accounts.ts). One source each: edit the tables, then run
 *   node -r @swc-node/register tools/k8s/main.ts        (write)
 *   node -r @swc-node/register tools/k8s/main.ts --check (fail when a committed file differs)
 */
import { BUS_PERMISSIONS, BUS_SERVICES } from '@adminduk/messaging';
import { stringify } from 'yaml';
import { EDGE_ROUTES, type Upstream } from '../../services/web/src/edge/edge-routes';
import {
  durableConsumersOf,
  ENGINE_ENDPOINTS,
  ENGINES_NAMESPACE,
  NAMESPACE,
  PLATFORM_SERVICES,
  type Engine,
  type PlatformService,
} from './platform-services';

type Obj = Record<string, unknown>;
const PART_OF = 'adminduk';
const labelsOf = (name: string) => ({ 'app.kubernetes.io/name': name, 'app.kubernetes.io/part-of': PART_OF });
const selectorOf = (name: string) => ({ 'app.kubernetes.io/name': name });
export const resourceName = (service: string) => `adminduk-${service}`;
export const imageOf = (service: string) => `adminduk/${service}`;

/** Settings every service reads; per-deployment values (issuer, public URL) are patched by the overlays. */
export const PLATFORM_CONFIG: Record<string, string> = {
  ADMINDUK_ENV: 'production',
  LOG_LEVEL: 'info',
  NATS_URL: `nats://nats.${ENGINES_NAMESPACE}.svc.cluster.local:4222`,
  EVENT_STORE: 'kurrentdb',
  S3_ENDPOINT: `https://minio.${ENGINES_NAMESPACE}.svc.cluster.local`,
  S3_REGION: 'us-east-1',
  AUTH_ISSUER: 'https://sso.example.go.id/realms/adminduk',
  AUTH_JWKS_URL: 'https://sso.example.go.id/realms/adminduk/protocol/openid-connect/certs',
  AUTH_AUDIENCE: 'adminduk',
  OIDC_ISSUER: 'https://sso.example.go.id/realms/adminduk',
  PUBLIC_BASE_URL: 'https://adminduk.example.go.id',
  WEB_URL: 'https://adminduk.example.go.id',
  STATUS_PUBLIC_URL: 'https://adminduk.example.go.id/lacak',
  SELF_PRINT_BASE_URL: 'https://adminduk.example.go.id',
  // Spans go to the cluster's OpenTelemetry collector (OTLP over HTTP); never personal data (runbook).
  OTEL_EXPORTER_OTLP_ENDPOINT: 'http://otel-collector.observability.svc.cluster.local:4318',
};

/** The keys each service's Secret must hold (never committed: the runbook says how to create them). */
export function secretKeysOf(s: PlatformService): string[] {
  const keys: string[] = [];
  if (s.uses.includes('postgres')) keys.push('DATABASE_URL');
  if (s.uses.includes('nats')) keys.push('NATS_NKEY_SEED', 'COMMAND_ASSERTION_PUBLIC_KEYS');
  if (s.name === 'gateway') keys.push('COMMAND_ASSERTION_PRIVATE_KEY');
  if (s.uses.includes('kurrentdb')) keys.push('EVENTSTOREDB_URL');
  if (s.uses.includes('s3')) keys.push('S3_ACCESS_KEY', 'S3_SECRET_KEY');
  if (s.uses.includes('smtp')) keys.push('SMTP_HOST', 'SMTP_USER', 'SMTP_PASSWORD');
  if (s.name === 'signing') keys.push('DOCUMENT_ID_SECRET');
  // Self-print and survey links (runbook: Self-print links, IKM survey): notifications signs, printing and complaints verify.
  if (s.name === 'notifications') keys.push('SELF_PRINT_SIGNING_SEED');
  if (s.name === 'printing' || s.name === 'complaints') keys.push('SELF_PRINT_PUBLIC_KEYS');
  if (s.name === 'complaints') keys.push('SURVEY_RESPONSE_KEY', 'COMPLAINT_TRACKING_KEY', 'SURVEY_LINK_SIGNING_SEED');
  return keys;
}

/** Non-secret settings of one service (its ConfigMap). */
function serviceConfig(s: PlatformService, all: PlatformService[]): Record<string, string> {
  const url = (name: string) => `http://${resourceName(name)}.${NAMESPACE}.svc.cluster.local:${all.find((x) => x.name === name)!.port}`;
  const c: Record<string, string> = { PORT: String(s.port), OTEL_SERVICE_NAME: s.name };
  if (s.name === 'gateway') c.OPENAPI_SERVICE_URLS = (s.calls ?? []).map((n) => `${n}=${url(n)}`).join(',');
  // Scans in one bucket; the signed KKs in another, written by signing and read by printing.
  if (s.uses.includes('s3')) {
    c.S3_BUCKET = s.name === 'documents' ? 'adminduk-documents' : 'adminduk-signed-kk';
    c.S3_SSE_KMS_KEY_ID = 'adminduk-sse';
  }
  if (s.name === 'signing') {
    Object.assign(c, {
      SIGNER_P12_PATH: '/etc/adminduk/pki/signer.p12',
      SIGNER_P12_PASSPHRASE_FILE: '/etc/adminduk/pki/signer.passphrase',
      TRUSTED_CA_FILES: '/etc/adminduk/pki/ca.crt.pem',
      S3_SPOOL_DIR: '/tmp/spool',
    });
  }
  if (s.name === 'relay') c.CHECKPOINT_SIGNING_KEY_FILE = '/etc/adminduk/audit/checkpoint-key.pem';
  // web: no upstreams. In the cluster the Ingress routes the API paths to the services directly; the
  // web service's own proxy (the development edge) is never on the path, and its policy allows no egress.
  if (s.name === 'auth-dev') Object.assign(c, { HOST: '0.0.0.0', AUTH_DEV_KEY_DIR: '/tmp/auth-dev', ADMINDUK_ENV: 'development' });
  return c;
}

function deployment(s: PlatformService, all: PlatformService[]): Obj[] {
  const name = resourceName(s.name);
  const [cpuReq, memReq, cpuLim, memLim] = s.size;
  const probe = (path: string, extra: Obj = {}) => ({ httpGet: { path, port: 'http' }, periodSeconds: 10, timeoutSeconds: 3, ...extra });
  const fileVolumes = Object.entries(s.files ?? {});
  const out: Obj[] = [
    { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name, labels: labelsOf(s.name) }, automountServiceAccountToken: false },
    { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, labels: labelsOf(s.name) }, data: serviceConfig(s, all) },
    {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: {
        name,
        labels: labelsOf(s.name),
        ...(s.leader ? { annotations: { 'adminduk.go.id/single-leader': s.leader } } : {}),
        ...(s.fixedReplicas ? { annotations: { 'adminduk.go.id/fixed-replicas': s.fixedReplicas } } : {}),
        ...(s.singleReplica ? { annotations: { 'adminduk.go.id/single-replica': s.singleReplica } } : {}),
      },
      spec: {
        replicas: s.singleReplica ? 1 : 2,
        revisionHistoryLimit: 5,
        selector: { matchLabels: selectorOf(s.name) },
        // Zero downtime: a new pod serves (ready) before an old one leaves; one that must run alone is
        // replaced instead, so two never overlap.
        strategy: s.singleReplica ? { type: 'Recreate' } : { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 0, maxSurge: 1 } },
        template: {
          metadata: { labels: labelsOf(s.name) },
          spec: {
            serviceAccountName: name,
            automountServiceAccountToken: false,
            securityContext: {
              runAsNonRoot: true,
              runAsUser: 1000,
              runAsGroup: 1000,
              fsGroup: 1000,
              seccompProfile: { type: 'RuntimeDefault' },
            },
            // The service closes on SIGTERM (libs/http runService); the grace covers in-flight work.
            terminationGracePeriodSeconds: 30,
            topologySpreadConstraints: [
              {
                maxSkew: 1,
                topologyKey: 'kubernetes.io/hostname',
                whenUnsatisfiable: 'ScheduleAnyway',
                labelSelector: { matchLabels: selectorOf(s.name) },
              },
            ],
            containers: [
              {
                name: s.name,
                image: `${imageOf(s.name)}:latest`,
                imagePullPolicy: 'IfNotPresent',
                ports: [{ name: 'http', containerPort: s.port }],
                envFrom: [
                  { configMapRef: { name: 'adminduk-platform' } },
                  { configMapRef: { name } },
                  ...(secretKeysOf(s).length ? [{ secretRef: { name } }] : []),
                ],
                resources: { requests: { cpu: cpuReq, memory: memReq }, limits: { cpu: cpuLim, memory: memLim } },
                startupProbe: probe('/health/live', { periodSeconds: 2, failureThreshold: 60 }),
                livenessProbe: probe('/health/live', { failureThreshold: 3 }),
                readinessProbe: probe('/health/ready', { periodSeconds: 5, failureThreshold: 2 }),
                // Endpoints drop the pod before it stops taking requests.
                lifecycle: { preStop: { exec: { command: ['sleep', '5'] } } },
                securityContext: { allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: { drop: ['ALL'] } },
                volumeMounts: [
                  { name: 'tmp', mountPath: '/tmp' },
                  ...fileVolumes.map(([secret, path]) => ({ name: secret, mountPath: path, readOnly: true })),
                ],
              },
            ],
            volumes: [
              { name: 'tmp', emptyDir: { sizeLimit: '256Mi' } },
              ...fileVolumes.map(([secret]) => ({ name: secret, secret: { secretName: secret, defaultMode: 0o440 } })),
            ],
          },
        },
      },
    },
    {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name, labels: labelsOf(s.name) },
      spec: { selector: selectorOf(s.name), ports: [{ name: 'http', port: s.port, targetPort: 'http' }] },
    },
    {
      apiVersion: 'policy/v1',
      kind: 'PodDisruptionBudget',
      metadata: { name, labels: labelsOf(s.name) },
      spec: { maxUnavailable: 1, selector: { matchLabels: selectorOf(s.name) } },
    },
    {
      apiVersion: 'monitoring.coreos.com/v1',
      kind: 'ServiceMonitor',
      metadata: { name, labels: labelsOf(s.name) },
      spec: { selector: { matchLabels: selectorOf(s.name) }, endpoints: [{ port: 'http', path: '/metrics', interval: '30s' }] },
    },
    networkPolicy(s, all),
  ];
  // A leader-locked service keeps its standby and never autoscales (more replicas only wait); nor does
  // one whose replicas share a single writer (they add availability, not throughput), nor one that must
  // run alone.
  if (!s.leader && !s.fixedReplicas && !s.singleReplica) out.push(autoscaler(s));
  return out;
}

function autoscaler(s: PlatformService): Obj {
  const metrics: Obj[] = [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 70 } } }];
  for (const consumer of durableConsumersOf(s.name)) {
    // Messages waiting for this durable consumer, per replica (external metric: k8s/README.md, adapter).
    metrics.push({
      type: 'External',
      external: {
        metric: { name: 'nats_consumer_num_pending', selector: { matchLabels: { consumer_name: consumer } } },
        target: { type: 'AverageValue', averageValue: '500' },
      },
    });
  }
  return {
    apiVersion: 'autoscaling/v2',
    kind: 'HorizontalPodAutoscaler',
    metadata: { name: resourceName(s.name), labels: labelsOf(s.name) },
    spec: {
      scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: resourceName(s.name) },
      minReplicas: 2,
      maxReplicas: 6,
      metrics,
      behavior: { scaleDown: { stabilizationWindowSeconds: 300 } },
    },
  };
}

const inNamespace = (ns: string, podLabels?: Record<string, string>) => ({
  namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': ns } },
  ...(podLabels ? { podSelector: { matchLabels: podLabels } } : {}),
});
/** Addresses outside the cluster: anything but the private ranges (pods, services, nodes). */
const INTERNET = { ipBlock: { cidr: '0.0.0.0/0', except: ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16'] } };

function engineEgress(engine: Engine): Obj {
  if (engine === 'issuer') {
    // Keycloak in its own namespace, or an external identity provider over HTTPS.
    return { to: [inNamespace('keycloak'), INTERNET], ports: [{ port: 8080 }, { port: 8443 }, { port: 443 }] };
  }
  if (engine === 'smtp') return { to: [INTERNET], ports: [{ port: 25 }, { port: 465 }, { port: 587 }] };
  const e = ENGINE_ENDPOINTS[engine];
  return { to: [inNamespace(ENGINES_NAMESPACE, e.podLabels)], ports: [{ port: e.port, protocol: 'TCP' }] };
}

function networkPolicy(s: PlatformService, all: PlatformService[]): Obj {
  const http = [{ port: s.port, protocol: 'TCP' }];
  const callers = all.filter((o) => o.calls?.includes(s.name)).map((o) => ({ podSelector: { matchLabels: selectorOf(o.name) } }));
  const ingress: Obj[] = [{ from: [inNamespace('monitoring')], ports: http }];
  if (s.public) ingress.push({ from: [inNamespace('ingress-nginx')], ports: http });
  if (callers.length) ingress.push({ from: callers, ports: http });
  const egress: Obj[] = s.uses.map(engineEgress);
  for (const target of s.calls ?? []) {
    const t = all.find((o) => o.name === target);
    if (t) egress.push({ to: [{ podSelector: { matchLabels: selectorOf(t.name) } }], ports: [{ port: t.port, protocol: 'TCP' }] });
  }
  if (s.external) egress.push({ to: [INTERNET], ports: [{ port: 443, protocol: 'TCP' }] });
  egress.push({
    to: [inNamespace('observability', { 'app.kubernetes.io/name': 'otel-collector' })],
    ports: [{ port: 4318, protocol: 'TCP' }],
  });
  return {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    metadata: { name: resourceName(s.name), labels: labelsOf(s.name) },
    spec: { podSelector: { matchLabels: selectorOf(s.name) }, policyTypes: ['Ingress', 'Egress'], ingress, egress },
  };
}

function sharedObjects(): Obj[] {
  return [
    {
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: {
        name: NAMESPACE,
        labels: { 'pod-security.kubernetes.io/enforce': 'restricted', 'pod-security.kubernetes.io/enforce-version': 'latest' },
      },
    },
    {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'adminduk-platform', labels: { 'app.kubernetes.io/part-of': PART_OF } },
      data: PLATFORM_CONFIG,
    },
    {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'NetworkPolicy',
      metadata: { name: 'default-deny', labels: { 'app.kubernetes.io/part-of': PART_OF } },
      // Nothing in, nothing out, unless a service's own policy allows it.
      spec: { podSelector: {}, policyTypes: ['Ingress', 'Egress'] },
    },
    {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'NetworkPolicy',
      metadata: { name: 'allow-dns', labels: { 'app.kubernetes.io/part-of': PART_OF } },
      spec: {
        podSelector: {},
        policyTypes: ['Egress'],
        egress: [
          {
            to: [inNamespace('kube-system', { 'k8s-app': 'kube-dns' })],
            ports: [
              { port: 53, protocol: 'UDP' },
              { port: 53, protocol: 'TCP' },
            ],
          },
        ],
      },
    },
    ...migrationJob(),
  ];
}

/**
 * The schema step before each rollout (decision 0024): `npm run migrate`'s entry from the release's
 * gateway image, as a Job with its own database user (DDL rights). Argo CD runs it as a PreSync hook;
 * with plain kubectl the runbook deletes the finished Job and applies again. Services that start
 * before it has finished stay unready, so the rolling update keeps the old pods serving meanwhile.
 */
function migrationJob(): Obj[] {
  const name = 'adminduk-migrate';
  return [
    { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name, labels: labelsOf('migrate') }, automountServiceAccountToken: false },
    {
      apiVersion: 'batch/v1',
      kind: 'Job',
      metadata: {
        name,
        labels: labelsOf('migrate'),
        annotations: { 'argocd.argoproj.io/hook': 'PreSync', 'argocd.argoproj.io/hook-delete-policy': 'BeforeHookCreation' },
      },
      spec: {
        backoffLimit: 3,
        activeDeadlineSeconds: 900,
        ttlSecondsAfterFinished: 86400,
        template: {
          metadata: { labels: labelsOf('migrate') },
          spec: {
            serviceAccountName: name,
            automountServiceAccountToken: false,
            restartPolicy: 'Never',
            securityContext: { runAsNonRoot: true, runAsUser: 1000, runAsGroup: 1000, seccompProfile: { type: 'RuntimeDefault' } },
            containers: [
              {
                name: 'migrate',
                image: `${imageOf('gateway')}:latest`,
                command: ['node', 'libs/migrations/dist/src/main.js'],
                envFrom: [{ configMapRef: { name: 'adminduk-platform' } }, { secretRef: { name } }],
                env: [{ name: 'LOG_LEVEL', value: 'info' }],
                resources: { requests: { cpu: '100m', memory: '128Mi' }, limits: { cpu: '500m', memory: '256Mi' } },
                securityContext: { allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: { drop: ['ALL'] } },
                volumeMounts: [{ name: 'tmp', mountPath: '/tmp' }],
              },
            ],
            volumes: [{ name: 'tmp', emptyDir: { sizeLimit: '64Mi' } }],
          },
        },
      },
    },
    {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'NetworkPolicy',
      metadata: { name, labels: labelsOf('migrate') },
      spec: {
        podSelector: { matchLabels: selectorOf('migrate') },
        policyTypes: ['Ingress', 'Egress'],
        ingress: [],
        egress: [engineEgress('postgres')],
      },
    },
  ];
}

const UPSTREAM_SERVICE: Record<Upstream, string> = {
  gateway: 'gateway',
  auth: 'auth-dev',
  documents: 'documents',
  signing: 'signing',
  printing: 'printing',
  complaints: 'complaints',
};

/**
 * The web edge's routes as ingress-nginx regex paths, most specific first, and the app itself at `/`.
 * The issuer (/auth) is the dev overlay's own Ingress (production logs in at Keycloak). An Ingress
 * cannot match a method: POST-only routes are routed for every method (the service answers 404/405).
 */
export function ingressPaths(): { path: string; service: string }[] {
  const routes = EDGE_ROUTES.filter((r) => r.upstream !== 'auth').map((r) => ({
    path: r.match.source.replace(/^\^/, '').replace(/\\\//g, '/'),
    service: UPSTREAM_SERVICE[r.upstream],
  }));
  return [...routes, { path: '/', service: 'web' }];
}

function ingress(): Obj {
  const port = (service: string) => PLATFORM_SERVICES.find((s) => s.name === service)!.port;
  return {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'Ingress',
    metadata: {
      name: 'adminduk',
      labels: { 'app.kubernetes.io/part-of': PART_OF },
      annotations: {
        'nginx.ingress.kubernetes.io/use-regex': 'true',
        // Scans up to 10 MB (documents' DOCUMENTS_MAX_UPLOAD_BYTES) plus the multipart envelope.
        'nginx.ingress.kubernetes.io/proxy-body-size': '12m',
        'nginx.ingress.kubernetes.io/proxy-read-timeout': '300',
      },
    },
    spec: {
      ingressClassName: 'nginx',
      tls: [{ hosts: ['adminduk.example.go.id'], secretName: 'adminduk-tls' }],
      rules: [
        {
          host: 'adminduk.example.go.id',
          http: {
            paths: ingressPaths().map((p) => ({
              path: p.path,
              pathType: 'ImplementationSpecific',
              backend: { service: { name: resourceName(p.service), port: { number: port(p.service) } } },
            })),
          },
        },
      ],
    },
  };
}

/**
 * The NATS chart's values (official chart, 1.x): a JetStream cluster of 3 on file storage, no
 * anonymous access, one nkey user per bus service with the permissions of bus-accounts.ts. The public
 * nkeys come from the Secret adminduk-bus-nkeys (`<< $NKEY_<SERVICE> >>`: the chart's NATS variable
 * syntax, filled from the container environment), so no deployment's keys are in the repository.
 */
export function natsValues(): Obj {
  const envName = (service: string) => `NKEY_${service.toUpperCase().replace(/-/g, '_')}`;
  const users = BUS_SERVICES.map((service) => {
    const p = BUS_PERMISSIONS[service];
    const none = (xs: string[]) => (xs.length ? xs : ['_NONE_']);
    return {
      nkey: `<< $${envName(service)} >>`,
      permissions: {
        publish: { allow: none(p.publish) },
        subscribe: { allow: none(p.subscribe) },
        ...(p.allowResponses ? { allow_responses: true } : {}),
      },
    };
  });
  return {
    config: {
      cluster: { enabled: true, replicas: 3 },
      jetstream: { enabled: true, fileStore: { enabled: true, pvc: { enabled: true, size: '20Gi' } }, memoryStore: { enabled: false } },
      monitor: { enabled: true },
      merge: { authorization: { users } },
    },
    container: {
      env: Object.fromEntries(
        BUS_SERVICES.map((service) => [envName(service), { valueFrom: { secretKeyRef: { name: 'adminduk-bus-nkeys', key: service } } }]),
      ),
    },
    podTemplate: { topologySpreadConstraints: { 'kubernetes.io/hostname': { maxSkew: 1, whenUnsatisfiable: 'DoNotSchedule' } } },
    promExporter: { enabled: true, podMonitor: { enabled: true } },
    natsBox: { enabled: false },
  };
}

const HEADER = (source: string) =>
  `# Generated by tools/k8s/render-manifests.ts from ${source}: edit the table, then run\n# node -r @swc-node/register tools/k8s/main.ts\n`;
const yamlDocs = (objects: Obj[]) => objects.map((o) => stringify(o, { lineWidth: 0 })).join('---\n');

/** Every generated file: path (from the repository root) -> content. */
export async function renderedFiles(): Promise<Record<string, string>> {
  const all = PLATFORM_SERVICES;
  const files: Record<string, string> = {};
  const table = 'tools/k8s/platform-services.ts';
  files['k8s/base/platform.yaml'] = HEADER(table) + yamlDocs(sharedObjects());
  files['k8s/base/ingress.yaml'] = HEADER('services/web/src/edge/edge-routes.ts') + yamlDocs([ingress()]);
  for (const s of all) {
    const dir = s.devOnly ? 'k8s/overlays/dev' : 'k8s/base/services';
    // The overlay that adds a dev-only service sets no namespace for everything (the engines have their own).
    const objects = deployment(s, all).map((o) => (s.devOnly ? { ...o, metadata: { ...(o.metadata as Obj), namespace: NAMESPACE } } : o));
    files[`${dir}/${s.name}.yaml`] = HEADER(table) + yamlDocs(objects);
  }
  files['k8s/engines/nats/values.yaml'] = HEADER('libs/messaging/src/bus-accounts.ts') + stringify(natsValues(), { lineWidth: 0 });
  // As the repository's formatter writes them, so `prettier --check` (lint) agrees with the renderer.
  // Loaded here: prettier cannot load inside Jest, which imports this module for its tables.
  const { format, resolveConfig } = await import('prettier');
  for (const [file, content] of Object.entries(files)) {
    const options = await resolveConfig(file);
    files[file] = await format(content, { ...options, filepath: file });
  }
  return files;
}
