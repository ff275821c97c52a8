import type { INestApplication } from '@nestjs/common';
import { createLogger, type Logger } from '@adminduk/observability';
import { startSmtpTestServer, type CapturedMail, type SmtpTestServer } from '@adminduk/notifications';
import { namespacedPlatformEnv, testBusEnv, testRateLimitEnv } from '@adminduk/testing';
import { NotificationConsumer } from '../notification-consumer';
import { createNotificationsApp } from '../notifications.app';
import { loadNotificationsConfig } from '../notifications.config';

export interface NotificationsUnderTest {
  smtp: SmtpTestServer;
  app: INestApplication;
  /** Mails whose subject names this reference (application id or receipt number). */
  mailsOf(reference: string): CapturedMail[];
  close(): Promise<void>;
}

/**
 * The service's settings in tests: sends to `smtp`, and short retries and leases so that failures
 * and crashes resolve within a test (a crashed claim frees after 6 s, an unacked event comes back after 5 s).
 */
export function notificationsTestEnv(smtp: { host: string; port: number }): Record<string, string> {
  return {
    SMTP_HOST: smtp.host,
    SMTP_PORT: String(smtp.port),
    SMTP_TIMEOUT_MS: '2000',
    NOTIFY_CLAIM_LEASE_MS: '7000',
    NOTIFY_ACK_WAIT_MS: '5000',
    NOTIFY_RETRY_BASE_MS: '200',
    NOTIFY_MAX_ATTEMPTS: '3',
  };
}

/**
 * The notifications service in this process, beside a platform namespace (the in-process platform's
 * `commandSubjectPrefix`), sending to its own in-test SMTP server. Short retries and leases so
 * failures and crashes resolve within a test.
 */
export async function startNotifications(o: {
  namespace: string;
  databaseUrl: string;
  env?: Record<string, string>;
  logger?: Logger;
}): Promise<NotificationsUnderTest> {
  const smtp = await startSmtpTestServer();
  const config = loadNotificationsConfig({
    ADMINDUK_ENV: 'test',
    PORT: '0',
    DATABASE_URL: o.databaseUrl,
    ...namespacedPlatformEnv(o.namespace),
    ...testBusEnv('notifications'),
    ...testRateLimitEnv,
    ...notificationsTestEnv(smtp),
    ...o.env,
  });
  const app = await createNotificationsApp(config, o.logger ?? createLogger({ service: 'notifications', level: 'warn' }));
  await app.listen(0, '127.0.0.1');
  await app.get(NotificationConsumer).started();
  return {
    smtp,
    app,
    mailsOf: (reference) => smtp.messages.filter((m) => m.subject.includes(`[${reference}]`)),
    async close() {
      await app.close();
      await smtp.close();
    },
  };
}
