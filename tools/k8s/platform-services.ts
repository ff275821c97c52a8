/**
 * The platform as the cluster runs it: one row per service, read by the manifest renderer
 * (render-manifests.ts), the container smoke test's image list and the docs' tables. A service's
 * NetworkPolicy allows exactly what its row says it uses, so a new dependency is added here.
 */
import { BUS_PERMISSIONS } from '@adminduk/messaging';

/** The engines a service talks to, each behind one NetworkPolicy egress rule. */
export type Engine = 'postgres' | 'nats' | 'kurrentdb' | 's3' | 'smtp' | 'issuer';

export interface PlatformService {
  name: string;
  port: number;
  uses: Engine[];
  /** Other services it calls over HTTP (cluster DNS, their port). */
  calls?: string[];
  /** Calls outside the cluster over HTTPS (TTE provider, SMS gateway, LAPOR!). */
  external?: string;
  /** Holds a leader lock: one active replica, a standby, no autoscaling. */
  leader?: string;
  /** Why more replicas would not add throughput (fixed at 2, no autoscaling). */
  fixedReplicas?: string;
  /** Reached from outside through the Ingress (routes: edge-ingress.ts ingressPaths). */
  public?: boolean;
  /** Why it must run alone: exactly one replica, replaced (not rolled) on update, no autoscaling. */
  singleReplica?: string;
  /** Only in the dev overlay (the development issuer). */
  devOnly?: boolean;
  /** Per-pod requests and limits (2-core nodes): [cpu request, memory request, cpu limit, memory limit]. */
  size: [string, string, string, string];
  /** Files from a Secret mounted read-only: secret name -> mount path. */
  files?: Record<string, string>;
}

const SMALL: PlatformService['size'] = ['100m', '192Mi', '500m', '384Mi'];
const MEDIUM: PlatformService['size'] = ['200m', '256Mi', '1', '512Mi'];
const PDF: PlatformService['size'] = ['250m', '384Mi', '1500m', '768Mi'];

export const PLATFORM_SERVICES: PlatformService[] = [
  {
    name: 'gateway',
    port: 3000,
    // The event store too: an application's history is read from its stream.
    uses: ['postgres', 'nats', 'kurrentdb', 'issuer'],
    // GET /api/openapi.json merges every service's document.
    calls: ['intake', 'verification', 'projections', 'relay', 'documents', 'signing', 'printing', 'notifications', 'complaints'],
    public: true,
    size: MEDIUM,
  },
  // Takes the gateway's commands over the bus (who sent them: the command assertion), no user tokens.
  { name: 'intake', port: 3102, uses: ['postgres', 'nats', 'kurrentdb'], size: MEDIUM },
  {
    name: 'projections',
    port: 3103,
    uses: ['postgres', 'nats', 'kurrentdb'],
    fixedReplicas: 'one writer at a time: every batch locks the checkpoint rows (docs/scaling.md)',
    size: MEDIUM,
  },
  {
    name: 'relay',
    port: 3104,
    uses: ['postgres', 'nats', 'kurrentdb'],
    leader: 'PostgreSQL advisory lock',
    size: SMALL,
    // The audit checkpoints' signing key (decision 0022).
    files: { 'adminduk-relay-checkpoint-key': '/etc/adminduk/audit' },
  },
  // No bus: it appends to the event store itself (its bus user in bus-accounts.ts has no rights).
  { name: 'documents', port: 3105, uses: ['postgres', 'kurrentdb', 's3', 'issuer'], public: true, size: MEDIUM },
  {
    name: 'verification',
    port: 3106,
    // As intake: commands from the gateway, no user tokens.
    uses: ['postgres', 'nats', 'kurrentdb'],
    size: MEDIUM,
  },
  {
    name: 'signing',
    port: 3107,
    uses: ['postgres', 'nats', 'kurrentdb', 's3', 'issuer'],
    external: 'the TTE provider (remote signing)',
    public: true,
    size: PDF,
    files: { 'adminduk-signing-pki': '/etc/adminduk/pki' },
  },
  {
    name: 'printing',
    port: 3108,
    uses: ['postgres', 'nats', 'kurrentdb', 's3', 'issuer'],
    public: true,
    size: PDF,
  },
  {
    name: 'notifications',
    port: 3109,
    uses: ['postgres', 'nats', 'kurrentdb', 'smtp'],
    external: 'the SMS/WhatsApp provider',
    size: SMALL,
  },
  {
    name: 'complaints',
    port: 3110,
    uses: ['postgres', 'nats', 'kurrentdb', 'issuer'],
    external: 'LAPOR! (SP4N)',
    public: true,
    size: SMALL,
  },
  { name: 'web', port: 8080, uses: [], public: true, size: SMALL },
  {
    name: 'auth-dev',
    port: 3001,
    uses: [],
    public: true,
    devOnly: true,
    // A second replica breaks logins: a code issued by one is unknown to the other, and each pod
    // generates its own signing key (docs/scaling.md).
    singleReplica: 'authorization codes in memory and a signing key generated per pod',
    size: SMALL,
  },
];

/**
 * A service's durable JetStream consumers, read from its bus permissions (the one place a consumer
 * is granted): the HPA scales on their pending messages.
 */
export function durableConsumersOf(service: string): string[] {
  const permissions = (BUS_PERMISSIONS as Record<string, { publish: string[] } | undefined>)[service];
  return (permissions?.publish ?? []).flatMap((subject) => /^\$JS\.API\.CONSUMER\.MSG\.NEXT\.\*\.(.+)$/.exec(subject)?.[1] ?? []);
}

/** Where each engine listens, in the engines' namespace (k8s/engines). */
export const ENGINE_ENDPOINTS: Record<Exclude<Engine, 'issuer' | 'smtp'>, { podLabels: Record<string, string>; port: number }> = {
  postgres: { podLabels: { 'cnpg.io/cluster': 'adminduk-pg' }, port: 5432 },
  nats: { podLabels: { 'app.kubernetes.io/name': 'nats' }, port: 4222 },
  kurrentdb: { podLabels: { 'app.kubernetes.io/part-of': 'kurrentdb-operator' }, port: 2113 },
  s3: { podLabels: { 'v1.min.io/tenant': 'adminduk' }, port: 9000 },
};

export const NAMESPACE = 'adminduk';
export const ENGINES_NAMESPACE = 'adminduk-data';
