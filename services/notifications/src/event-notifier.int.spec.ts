import { postgresApplicationCommands } from '@adminduk/application-commands';
import type { Principal } from '@adminduk/auth';
import { applicationStreamId, domainTesting } from '@adminduk/domain';
import type { RecordedEvent } from '@adminduk/event-store';
import { SendInProgressError } from './event-notifier';
import { startNotifierTestbed, type NotifierTestbed } from './testing/notifier-testbed';

const operator = { userId: 'op-balongbendo-1', role: 'operator-kecamatan', kecamatan: domainTesting.BALONGBENDO } as Principal;
const LEASE_MS = 5_000;

/** EventNotifier on real PostgreSQL (event store, send record) and a real SMTP server. */
describe('EventNotifier', () => {
  let bed: NotifierTestbed;
  let store: NotifierTestbed['store'];
  let pool: NotifierTestbed['pool'];
  let smtp: NotifierTestbed['smtp'];
  let records: NotifierTestbed['records'];

  beforeAll(async () => {
    bed = await startNotifierTestbed('notifier', { leaseMs: LEASE_MS });
    ({ store, pool, smtp, records } = bed);
  });
  afterAll(() => bed?.close());

  const notifier = () => bed.notifier();

  async function submitted(name: string): Promise<{ id: string; events: RecordedEvent[] }> {
    const commands = postgresApplicationCommands(store, pool);
    const { applicationId: _, ...data } = domainTesting.submitCommand('tatap-muka').data;
    const { applicationId } = await commands.submit(
      { ...data, newborn: { ...data.newborn, namaLengkap: name } },
      { idempotencyKey: name, principal: operator, correlationId: name },
    );
    return { id: applicationId, events: await store.readStream(applicationStreamId(applicationId)) };
  }

  it('sends once per event: a redelivery of the same event finds it sent', async () => {
    const { id, events } = await submitted('BAYI SATU');
    await notifier().handle(events[0]);
    await notifier().handle(events[0]);
    expect(smtp.messages.filter((m) => m.subject.includes(id))).toHaveLength(1);
  });

  it('a send claimed by another instance: retry when that claim ends, not before', async () => {
    const { id, events } = await submitted('BAYI DUA');
    const held = await records.claim({
      applicationId: id,
      template: 'submission-received',
      eventId: events[0].metadata.eventId,
      channel: 'email',
    });
    expect(held.outcome).toBe('claimed');
    const error = await notifier()
      .handle(events[0])
      .then(
        () => undefined,
        (e: unknown) => e,
      );
    expect(error).toBeInstanceOf(SendInProgressError);
    expect((error as SendInProgressError).retryAfterMs).toBeGreaterThan(LEASE_MS - 1_500);
    expect((error as SendInProgressError).retryAfterMs).toBeLessThanOrEqual(LEASE_MS + 200);
    expect(smtp.messages.filter((m) => m.subject.includes(id))).toHaveLength(0);
  });

  it('an event that causes no message is acked without reading the stream', async () => {
    const { events } = await submitted('BAYI TIGA');
    // Were the stream read, revision 99 of this short stream would be "stream behind" (retried).
    const other = { ...events[0], type: 'DocumentAttached', revision: 99 } as RecordedEvent;
    await expect(notifier().handle(other)).resolves.toBeUndefined();
    await expect(notifier().handle({ ...events[0], revision: 99 })).rejects.toThrow(/stream has \d events, the bus delivered revision 99/);
  });
});
