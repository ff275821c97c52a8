import { applicationStreamId } from '@adminduk/domain';
import { randomUUID } from 'node:crypto';
import { connect, headers as natsHeaders, JSONCodec, nkeyAuthenticator, type NatsConnection } from 'nats';
import type * as ApplicationCommandsLib from '@adminduk/application-commands';
import type { Principal } from '@adminduk/auth';
import { PostgresEventStore } from '@adminduk/event-store';
import { testBusSeed, testCommandAssertionKeys, testEnv, testNatsOptions } from '@adminduk/testing';
import { ApiClient } from './testing/api-client';
import { startInProcessPlatform, type InProcessPlatform } from './testing/in-process-platform';
import { counterSubmission } from './testing/submission-fixture';

/** The service's commands_deadline_passed_total over every subject. */
async function deadlinePassedCount(serviceUrl: string): Promise<number> {
  const text = await (await fetch(`${serviceUrl}/metrics`)).text();
  const samples = text.split('\n').filter((l) => l.startsWith('commands_deadline_passed_total{'));
  return samples.reduce((sum, l) => sum + Number(l.split(' ').at(-1)), 0);
}

/**
 * The bus is not trusted (issue #9, item 1): nobody without a bus identity can connect, a service
 * can publish only on its own subjects, and a command handler acts only for a caller the gateway
 * vouched for, for exactly this payload on this subject, recently. Every refusal appends nothing.
 */
