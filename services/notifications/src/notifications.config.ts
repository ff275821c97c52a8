import { admindukEnv, booleanFlag, httpUrl, loadConfig, port, positiveInt, z } from '@adminduk/config';
import { serviceEnv } from '@adminduk/http';
import { complaintTrackingEnv, complaintTrackingKeyProblems, selfPrintKeyProblems, selfPrintSignerEnv } from '@adminduk/self-print-token';
import { wholeSendTimeoutMs } from '@adminduk/notifications';

/**
 * The notifications service: the platform's bus, database and event store (serviceEnv), the SMTP
 * relay it sends through, the SMS/WhatsApp adapter, and how hard a failing send is retried.
 */
export const notificationsEnv = serviceEnv
  .merge(selfPrintSignerEnv)
  // The complainants' tracking codes, mailed with "diterima" (decision 0019): the complaints service's key.
  .merge(complaintTrackingEnv)
  .extend({
    ADMINDUK_ENV: admindukEnv(),
    /** The send record and the holiday calendar; defaults to DATABASE_URL. */
    READ_MODEL_DATABASE_URL: z.string().optional(),
    /** The SMTP relay. Development and tests default to 127.0.0.1 (maildev / the test server); production must name one. */
    SMTP_HOST: z.string().min(1).optional(),
    SMTP_PORT: port().default('1025'),
    /** Implicit TLS (port 465); otherwise STARTTLS when offered. */
    SMTP_SECURE: booleanFlag().default('false'),
    /** Refuse to send unless the relay offers STARTTLS. */
    SMTP_REQUIRE_TLS: booleanFlag().default('false'),
    SMTP_USER: z.string().optional(),
    SMTP_PASSWORD: z.string().optional(),
    /** Connect, greeting and socket timeout; a whole send (pool wait and re-sends included) is given three of them. */
    SMTP_TIMEOUT_MS: positiveInt().default('10000'),
    SMTP_MAX_CONNECTIONS: positiveInt().default('4'),
    MAIL_FROM: z.string().min(3).default('Disdukcapil Kabupaten Sidoarjo <noreply@adminduk.localhost>'),
    /** Right-hand side of the Message-IDs derived from each send key. */
    MAIL_MESSAGE_ID_DOMAIN: z
      .string()
      .regex(/^[A-Za-z0-9.-]+$/, 'must be a domain name')
      .default('adminduk.localhost'),
    /** SMS/WhatsApp: none, a development file (JSON lines), or an HTTP provider. */
    TEXT_MESSAGE_ADAPTER: z.enum(['none', 'file', 'http']).default('none'),
    /** The channel of the short message every notification also goes by when an adapter is set. */
    TEXT_MESSAGE_CHANNEL: z.enum(['sms', 'whatsapp']).default('sms'),
    TEXT_MESSAGE_FILE: z.string().default('.local/text-messages.jsonl'),
    TEXT_PROVIDER_URL: httpUrl().optional(),
    TEXT_PROVIDER_TOKEN: z.string().optional(),
    TEXT_PROVIDER_TIMEOUT_MS: positiveInt().default('10000'),
    /** e.g. "Senin-Jumat pukul 08.00-15.00 WIB"; the standard publishes none, so unset says "hari dan jam kerja". */
    OFFICE_OPENING_HOURS: z.string().optional(),
    /** Public status page named in every mail. */
    STATUS_PUBLIC_URL: httpUrl().optional(),
    /** Where the self-print links point: the printing service's public address (it serves /cetak/<token>). */
    SELF_PRINT_BASE_URL: httpUrl().optional(),
    /** Deliveries of one event before it goes to the dead-letter stream with the reason. */
    NOTIFY_MAX_ATTEMPTS: positiveInt().default('8'),
    /** First retry delay; it doubles per delivery up to NOTIFY_RETRY_MAX_MS. */
    NOTIFY_RETRY_BASE_MS: positiveInt().default('2000'),
    /** The longest wait between two tries of one event (5 minutes). */
    NOTIFY_RETRY_MAX_MS: positiveInt().default('300000'),
    /** How long the bus waits for an ack before redelivering (a crashed instance's events come back after it). */
    NOTIFY_ACK_WAIT_MS: positiveInt().default('30000'),
    /** A claimed send's lease: after a crash between send and record, the key is sent again once this ends. */
    NOTIFY_CLAIM_LEASE_MS: positiveInt().default('60000'),
    /** Events handled at once. */
    NOTIFY_CONCURRENCY: positiveInt().default('8'),
  })
  .superRefine((c, ctx) => {
    const production = c.ADMINDUK_ENV === 'production';
    if (production && !c.SMTP_HOST)
      ctx.addIssue({ code: 'custom', path: ['SMTP_HOST'], message: 'is required in production (the SMTP relay mail is sent through)' });
    if (production && c.TEXT_MESSAGE_ADAPTER === 'file')
      ctx.addIssue({ code: 'custom', path: ['TEXT_MESSAGE_ADAPTER'], message: 'must not be file in production (development only)' });
    if (c.TEXT_MESSAGE_ADAPTER === 'http') {
      for (const key of ['TEXT_PROVIDER_URL', 'TEXT_PROVIDER_TOKEN'] as const)
        if (!c[key]) ctx.addIssue({ code: 'custom', path: [key], message: 'is required when TEXT_MESSAGE_ADAPTER=http' });
    }
    if (production && !c.SELF_PRINT_BASE_URL)
      ctx.addIssue({ code: 'custom', path: ['SELF_PRINT_BASE_URL'], message: 'is required in production (the public address of /cetak)' });
    for (const problem of selfPrintKeyProblems(c.ADMINDUK_ENV, { seed: c.SELF_PRINT_SIGNING_SEED }))
      ctx.addIssue({ code: 'custom', path: ['SELF_PRINT_SIGNING_SEED'], message: problem.replace(/^SELF_PRINT_SIGNING_SEED /, '') });
    for (const problem of complaintTrackingKeyProblems(c.ADMINDUK_ENV, c.COMPLAINT_TRACKING_KEY))
      ctx.addIssue({ code: 'custom', path: ['COMPLAINT_TRACKING_KEY'], message: problem.replace(/^COMPLAINT_TRACKING_KEY /, '') });
    // SmtpMailSender abandons a send after wholeSendTimeoutMs: the claim must end after it does.
    if (wholeSendTimeoutMs(c.SMTP_TIMEOUT_MS) >= c.NOTIFY_CLAIM_LEASE_MS)
      ctx.addIssue({
        code: 'custom',
        path: ['NOTIFY_CLAIM_LEASE_MS'],
        message: 'must exceed three SMTP_TIMEOUT_MS (connect, greeting and data of one send)',
      });
  });

export type NotificationsConfig = z.infer<typeof notificationsEnv>;

export const loadNotificationsConfig = (env: NodeJS.ProcessEnv = process.env, options?: Parameters<typeof loadConfig>[2]) =>
  loadConfig(notificationsEnv, { PORT: '3109', ...env }, options);
