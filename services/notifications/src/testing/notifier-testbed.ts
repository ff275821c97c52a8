import { randomBytes } from 'node:crypto';
import { Pool } from 'pg';
import { defaultCalendar } from '@adminduk/calendar';
import { PostgresEventStore } from '@adminduk/event-store';
import {
  BALONGBENDO_OFFICE,
  NotificationDispatcher,
  SendRecordRepository,
  SmtpMailSender,
  startSmtpTestServer,
  type SmtpTestServer,
} from '@adminduk/notifications';
import { createLogger } from '@adminduk/observability';
import { ComplaintTrackingCodes } from '@adminduk/self-print-token';
import { createTestSchema, type TestSchema } from '@adminduk/testing';
import { EventNotifier } from '../event-notifier';

/** What an EventNotifier test runs on: a migrated schema (event store, send record) and a real SMTP server. */
export interface NotifierTestbed {
  schema: TestSchema;
  store: PostgresEventStore;
  pool: Pool;
  smtp: SmtpTestServer;
  mail: SmtpMailSender;
  records: SendRecordRepository;
  /** The tracking codes the notifier mails (a fresh key per testbed), and the lookup page's origin. */
  trackingCodes: ComplaintTrackingCodes;
  webOrigin: string;
  /** A new EventNotifier on the testbed (each one as another instance of the service would be). */
  notifier(): EventNotifier;
  close(): Promise<void>;
}

export async function startNotifierTestbed(schemaPrefix: string, o: { leaseMs?: number } = {}): Promise<NotifierTestbed> {
  const schema = await createTestSchema(schemaPrefix);
  const store = await PostgresEventStore.create({ connectionString: schema.url, max: 2 });
  const pool = new Pool({ connectionString: schema.url, max: 4 });
  const smtp = await startSmtpTestServer();
  const mail = new SmtpMailSender({ host: smtp.host, port: smtp.port, from: 'Disdukcapil <noreply@adminduk.test>' });
  const records = new SendRecordRepository(pool, { leaseMs: o.leaseMs ?? 5_000 });
  const trackingCodes = new ComplaintTrackingCodes(randomBytes(32));
  const webOrigin = 'https://adminduk.test';
  const complaintTracking = (complaintId: string) => {
    const { trackingNumber, trackingCode } = trackingCodes.credentialsOf(complaintId);
    return { trackingNumber, trackingCode, lookupUrl: `${webOrigin}/pengaduan/lacak?nomor=${trackingNumber}` };
  };
  return {
    schema,
    store,
    pool,
    smtp,
    mail,
    records,
    trackingCodes,
    webOrigin,
    notifier: () =>
      new EventNotifier({
        facts: { store, calendar: async () => defaultCalendar, office: () => BALONGBENDO_OFFICE, complaintTracking },
        dispatcher: new NotificationDispatcher({ records, mail, messageIdDomain: 'adminduk.test' }),
        logger: createLogger({ service: 'notifications', level: 'silent' }),
      }),
    async close() {
      await mail.close();
      await smtp.close();
      await pool.end();
      await store.close();
      await schema.drop();
    },
  };
}
