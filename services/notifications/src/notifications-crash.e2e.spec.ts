import { Pool } from 'pg';
import { postgresApplicationCommands } from '@adminduk/application-commands';
import type { Principal } from '@adminduk/auth';
import { domainTesting } from '@adminduk/domain';
import { PostgresEventStore } from '@adminduk/event-store';
import { startSmtpTestServer, type SmtpTestServer } from '@adminduk/notifications';
import { notificationsTestEnv } from './testing/notifications-harness';
import {
  createTestSchema,
  eventually,
  freePort,
  httpStatus,
  namespacedPlatformEnv,
  ServiceProcess,
  testBusEnv,
  testEnv,
  uniqueId,
  type TestSchema,
} from '@adminduk/testing';

const APPLICATIONS = 200;
const operator = { userId: 'op-balongbendo-1', role: 'operator-kecamatan', kecamatan: domainTesting.BALONGBENDO } as Principal;

/** A process the chaos loop kills with SIGKILL and starts again on the same port. */
class Restartable {
  current?: ServiceProcess;
  kills = 0;
  constructor(
    readonly name: string,
    private readonly env: () => Record<string, string>,
  ) {}
  start(): void {
    this.current = ServiceProcess.start(this.name, `services/${this.name}/src/main.ts`, this.env());
  }
  async kill(): Promise<void> {
    this.kills++;
    await this.current?.stop('SIGKILL');
  }
}

/**
 * Issue 11, crash: the notifications service and the relay are killed (-9) at random moments while
 * 200 applications are submitted. Afterwards every applicant has exactly one receipt mail by
 * Message-ID in the SMTP server, none missing: the relay republishes from its checkpoint, the bus
 * redelivers what was not acked, and the send record lets at most a repeat with the same Message-ID
 * through (a crash between sending and recording).
 */
describe('notifications under kill -9 of itself and the relay', () => {
  let schema: TestSchema;
  let smtp: SmtpTestServer;
  let store: PostgresEventStore;
  let pool: Pool;
  const procs: Restartable[] = [];
  const ns = uniqueId('crash');

  beforeAll(async () => {
    schema = await createTestSchema('notify_crash');
    smtp = await startSmtpTestServer();
    store = await PostgresEventStore.create({ connectionString: schema.url, max: 8 });
    pool = new Pool({ connectionString: schema.url, max: 8 });
  });
  afterAll(async () => {
    await Promise.all(procs.map((p) => p.current?.stop('SIGKILL')));
    await pool?.end();
    await store?.close();
    await smtp?.close();
    await schema?.drop();
  });

  it('200 applications, random kills: exactly one receipt Message-ID per application, none missing', async () => {
    const ports = { relay: await freePort(), notifications: await freePort() };
    const common = { ...namespacedPlatformEnv(ns), DATABASE_URL: schema.url, NATS_URL: testEnv.natsUrl, LOG_LEVEL: 'warn' };
    const relay = new Restartable('relay', () => ({ ...common, ...testBusEnv('relay'), PORT: String(ports.relay) }));
    const notifications = new Restartable('notifications', () => ({
      ...common,
      ...testBusEnv('notifications'),
      PORT: String(ports.notifications),
      ...notificationsTestEnv(smtp),
      NOTIFY_MAX_ATTEMPTS: '50',
    }));
    procs.push(relay, notifications);
    relay.start();
    notifications.start();
    for (const port of Object.values(ports))
      await eventually(async () => expect(await httpStatus(`http://127.0.0.1:${port}/health/ready`)).toBe(200), 30_000, 100);

    const commands = postgresApplicationCommands(store, pool);
    const { applicationId: _, ...submission } = domainTesting.submitCommand('tatap-muka').data;
    const ids: string[] = [];
    let submitting = true;
    const submit = (async () => {
      for (let i = 0; i < APPLICATIONS; i += 10) {
        const batch = await Promise.all(
          Array.from({ length: 10 }, (_, j) => {
            const n = i + j;
            const newborn = { ...submission.newborn, namaLengkap: `BAYI ${letters(n)}` };
            return commands.submit(
              { ...submission, newborn },
              { idempotencyKey: `${ns}-${n}`, principal: operator, correlationId: `${ns}-${n}` },
            );
          }),
        );
        ids.push(...batch.map((r) => r.applicationId));
        await sleep(500); // ~12 s of submissions, so the kills land in the middle of the work
      }
      submitting = false;
    })();
    // The chaos: while applications arrive, kill one of the two at a random moment, restart it soon after.
    const chaos = (async () => {
      // Turn about, starting with either: both are killed, each at random moments.
      for (let round = Math.round(Math.random()); submitting; round++) {
        await sleep(800 + Math.random() * 1500);
        const victim = round % 2 === 0 ? relay : notifications;
        await victim.kill();
        await sleep(Math.random() * 500);
        victim.start();
      }
    })();
    await Promise.all([submit, chaos]);
    expect(relay.kills).toBeGreaterThanOrEqual(2);
    expect(notifications.kills).toBeGreaterThanOrEqual(2);

    const receiptsOf = (id: string) => smtp.messages.filter((m) => m.subject === `Permohonan diterima [${id}]`);
    await eventually(
      () => {
        const missing = ids.filter((id) => receiptsOf(id).length === 0);
        if (missing.length > 0) throw new Error(`${missing.length} of ${ids.length} applications without a receipt mail`);
      },
      40_000,
      200,
    );
    expect(ids).toHaveLength(APPLICATIONS);
    for (const id of ids) expect(new Set(receiptsOf(id).map((m) => m.messageId)).size).toBe(1);
    // A repeat carries the same Message-ID (a kill between send and record, or a reply lost to a timeout): the mail system drops it.
    const repeats = smtp.messages.length - APPLICATIONS;
    process.stdout.write(
      `crash test: ${relay.kills} relay kills, ${notifications.kills} notifications kills, ${smtp.messages.length} mails, ${repeats} repeats\n`,
    );
  });
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** Letters only: a newborn's name holds no digits. */
const letters = (n: number) => n.toString(26).replace(/./g, (c) => String.fromCharCode(65 + parseInt(c, 26)));