describe('the command bus authenticates, authorises and verifies the caller', () => {
  let platform: InProcessPlatform;
  let store: PostgresEventStore;
  let insider: NatsConnection;
  let applicationId: string;
  let subject: string;
  // Loaded after the platform sets this suite's command-subject prefix (read when the module loads).
  let lib: typeof ApplicationCommandsLib;
  const jc = JSONCodec();
  const forged: Principal = { userId: 'nobody', role: 'operator-kecamatan', kecamatan: '35.15.12' };
  const rejectPayload = (key = randomUUID()) => ({
    meta: { idempotencyKey: key, correlationId: randomUUID(), principal: forged },
    applicationId,
    command: { type: 'RejectApplication', data: { reason: 'Dipalsukan' } },
  });
  const eventCount = async () => (await store.readStream(applicationStreamId(applicationId))).length;

  /** A raw request in Nest's NATS packet format, as anyone with publish rights could send it. */
  const request = async (payload: object, assertion?: string, to = subject) => {
    const h = natsHeaders();
    if (assertion) h.set(lib.COMMAND_ASSERTION_HEADER, assertion);
    const reply = await insider.request(to, jc.encode({ pattern: to, data: payload, id: randomUUID() }), { timeout: 5000, headers: h });
    return (
      jc.decode(reply.data) as {
        response: { ok: boolean; result?: { events: string[]; replayed: boolean }; error?: { statusCode: number; code: string } };
      }
    ).response;
  };

  beforeAll(async () => {
    platform = await startInProcessPlatform();
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    lib = require('@adminduk/application-commands');
    subject = `${platform.commandSubjectPrefix}.${lib.COMMAND_SUBJECTS.verification}`;
    store = await PostgresEventStore.create({ connectionString: platform.schema.url });
    const operator = new ApiClient(platform.gatewayUrl, await platform.token('operator.balongbendo'));
    const res = await operator.post('/api/applications', counterSubmission());
    expect(res.status).toBe(201);
    applicationId = res.body.applicationId;
    // The harness's own user may publish anywhere: the strongest insider there is.
    insider = await connect(testNatsOptions('insider'));
  });
  afterAll(async () => {
    await insider?.close();
    await store?.close();
    await platform?.close();
  });

  it('refuses a connection without a bus identity', async () => {
    await expect(connect({ servers: testEnv.natsUrl, reconnect: false })).rejects.toThrow(/authorization/i);
  });

  it('lets a service publish only on its own subjects: another service cannot send a command', async () => {
    const projections = await connect({
      servers: testEnv.natsUrl,
      authenticator: nkeyAuthenticator(new TextEncoder().encode(testBusSeed('projections'))),
      inboxPrefix: '_INBOX_projections',
    });
    try {
      const before = await eventCount();
      await expect(
        projections.request(subject, jc.encode({ pattern: subject, data: rejectPayload(), id: '1' }), { timeout: 1500 }),
      ).rejects.toThrow(/permission|timeout/i);
      expect(await eventCount()).toBe(before);
    } finally {
      await projections.close().catch(() => undefined);
    }
  });

  it('refuses a command whose principal is only written in the message (the reported hole)', async () => {
    const before = await eventCount();
    const reply = await request(rejectPayload());
    expect(reply).toMatchObject({ ok: false, error: { statusCode: 401, code: 'COMMAND_UNAUTHENTICATED' } });
    expect(await eventCount()).toBe(before);
  });

  it('refuses an assertion signed by another key, for another payload, another subject, or expired', async () => {
    const before = await eventCount();
    const genuine = new lib.CommandAssertionSigner(testCommandAssertionKeys().privateKeyPem);
    const impostor = new lib.CommandAssertionSigner(lib.generateCommandAssertionKeys().privateKeyPem);
    const payload = rejectPayload();
    const cases = [
      await impostor.sign(forged, subject, payload),
      await genuine.sign(forged, subject, { ...payload, command: { type: 'RejectApplication', data: { reason: 'lain' } } }),
      await genuine.sign(forged, `${platform.commandSubjectPrefix}.${lib.COMMAND_SUBJECTS.intake}`, payload),
      await genuine.sign(forged, subject, payload, new Date(Date.now() - 120_000)),
      'not-a-jwt',
    ];
    for (const assertion of cases) {
      expect(await request(payload, assertion)).toMatchObject({ ok: false, error: { statusCode: 401, code: 'COMMAND_UNAUTHENTICATED' } });
    }
    expect(await eventCount()).toBe(before);
  });

  it('does not run a command that reaches its handler after the gateway stopped waiting (the caller was answered 503)', async () => {
    const before = await eventCount();
    const genuine = new lib.CommandAssertionSigner(testCommandAssertionKeys().privateKeyPem);
    const payload = rejectPayload();
    const caller: Principal = { userId: 'op-balongbendo-asli', role: 'operator-kecamatan', kecamatan: '35.15.12' };
    // Sent 3 s ago with a 1 s timeout, as a command queued in a stopped process would be found.
    const sent = Date.now() - 3_000;
    const assertion = await genuine.sign(caller, subject, payload, new Date(sent), new Date(sent + 1_000));
    const dropped = () => deadlinePassedCount(platform.serviceUrls.verification);
    const droppedBefore = await dropped();
    expect(await request(payload, assertion)).toMatchObject({ ok: false, error: { statusCode: 503, code: 'COMMAND_DEADLINE_PASSED' } });
    expect(await eventCount()).toBe(before);
    // Counted for operators: a queue found on resuming, or a clock far ahead of the gateway's.
    expect(await dropped()).toBe(droppedBefore + 1);
  });

  it('acts for the caller in a valid assertion, never the one in the body, and a replay appends nothing', async () => {
    const before = await eventCount();
    const genuine = new lib.CommandAssertionSigner(testCommandAssertionKeys().privateKeyPem);
    const payload = rejectPayload();
    const caller: Principal = { userId: 'op-balongbendo-asli', role: 'operator-kecamatan', kecamatan: '35.15.12' };
    const assertion = await genuine.sign(caller, subject, payload);
    const first = await request(payload, assertion);
    expect(first).toMatchObject({ ok: true, result: { events: ['ApplicationRejected'], replayed: false } });
    const replay = await request(payload, assertion);
    expect(replay).toMatchObject({ ok: true, result: { replayed: true } });
    const events = await store.readStream(applicationStreamId(applicationId));
    expect(events).toHaveLength(before + 1);
    expect(events.at(-1)!.metadata.actor).toMatchObject({ userId: 'op-balongbendo-asli' });
    expect(JSON.stringify(events.map((e) => e.metadata))).not.toContain('nobody');
  });
});
