/** Each service's settings in the cluster: the shared ConfigMap, its own ConfigMap, its Secret's keys. */
import { BUS_PERMISSIONS, type BusService } from '@adminduk/messaging';
import { ENGINES_NAMESPACE, NAMESPACE, type PlatformService } from './platform-services';
import { resourceName } from './k8s-objects';

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
  if (s.uses.includes('nats')) keys.push('NATS_NKEY_SEED');
  // Who sent a command is checked by the services that answer commands (decision 12), and by no other.
  if (BUS_PERMISSIONS[s.name as BusService]?.allowResponses) keys.push('COMMAND_ASSERTION_PUBLIC_KEYS');
  if (s.name === 'gateway') keys.push('COMMAND_ASSERTION_PRIVATE_KEY');
  if (s.uses.includes('kurrentdb')) keys.push('EVENTSTOREDB_URL');
  if (s.uses.includes('s3')) keys.push('S3_ACCESS_KEY', 'S3_SECRET_KEY');
  if (s.uses.includes('smtp')) keys.push('SMTP_HOST', 'SMTP_USER', 'SMTP_PASSWORD');
  if (s.name === 'signing') keys.push('DOCUMENT_ID_SECRET');
  // Self-print and survey links (runbook: Self-print links, IKM survey): notifications signs, printing and complaints verify.
  if (s.name === 'notifications') keys.push('SELF_PRINT_SIGNING_SEED');
  if (s.name === 'printing' || s.name === 'complaints') keys.push('SELF_PRINT_PUBLIC_KEYS');
  if (s.name === 'complaints') keys.push('SURVEY_RESPONSE_KEY', 'COMPLAINT_TRACKING_KEY', 'SURVEY_LINK_SIGNING_SEED');
  // The complainant's tracking code: complaints checks it, notifications mails it (decision 0019); the same value in both.
  if (s.name === 'notifications') keys.push('COMPLAINT_TRACKING_KEY');
  return keys;
}

/** Non-secret settings of one service (its ConfigMap). */
export function serviceConfig(s: PlatformService, all: PlatformService[]): Record<string, string> {
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
