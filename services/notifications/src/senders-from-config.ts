import {
  BALONGBENDO_OFFICE,
  FileTextMessageSender,
  HttpTextMessageSender,
  SmtpMailSender,
  type ServiceOffice,
  type TextMessageSender,
} from '@adminduk/notifications';
import {
  complaintTrackingCodes,
  selfPrintSigningKey,
  selfPrintUrl,
  signLinkToken,
  signSelfPrintToken,
  surveyUrl,
} from '@adminduk/self-print-token';
import type { NotificationsConfig } from './notifications.config';
import type { Senders } from './tokens';

/** Where mail goes when development and tests name no relay: maildev (infra/mail-dev.sh) or the test server. */
const LOCAL_SMTP_HOST = '127.0.0.1';
/** The printing service in development (infra/start.sh), which serves /cetak/<token>. */
const LOCAL_SELF_PRINT_BASE_URL = 'http://127.0.0.1:3108';

/** The SMTP sender, the SMS/WhatsApp adapter chosen, and the office facts, from the validated config. */
export function sendersFromConfig(c: NotificationsConfig): Senders {
  const mail = new SmtpMailSender({
    host: c.SMTP_HOST ?? LOCAL_SMTP_HOST, // production refuses a missing host (notifications.config.ts)
    port: c.SMTP_PORT,
    secure: c.SMTP_SECURE,
    requireTls: c.SMTP_REQUIRE_TLS,
    user: c.SMTP_USER,
    password: c.SMTP_PASSWORD,
    from: c.MAIL_FROM,
    timeoutMs: c.SMTP_TIMEOUT_MS,
    maxConnections: c.SMTP_MAX_CONNECTIONS,
  });
  const text = textSender(c);
  const office: ServiceOffice = {
    ...BALONGBENDO_OFFICE,
    ...(c.OFFICE_OPENING_HOURS ? { openingHours: c.OFFICE_OPENING_HOURS } : {}),
    ...(c.STATUS_PUBLIC_URL ? { statusUrl: c.STATUS_PUBLIC_URL } : {}),
  };
  return {
    mail,
    text,
    // The only published standard is Balongbendo's; another kecamatan's office joins here with its standard.
    facts: {
      office: () => office,
      selfPrintUrl: selfPrintLinks(c),
      surveyUrl: surveyLinks(c),
      complaintTracking: complaintTracking(c),
      textChannel: text ? c.TEXT_MESSAGE_CHANNEL : undefined,
    },
    async close() {
      await mail.close();
      await text?.close();
    },
  };
}

function textSender(c: NotificationsConfig): TextMessageSender | undefined {
  switch (c.TEXT_MESSAGE_ADAPTER) {
    case 'file':
      return new FileTextMessageSender(c.TEXT_MESSAGE_FILE);
    case 'http':
      return new HttpTextMessageSender({ url: c.TEXT_PROVIDER_URL!, token: c.TEXT_PROVIDER_TOKEN!, timeoutMs: c.TEXT_PROVIDER_TIMEOUT_MS });
    case 'none':
      return undefined;
  }
}

/** Signs the link of a SelfPrintLinkIssued (Ed25519, libs/self-print-token); the printing service verifies it. */
function selfPrintLinks(c: NotificationsConfig) {
  const key = selfPrintSigningKey(c.SELF_PRINT_SIGNING_SEED);
  const base = c.SELF_PRINT_BASE_URL ?? LOCAL_SELF_PRINT_BASE_URL; // production refuses it unset (notifications.config.ts)
  return (grant: { applicationId: string; linkId: string; expiresAt: Date }) => selfPrintUrl(base, signSelfPrintToken(grant, key));
}

/**
 * Signs the link of a SurveyInvitationIssued with the same key, purpose `ikm-survey` (the complaints
 * service verifies it): the web app's survey page at <base>/survei/<token>, on the same public origin.
 */
function surveyLinks(c: NotificationsConfig) {
  const key = selfPrintSigningKey(c.SELF_PRINT_SIGNING_SEED);
  const base = c.SELF_PRINT_BASE_URL ?? LOCAL_SELF_PRINT_BASE_URL;
  return (grant: { applicationId: string; linkId: string; expiresAt: Date }) => surveyUrl(base, signLinkToken('ikm-survey', grant, key));
}

/**
 * The complainant's tracking number and code for the complaint mails, and the public lookup page on
 * the same public origin as the survey (<base>/pengaduan/lacak?nomor=...; the code never in a URL).
 * The key is the complaints service's COMPLAINT_TRACKING_KEY (decision 0019, "The tracking code in
 * the first mail").
 */
function complaintTracking(c: NotificationsConfig) {
  const codes = complaintTrackingCodes(c.ADMINDUK_ENV, c.COMPLAINT_TRACKING_KEY);
  const base = (c.SELF_PRINT_BASE_URL ?? LOCAL_SELF_PRINT_BASE_URL).replace(/\/+$/, '');
  return (complaintId: string) => {
    const { trackingNumber, trackingCode } = codes.credentialsOf(complaintId);
    return { trackingNumber, trackingCode, lookupUrl: `${base}/pengaduan/lacak?nomor=${trackingNumber}` };
  };
}
