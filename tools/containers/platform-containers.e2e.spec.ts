import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseAllDocuments } from 'yaml';
import { counterSubmission } from '@adminduk/gateway/testing';
import { createDevPki } from '@adminduk/kk-document';
import { startSmtpTestServer, type SmtpTestServer } from '@adminduk/notifications';
import { startTestS3, type TestS3 } from '@adminduk/storage';
import {
  createTestSchema,
  describeWhere,
  eventually,
  freePort,
  httpStatus,
  platformProcessEnv,
  testBusEnv,
  testRateLimitEnv,
  uniqueId,
  type TestSchema,
} from '@adminduk/testing';
import {
  buildImages,
  containerLogs,
  docker,
  dockerUnavailableReason,
  removeContainers,
  repoRoot,
  runToCompletion,
  startContainer,
} from './docker-engine';
import { madeUpSecretValues } from './regency-secrets';
import { PLATFORM_SERVICES } from '../k8s/platform-services';
import { secretKeysOf } from '../k8s/service-settings';

/** Every service that has an entry point gets an image and a container (infra/docker-images.sh does the same). */
const SERVICES = readdirSync(path.join(repoRoot, 'services')).filter((s) => existsSync(path.join(repoRoot, 'services', s, 'src/main.ts')));
const TAG = process.env.IMAGE_TAG ?? 'dev';

/**
 * The images as they ship (decision 0024): built from the one Dockerfile, each service's container
 * run as in the cluster (read-only root, non-root user, host network only) against this machine's
 * PostgreSQL and the project's test bus; the schema brought up by the migration container first.
 */
