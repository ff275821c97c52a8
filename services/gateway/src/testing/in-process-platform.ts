import type { INestApplication } from '@nestjs/common';
import { mkdtempSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Clock } from '@adminduk/application-commands';
import { createLogger, startTracing, type Logger, type Tracing } from '@adminduk/observability';
import type { SpanExporter } from '@opentelemetry/sdk-trace-base';
import {
  createTestSchema,
  freePort,
  testBusEnv,
  testBusSeed,
  testEnv,
  testRateLimitEnv,
  testRateLimits,
  uniqueId,
  type TestSchema,
} from '@adminduk/testing';
import type { DestinationStream } from 'pino';

/**
 * The whole walking skeleton in one process, for end-to-end tests that need to see inside (spans,
 * log lines): dev issuer, gateway, intake, relay and projections, each a real app on a real port,
 * talking over the real NATS server and PostgreSQL. Everything is namespaced per instance (schema,
 * JetStream stream and subjects, command subjects), so suites run side by side.
 */
export interface InProcessPlatform {
  gatewayUrl: string;
  /** Set when started with `documents: true`. */
  documentsUrl?: string;
  /** Set when started with `signing`: the signing service (batches, public verification). */
  signing?: {
    url: string;
    caCertPem: string;
    readAll(objectKey: string): Promise<Buffer>;
    /** Where the signed KKs are (S3_* of a service that reads them: printing, self-print). */
    storageEnv: { S3_ENDPOINT: string; S3_ACCESS_KEY: string; S3_SECRET_KEY: string; S3_BUCKET: string };
  };
  /** Runs one scan for missed correction deadlines now (the service also scans on its own). */
  scanDeadlines(): Promise<number>;
  schema: TestSchema;
  /** The namespace of this instance's command subjects (COMMAND_SUBJECT_PREFIX of every service). */
  commandSubjectPrefix: string;
  token(username: string): Promise<string>;
  /** The environment of `service` started beside this platform: its bus user, this namespace, database and issuer. */
  envFor(service: string): Record<string, string>;
  /** Every JSON log line any service wrote. */
  logLines: string[];
  /** The HTTP ports of the services behind the gateway (health, metrics, errors). */
  serviceUrls: Record<'auth' | 'intake' | 'verification' | 'projections' | 'relay', string>;
  /** Every started service's Nest app by name (its routes, for the OpenAPI coverage test). */
  apps: Record<string, INestApplication>;
  close(): Promise<void>;
}

export interface PlatformOptions {
  clock?: Clock;
  logLevel?: 'info' | 'debug' | 'warn';
  /** Collects every span of every service (they share this process's tracer provider). */
  spanExporter?: SpanExporter;
  /** Also start the documents service with its own S3 server. */
  documents?: boolean;
  /**
   * Also start the signing service (own S3 server, a development PKI made for this run). `signer`
   * replaces the local PKCS#12 signer (e.g. a RemoteTteSigner against a test server).
   */
  signing?: { autoSign?: boolean; signer?: import('@adminduk/kk-document').PdfSigner; caCertPem?: string };
  /** The issuer as browsers reach it (e.g. the web edge's `<origin>/auth`); the issuer's own URL by default. */
  authIssuer?: string;
}

