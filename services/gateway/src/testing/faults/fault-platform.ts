import { mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { createDevPki, writeDevPki } from '@adminduk/kk-document';
import { runMigrations } from '@adminduk/migrations';
import { notificationsTestEnv } from '@adminduk/notifications-service/testing';
import { MinioObjectStorage, type LocalS3Server } from '@adminduk/storage';
import {
  busEnv,
  freePort,
  namespacedPlatformEnv,
  OwnBus,
  OwnPostgres,
  ServiceProcess,
  SupervisedService,
  TcpForwarder,
  testRateLimitEnv,
} from '@adminduk/testing';
import { Client } from 'pg';
import { MailServerProcess } from './mail-server-process';
import { serviceEntries } from './service-entries';

const repoRoot = path.resolve(__dirname, '../../../../..');
/** Everything the suite writes (its PostgreSQL cluster, bus store, PKI): git-ignored. */
export const FAULTS_DIR = path.join(repoRoot, '.local/faults');
export const NAMESPACE = 'flt';
const DATABASE = 'adminduk';

/** Every service of the platform, each its own OS process. Order: the order they start in. */
export const SERVICES = [
  'auth-dev',
  'intake',
  'verification',
  'projections',
  'relay',
  'documents',
  'signing',
  'printing',
  'notifications',
  'complaints',
  'gateway',
] as const;
export type ServiceName = (typeof SERVICES)[number];

/**
 * The whole platform for the fault suite: a PostgreSQL cluster and a nats-server of its own (so
 * they can be restarted), an S3 server and an SMTP server each behind a TCP forwarder that can
 * refuse or drop connections, and every service as a supervised process on its own port.
 */
export interface FaultPlatform {
  postgres: OwnPostgres;
  bus: OwnBus;
  s3: LocalS3Server;
  s3Proxy: TcpForwarder;
  /** The SMTP server with the forwarder in front of it (`port`, up/down/drop), a process of its own. */
  smtp: MailServerProcess;
  services: Record<ServiceName, SupervisedService>;
  /** Compiled (dist/) or from sources, and why; each service's time to ready at the first start. */
  run: { mode: 'compiled' | 'sources'; reason: string; readyMs: Record<ServiceName, number> };
  /** Where each service's whole output goes (`<service>.log`, every incarnation). */
  logDir: string;
  databaseUrl: string;
  buckets: { documents: string; kk: string };
  /** The bucket of signed KKs, read directly (not through the proxy). */
  kkObjects: MinioObjectStorage;
  token(username: string): Promise<string>;
  close(): Promise<void>;
}

export async function startFaultPlatform(): Promise<FaultPlatform> {
  mkdirSync(FAULTS_DIR, { recursive: true });
  const postgres = await OwnPostgres.create(path.join(FAULTS_DIR, 'pg'), await freePort());
  const admin = new Client({ connectionString: postgres.url() });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${DATABASE}`);
  await admin.end();
  const databaseUrl = postgres.url(DATABASE);
  await runMigrations(databaseUrl);
  const bus = await OwnBus.create(path.join(FAULTS_DIR, 'bus'), await freePort());

  // s3rver on this machine, always: the forwarder in front of it is what fails, not a container engine.
  const s3 = await startS3Process(path.join(FAULTS_DIR, 's3'));
  const s3Proxy = new TcpForwarder(await freePort(), { host: '127.0.0.1', port: Number(new URL(s3.endpoint).port) });
  await s3Proxy.up();
  const smtp = await MailServerProcess.start(await freePort());
  const buckets = { documents: `${NAMESPACE}-documents`, kk: `${NAMESPACE}-kk` };
  const storageEnv = (bucket: string) => ({
    S3_ENDPOINT: `http://127.0.0.1:${s3Proxy.port}`,
    S3_ACCESS_KEY: s3.accessKey,
    S3_SECRET_KEY: s3.secretKey,
    S3_BUCKET: bucket,
  });
  const pki = writeDevPki(path.join(FAULTS_DIR, 'pki'), createDevPki({ passphrase: 'faults' }));

  const ports = Object.fromEntries(await Promise.all(SERVICES.map(async (s) => [s, await freePort()] as const))) as Record<
    ServiceName,
    number
  >;
  const issuer = `http://127.0.0.1:${ports['auth-dev']}`;
  const common = {
    ADMINDUK_ENV: 'test',
    // Info: each mail sent and each link issued is a line in the run's service logs (ids only).
    LOG_LEVEL: 'info',
    ...namespacedPlatformEnv(NAMESPACE),
    DATABASE_URL: databaseUrl,
    AUTH_ISSUER: issuer,
    AUTH_JWKS_URL: `${issuer}/.well-known/jwks.json`,
    AUTH_AUDIENCE: 'adminduk',
    ...testRateLimitEnv,
  };
  const own: Record<ServiceName, Record<string, string>> = {
    'auth-dev': { AUTH_DEV_KEY_DIR: path.join(FAULTS_DIR, 'auth-dev') },
    intake: {},
    verification: { DEADLINE_SCAN_INTERVAL_MS: '600000' },
    projections: {},
    relay: {},
    documents: { ...storageEnv(buckets.documents), DOCUMENTS_SWEEP_INTERVAL_SEC: '3600' },
    signing: {
      ...storageEnv(buckets.kk),
      SIGNING_AUTO: 'true',
      SIGNER_P12_PATH: pki.p12,
      SIGNER_P12_PASSPHRASE_FILE: pki.passphrase,
      TRUSTED_CA_FILES: pki.caCert,
      PUBLIC_BASE_URL: 'https://layanan.example.go.id',
      DOCUMENT_ID_SECRET: 'fault-suite-document-id-secret',
      KEPALA_DINAS_NAMA: 'DRS. CONTOH PEJABAT, M.SI',
      KEPALA_DINAS_NIP: '197001011990031001',
    },
    printing: { ...storageEnv(buckets.kk), PUBLIC_BASE_URL: 'https://layanan.example.go.id' },
    notifications: {
      ...notificationsTestEnv({ host: '127.0.0.1', port: smtp.port }),
      // Mail is down for seconds at a time here: retry long enough to outlast every outage.
      NOTIFY_MAX_ATTEMPTS: '60',
      // ...and never wait longer than 20 s between tries: every outage here is shorter, and the
      // end-of-run check gives the consumers 30 s to settle (a mail's tenth try was 100 s out).
      NOTIFY_RETRY_MAX_MS: '20000',
      // Every send crosses the forwarder and the server, one process on a machine the load keeps
      // busy: 8 at a time fell minutes behind 1,000 applications (~3,000 mails, when both still ran
      // in the suite's own process).
      NOTIFY_CONCURRENCY: '32',
      // ...and as many SMTP connections: with the default 4, the 32 sends queued for 4 connections.
      SMTP_MAX_CONNECTIONS: '16',
      SELF_PRINT_BASE_URL: `http://127.0.0.1:${ports.printing}`,
      STATUS_PUBLIC_URL: 'https://layanan.example.go.id/lacak',
    },
    // Deadlines here are days away: the scan at start and every ten minutes finds nothing to escalate.
    complaints: { DEADLINE_SCAN_INTERVAL_MS: '600000' },
    gateway: {},
  };
  const entries = serviceEntries(repoRoot, SERVICES);
  // Each service's whole output, across its restarts, beside the run's results (the failure message keeps the last lines only).
  const logDir = path.join(repoRoot, '.local/test-output/faults', `logs-${new Date().toISOString().replace(/[:.]/g, '-')}`);
  mkdirSync(logDir, { recursive: true });
  const services = Object.fromEntries(
    SERVICES.map((name) => [
      name,
      new SupervisedService(
        name,
        ports[name],
        () => ({
          ...common,
          ...busEnv({ dir: bus.dir, natsUrl: bus.natsUrl }, name),
          ...own[name],
        }),
        entries.entry(name),
        path.join(logDir, `${name}.log`),
      ),
    ]),
  ) as Record<ServiceName, SupervisedService>;
  for (const name of SERVICES) services[name].start();
  const readyMs = Object.fromEntries(
    await Promise.all(SERVICES.map(async (name) => [name, await services[name].waitReady(180_000)] as const)),
  ) as Record<ServiceName, number>;
  // A first start past the restart target: say what held it (its own warnings, no personal data in them).
  for (const name of SERVICES)
    if (readyMs[name] > 10_000)
      process.stdout.write(
        `faults: ${name} ready after ${readyMs[name]} ms at the first start:\n  ${services[name].lastLines(5).join('\n  ')}\n`,
      );

  const kkObjects = new MinioObjectStorage({ endpoint: s3.endpoint, accessKey: s3.accessKey, secretKey: s3.secretKey, bucket: buckets.kk });
  return {
    postgres,
    bus,
    s3,
    s3Proxy,
    smtp,
    services,
    run: { mode: entries.mode, reason: entries.reason, readyMs },
    logDir,
    databaseUrl,
    buckets,
    kkObjects,
    async token(username) {
      const r = await fetch(`${issuer}/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username, password: 'demo' }),
      });
      if (r.status !== 200) throw new Error(`token for ${username}: ${r.status}`);
      return ((await r.json()) as { access_token: string }).access_token;
    },
    async close() {
      await Promise.all(SERVICES.map((s) => services[s].stop()));
      await s3Proxy.down();
      await smtp.close();
      await s3.close();
      await bus.destroy();
      await postgres.destroy();
    },
  };
}

/**
 * The local S3 server (infra/s3-local.ts, s3rver) as a process of its own. In the suite's process it
 * shared one event loop with the load and the SMTP server: every upload, signed PDF and download
 * waited behind them. Its objects are removed at start and close.
 */
async function startS3Process(directory: string): Promise<LocalS3Server> {
  rmSync(directory, { recursive: true, force: true });
  const port = await freePort();
  const server = ServiceProcess.start('s3', 'infra/s3-local.ts', { S3_LOCAL_PORT: String(port), S3_LOCAL_DIR: directory });
  for (const deadline = Date.now() + 60_000; server.lines('local S3 listening').length === 0; await sleep(100))
    if (server.child.exitCode !== null || Date.now() > deadline)
      throw new Error(`local S3 did not start:\n${server.output.slice(-10).join('\n')}`);
  return {
    endpoint: `http://127.0.0.1:${port}`,
    // s3rver's fixed credentials (libs/storage startLocalS3).
    accessKey: 'S3RVER',
    secretKey: 'S3RVER',
    async close() {
      await server.stop('SIGKILL');
      rmSync(directory, { recursive: true, force: true });
    },
  };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