describeWhere('platform containers (docker)', dockerUnavailableReason(), () => {
  const ns = uniqueId('ctr');
  const names: string[] = [];
  const ports: Record<string, number> = {};
  let schema: TestSchema;
  let s3: TestS3;
  let smtp: SmtpTestServer;

  beforeAll(async () => {
    await buildImages(TAG);
    schema = await createTestSchema('containers', { migrate: false });
    s3 = await startTestS3();
    smtp = await startSmtpTestServer();
    for (const s of SERVICES) ports[s] = await freePort();
  }, 30 * 60_000);

  afterAll(async () => {
    await removeContainers(names);
    for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
    await smtp?.close();
    await s3?.close();
    await schema?.drop();
  });

  const url = (service: string) => `http://127.0.0.1:${ports[service]}`;

  /** The signing PKI as the Secret adminduk-signing-pki mounts it, readable by the containers' uid 1000. */
  const tempDirs: string[] = [];
  function signingPkiDir(): string {
    const dir = mkdtempSync(path.join(tmpdir(), 'containers-pki-'));
    tempDirs.push(dir);
    const pki = createDevPki({ passphrase: 'kata sandi kontainer' });
    writeFileSync(path.join(dir, 'signer.p12'), pki.p12);
    writeFileSync(path.join(dir, 'signer.passphrase'), pki.passphrase);
    writeFileSync(path.join(dir, 'ca.crt.pem'), pki.caCertPem);
    for (const f of readdirSync(dir)) chmodSync(path.join(dir, f), 0o644);
    chmodSync(dir, 0o755);
    return dir;
  }

  /** What each service needs beyond the shared environment (storage, mail, the signing PKI, upstreams). */
  function extraEnv(service: string): Record<string, string> {
    const storage = { S3_ENDPOINT: s3.endpoint, S3_ACCESS_KEY: s3.accessKey, S3_SECRET_KEY: s3.secretKey };
    const issuer = url('auth-dev');
    switch (service) {
      case 'auth-dev':
        return { AUTH_DEV_KEY_DIR: '/tmp/auth-dev' };
      case 'documents':
        return storage;
      case 'printing':
        return { ...storage, S3_BUCKET: `${ns}-signed`.replace(/_/g, '-'), PUBLIC_BASE_URL: url('web') };
      case 'signing':
        return {
          ...storage,
          S3_BUCKET: `${ns}-signed`.replace(/_/g, '-'),
          SIGNER_P12_PATH: '/pki/signer.p12',
          SIGNER_P12_PASSPHRASE_FILE: '/pki/signer.passphrase',
          TRUSTED_CA_FILES: '/pki/ca.crt.pem',
          PUBLIC_BASE_URL: url('web'),
          DOCUMENT_ID_SECRET: 'container-smoke-document-id-secret',
          KEPALA_DINAS_NAMA: 'KEPALA DINAS UJI',
          KEPALA_DINAS_NIP: '197001011990031001',
        };
      case 'notifications':
        return { SMTP_HOST: smtp.host, SMTP_PORT: String(smtp.port) };
      case 'web':
        return {
          GATEWAY_URL: url('gateway'),
          AUTH_URL: issuer,
          DOCUMENTS_URL: url('documents'),
          SIGNING_URL: url('signing'),
          PRINTING_URL: url('printing'),
          COMPLAINTS_URL: url(SERVICES.includes('complaints') ? 'complaints' : 'gateway'),
          OIDC_ISSUER: issuer,
        };
      default:
        return {};
    }
  }

  it(
    'runs the migrations as a one-shot container, then every service container becomes ready',
    async () => {
      const image = (service: string) => `adminduk/${service}:${TAG}`;
      // The migration Job of the cluster: the release's gateway image running the runner's entry.
      const migrated = await runToCompletion({
        name: `${ns}-migrate`,
        image: image('gateway'),
        env: { ADMINDUK_ENV: 'test', DATABASE_URL: schema.url },
        command: ['node', 'libs/migrations/dist/src/main.js'],
      });
      expect(migrated).toMatch(/applied \d+ migration/);

      const pkiDir = signingPkiDir();

      const common = platformProcessEnv({ namespace: ns, databaseUrl: schema.url, issuer: url('auth-dev') });
      for (const service of SERVICES) {
        const name = `${ns}-${service}`;
        names.push(name);
        await startContainer({
          name,
          image: image(service),
          env: {
            ADMINDUK_ENV: 'test',
            LOG_LEVEL: 'info',
            ...common,
            ...testRateLimitEnv,
            ...testBusEnv(service),
            PORT: String(ports[service]),
            ...extraEnv(service),
          },
          mounts: service === 'signing' ? { [pkiDir]: '/pki' } : {},
        });
      }
      for (const service of SERVICES) {
        try {
          await eventually(async () => expect(await httpStatus(`${url(service)}/health/ready`)).toBe(200), 90_000, 500);
        } catch (e) {
          throw new Error(`${service} container not ready:\n${await containerLogs(`${ns}-${service}`)}\n${String(e)}`);
        }
        expect(await httpStatus(`${url(service)}/health/live`)).toBe(200);
      }
    },
    10 * 60_000,
  );

  it('takes an application through the gateway container and shows it in the operator queue', async () => {
    const token = async (username: string) => {
      const r = await fetch(`${url('auth-dev')}/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username, password: 'demo' }),
      });
      return ((await r.json()) as { access_token: string }).access_token;
    };
    const operator = await token('operator.balongbendo');
    const res = await fetch(`${url('gateway')}/api/applications`, {
      method: 'POST',
      headers: { authorization: `Bearer ${operator}`, 'content-type': 'application/json', 'idempotency-key': `${ns}-submit` },
      body: JSON.stringify(counterSubmission()),
    });
    expect(res.status).toBe(201);
    const { applicationId } = (await res.json()) as { applicationId: string };
    const queue = async () =>
      (
        (await (await fetch(`${url('gateway')}/api/applications`, { headers: { authorization: `Bearer ${operator}` } })).json()) as {
          items: { applicationId: string; bucket: string }[];
        }
      ).items;
    const item = await eventually(async () => {
      const found = (await queue()).find((i) => i.applicationId === applicationId);
      if (!found) throw new Error('not in the operator queue yet');
      return found;
    }, 30_000);
    expect(item.bucket).toBe('to-verify');
    // The web app's container serves the one origin's shell.
    if (SERVICES.includes('web')) expect(await httpStatus(`${url('web')}/`)).toBe(200);
  }, 120_000);

  it("starts every image with the regency overlay's configuration and its Secret's keys (no config error; still running)", async () => {
    const rendered = parseAllDocuments(
      execFileSync('kubectl', ['kustomize', path.join(repoRoot, 'k8s/overlays/regency')], { encoding: 'utf8' }),
    ).map((d) => d.toJS() as { kind: string; metadata: { name: string }; data?: Record<string, string> });
    const configMap = (name: string) => rendered.find((o) => o.kind === 'ConfigMap' && o.metadata.name === name)?.data ?? {};
    const made = madeUpSecretValues();
    const pkiDir = signingPkiDir();
    const started: string[] = [];
    for (const service of PLATFORM_SERVICES.filter((s) => !s.devOnly)) {
      const name = `${ns}-regency-${service.name}`;
      names.push(name);
      started.push(name);
      const env: Record<string, string> = { ...configMap('adminduk-platform'), ...configMap(`adminduk-${service.name}`) };
      for (const key of secretKeysOf(service)) env[key] = made[key];
      // No network at all: the engines are unreachable, so a service must stay up and retry.
      await startContainer({
        name,
        image: `adminduk/${service.name}:${TAG}`,
        env,
        network: 'none',
        mounts: service.name === 'signing' ? { [pkiDir]: '/etc/adminduk/pki' } : {},
      });
    }
    await new Promise((r) => setTimeout(r, 8000));
    for (const name of started) {
      const logs = await containerLogs(name);
      const running = await docker(['inspect', '--format', '{{.State.Running}}', name]);
      expect({ name, running, configError: /config error/i.test(logs) }).toEqual({ name, running: 'true', configError: false });
    }
    await removeContainers(started);
  }, 180_000);

  it("runs a Jest suite in the test-runner image as the dev overlay's contract Job does (uid 1000, a 0777 /tmp)", async () => {
    const name = `${ns}-test-runner`;
    names.push(name);
    const out = await docker(
      [
        'run',
        '--rm',
        '--name',
        name,
        '--network',
        'none',
        '--user',
        '1000:1000',
        '--cap-drop',
        'ALL',
        // An emptyDir: writable by everyone, no sticky bit (what SWC refuses for its addon cache).
        '--tmpfs',
        '/tmp:rw,exec,mode=0777',
        '-e',
        'TEST_NATS_URL=nats://127.0.0.1:4222',
        `adminduk/test-runner:${TAG}`,
        'sh',
        '-c',
        // Jest reports on stderr; a failing run exits non-zero and fails this test with its output.
        // Then the Job's own command: without a server named it must stop on its config line, not skip.
        'npx jest -c jest.config.js libs/messaging/src/backoff.unit.spec.ts 2>&1 && { npm run --silent test:kurrentdb 2>&1; echo "test:kurrentdb exit $?"; }',
      ],
      {},
      180_000,
    );
    expect(out).toMatch(/Tests:\s+\d+ passed, \d+ total/);
    expect(out).toContain('config error: EVENTSTOREDB_URL is required');
    expect(out).toContain('test:kurrentdb exit 1');
  }, 240_000);

  it('ships every image as uid 1000 with node main.js, and production dependencies only', async () => {
    for (const service of SERVICES) {
      const config = await docker(['image', 'inspect', '--format', '{{.Config.User}} {{json .Config.Cmd}}', `adminduk/${service}:${TAG}`]);
      expect({ service, config }).toEqual({ service, config: '1000:1000 ["node","main.js"]' });
    }
    // The dependency layer is the same in every service image: checked once, in the gateway's.
    const resolves = await docker([
      'run',
      '--rm',
      '--network',
      'none',
      '--read-only',
      `adminduk/gateway:${TAG}`,
      'node',
      '-e',
      `for (const m of ['@nestjs/core', 'typescript', 'jest', '@swc/core']) { let ok = true; try { require.resolve(m); } catch { ok = false; } console.log(m + '=' + ok); }`,
    ]);
    expect(resolves.split('\n')).toEqual(['@nestjs/core=true', 'typescript=false', 'jest=false', '@swc/core=false']);
  }, 120_000);

  it('stops a service container on SIGTERM promptly and cleanly (exit code 0)', async () => {
    const name = `${ns}-intake`;
    await docker(['stop', '--time', '20', name], {}, 60_000);
    expect(await docker(['inspect', '--format', '{{.State.ExitCode}}', name])).toBe('0');
  }, 90_000);
});
