/**
 * Renders the kustomize base (k8s/base) and the dev overlay's issuer (k8s/overlays/dev) from the
 * platform table (platform-services.ts), the Ingress from the web edge's routes (the same paths the
 * development edge proxies), and the NATS chart's values from the bus permission table
 * (libs/messaging bus-accounts.ts). The parts are beside it: service-settings.ts (ConfigMaps, Secret keys),
 * network-policies.ts, edge-ingress.ts, nats-values.ts, k8s-objects.ts (names, labels). One source each:
 * edit the tables, then run
 *   node -r @swc-node/register tools/k8s/main.ts        (write)
 *   node -r @swc-node/register tools/k8s/main.ts --check (fail when a committed file differs)
 */
import { stringify } from 'yaml';
import { ingress } from './edge-ingress';
import { imageOf, inNamespace, labelsOf, PART_OF, resourceName, selectorOf, type Obj } from './k8s-objects';
import { natsValues } from './nats-values';
import { engineEgress, networkPolicy } from './network-policies';
import { durableConsumersOf, NAMESPACE, PLATFORM_SERVICES, type PlatformService } from './platform-services';
import { PLATFORM_CONFIG, secretKeysOf, serviceConfig } from './service-settings';

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