export async function startInProcessPlatform(options: PlatformOptions = {}): Promise<InProcessPlatform> {
  const ns = uniqueId('e2e');
  const tracing: Tracing | undefined = options.spanExporter
    ? startTracing({ serviceName: 'platform', exporter: options.spanExporter })
    : undefined;
  const schema = await createTestSchema('platform');
  const logLines: string[] = [];
  const destination: DestinationStream = { write: (line: string) => void logLines.push(line) };
  const logger = (service: string): Logger => createLogger({ service, level: options.logLevel ?? 'info', destination });

  const { createAuthDevApp, findDemoUser, issueAccessToken, loadOrCreateSigningKey } = await import('@adminduk/auth-dev/testing');
  const signingKey = await loadOrCreateSigningKey(mkdtempSync(path.join(tmpdir(), 'auth-dev-')));
  // The issuer must be known before the server answers discovery and /token: its port is chosen first.
  const authPort = await freePort();
  const authUrl = `http://127.0.0.1:${authPort}`;
  const authOptions = { signingKey, issuer: options.authIssuer ?? authUrl, audience: 'adminduk', tokenTtlSeconds: 3600 };
  const auth: INestApplication = await createAuthDevApp(authOptions, logger('auth-dev'));
  await auth.listen(authPort, '127.0.0.1');

  const env = {
    ADMINDUK_ENV: 'test',
    COMMAND_SUBJECT_PREFIX: ns,
    PORT: '0',
    DATABASE_URL: schema.url,
    NATS_URL: testEnv.natsUrl,
    EVENTS_STREAM: `${ns}_EVENTS`,
    EVENTS_SUBJECT_PREFIX: `${ns}.evt`,
    DEAD_LETTER_STREAM: `${ns}_DLQ`,
    DEAD_LETTER_SUBJECT_PREFIX: `${ns}.dlq`,
    AUTH_JWKS_URL: `${authUrl}/.well-known/jwks.json`,
    AUTH_ISSUER: authOptions.issuer,
    AUTH_AUDIENCE: 'adminduk',
    ...testRateLimitEnv,
  };
  // Each service as its own bus user, with the permissions it has in production.
  const envFor = (service: string) => ({ ...env, ...testBusEnv(service) });

  const apps: INestApplication[] = [];
  const { createIntakeApp, loadIntakeConfig } = await import('@adminduk/intake/testing');
  const intake: INestApplication = await createIntakeApp(loadIntakeConfig(envFor('intake')), logger('intake'), options.clock);
  await intake.listen(0, '127.0.0.1');
  await intake.startAllMicroservices();
  apps.push(intake);

  const { CorrectionDeadlines, createVerificationApp, loadVerificationConfig } = await import('@adminduk/verification/testing');
  const verification: INestApplication = await createVerificationApp(
    loadVerificationConfig({ ...envFor('verification'), DEADLINE_SCAN_INTERVAL_MS: '600000' }),
    logger('verification'),
    options.clock,
  );
  await verification.listen(0, '127.0.0.1');
  await verification.startAllMicroservices();
  apps.push(verification);

  const { createProjectionsApp, loadProjectionsConfig, ProjectionConsumers } = await import('@adminduk/projections/testing');
  const projections: INestApplication = await createProjectionsApp(loadProjectionsConfig(envFor('projections')), logger('projections'));
  await projections.listen(0, '127.0.0.1');
  apps.push(projections);
  await projections.get(ProjectionConsumers).started();

  const { createRelayApp, loadRelayConfig } = await import('@adminduk/relay/testing');
  const relay: INestApplication = await createRelayApp(
    loadRelayConfig({
      ADMINDUK_ENV: 'test',
      DATABASE_URL: schema.url,
      NATS_URL: testEnv.natsUrl,
      NATS_NKEY_SEED: testBusSeed('relay'),
      PORT: '0',
      RELAY_EVENTS_STREAM: env.EVENTS_STREAM,
      RELAY_SUBJECT_PREFIX: env.EVENTS_SUBJECT_PREFIX,
      RELAY_NAME: ns,
    }),
    logger('relay'),
  );
  await relay.listen(0, '127.0.0.1');

  const closers: Array<() => Promise<void>> = [];
  let documentsUrl: string | undefined;
  const extraApps: Record<string, INestApplication> = {};
  if (options.documents) {
    const { startTestS3 } = await import('@adminduk/storage');
    const { createDocumentsApp, documentsConfigFromEnv, documentsEnvSchema } = await import('@adminduk/documents/testing');
    const s3 = await startTestS3();
    const docs = await createDocumentsApp(
      documentsConfigFromEnv(
        documentsEnvSchema.parse({
          ...envFor('documents'),
          S3_ENDPOINT: s3.endpoint,
          S3_ACCESS_KEY: s3.accessKey,
          S3_SECRET_KEY: s3.secretKey,
          S3_BUCKET: ns.toLowerCase().replace(/_/g, '-'),
          DOCUMENTS_SWEEP_INTERVAL_SEC: '3600',
        }),
      ),
      logger('documents'),
    );
    await docs.app.listen(0, '127.0.0.1');
    documentsUrl = `http://127.0.0.1:${(docs.app.getHttpServer().address() as AddressInfo).port}`;
    extraApps.documents = docs.app;
    closers.push(
      () => docs.close(),
      () => s3.close(),
    );
  }

  let signing: InProcessPlatform['signing'];
  if (options.signing) {
    const { MinioObjectStorage, startTestS3 } = await import('@adminduk/storage');
    const { createDevPki, Pkcs12Signer } = await import('@adminduk/kk-document');
    const { createSigningApp, TEST_OFFICE } = await import('@adminduk/signing/testing');
    const s3 = await startTestS3();
    const storage = {
      endpoint: s3.endpoint,
      accessKey: s3.accessKey,
      secretKey: s3.secretKey,
      bucket: `${ns.toLowerCase().replace(/_/g, '-')}-kk`,
    };
    const pki = options.signing.caCertPem ? null : createDevPki({ passphrase: 'platform' });
    const caCertPem: string = options.signing.caCertPem ?? pki!.caCertPem;
    const app = await createSigningApp({
      databaseUrl: schema.url,
      auth: { jwksUrl: env.AUTH_JWKS_URL, issuer: env.AUTH_ISSUER, audience: env.AUTH_AUDIENCE },
      storage,
      signer: options.signing.signer ?? new Pkcs12Signer({ p12: pki!.p12, passphrase: 'platform' }),
      trustedCertificates: [caCertPem],
      office: TEST_OFFICE,
      documentIdSecret: `platform-${ns}`,
      autoSign: options.signing.autoSign ? { env: { ...envFor('signing'), NATS_URL: [env.NATS_URL] } } : undefined,
      logger: logger('signing'),
      rateLimits: testRateLimits,
    });
    await app.app.listen(0, '127.0.0.1');
    await app.runtime.started();
    extraApps.signing = app.app;
    const objects = new MinioObjectStorage(storage);
    signing = {
      url: `http://127.0.0.1:${(app.app.getHttpServer().address() as AddressInfo).port}`,
      caCertPem,
      storageEnv: {
        S3_ENDPOINT: storage.endpoint,
        S3_ACCESS_KEY: storage.accessKey,
        S3_SECRET_KEY: storage.secretKey,
        S3_BUCKET: storage.bucket,
      },
      async readAll(objectKey: string) {
        const chunks: Buffer[] = [];
        for await (const c of await objects.getObject(objectKey)) chunks.push(c as Buffer);
        return Buffer.concat(chunks);
      },
    };
    closers.push(
      () => app.close(),
      () => s3.close(),
    );
  }

  const { createGatewayApp } = await import('../gateway.app');
  const { loadGatewayConfig } = await import('../gateway.config');
  const gateway: INestApplication = await createGatewayApp(loadGatewayConfig(envFor('gateway')), logger('gateway'));
  await gateway.listen(0, '127.0.0.1');
  apps.push(gateway);
  const gatewayUrl = `http://127.0.0.1:${(gateway.getHttpServer().address() as AddressInfo).port}`;

  const urlOf = (app: INestApplication) => `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
  return {
    gatewayUrl,
    documentsUrl,
    signing,
    scanDeadlines: () => verification.get(CorrectionDeadlines).scanOnce(),
    schema,
    commandSubjectPrefix: ns,
    envFor,
    logLines,
    serviceUrls: {
      auth: authUrl,
      intake: urlOf(intake),
      verification: urlOf(verification),
      projections: urlOf(projections),
      relay: urlOf(relay),
    },
    apps: { 'auth-dev': auth, intake, verification, projections, relay, ...extraApps, gateway },
    async token(username: string) {
      const user = findDemoUser(username);
      if (!user) throw new Error(`No demo user ${username}`);
      return issueAccessToken(user, authOptions);
    },
    async close() {
      await relay.close();
      for (const close of closers) await close();
      for (const app of apps.reverse()) await app.close();
      await auth.close();
      await schema.drop();
      await tracing?.shutdown();
    },
  };
}

/** Every HTTP service the platform started, by name: for tests that probe each service alike. */
export function everyServiceUrl(platform: InProcessPlatform): Record<string, string> {
  return {
    gateway: platform.gatewayUrl,
    ...(platform.documentsUrl ? { documents: platform.documentsUrl } : {}),
    ...(platform.signing ? { signing: platform.signing.url } : {}),
    ...platform.serviceUrls,
  };
}
