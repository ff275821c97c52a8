import nodemailer, { type Transporter } from 'nodemailer';
import { SendFailedError, withoutPersonalData } from '../send-error';
import type { MailSender, OutgoingMail } from './mail-sender.port';

export interface SmtpOptions {
  host: string;
  port: number;
  /** Implicit TLS (port 465). False: plain, upgraded with STARTTLS when the server offers it. */
  secure?: boolean;
  /** Refuse to send without STARTTLS (production relays). */
  requireTls?: boolean;
  user?: string;
  password?: string;
  /** "Disdukcapil Sidoarjo <noreply@...>". */
  from: string;
  /** Connections kept open and reused: the cost of a handshake per mail would dominate. */
  maxConnections?: number;
  /** Connect, greeting and socket inactivity timeout. */
  timeoutMs?: number;
  /**
   * The whole send, from the call to the server's answer: the wait for a pooled connection and the
   * pool's own re-sends after a dropped connection included, which the per-phase timeouts do not
   * bound (default: three `timeoutMs`, connect, greeting and data). The send record's claim must
   * outlast it: a send still running when the claim ends would run beside the next sender's.
   */
  sendTimeoutMs?: number;
}

/** How long one send may take in all when `sendTimeoutMs` is not given: connect, greeting and data, each `timeoutMs`. */
export function wholeSendTimeoutMs(timeoutMs: number): number {
  return 3 * timeoutMs;
}

/** The MailSender over SMTP with nodemailer, pooled. */
export class SmtpMailSender implements MailSender {
  private readonly transport: Transporter;
  private readonly sendTimeoutMs: number;

  constructor(private readonly o: SmtpOptions) {
    const timeout = o.timeoutMs ?? 10_000;
    this.sendTimeoutMs = o.sendTimeoutMs ?? wholeSendTimeoutMs(timeout);
    this.transport = nodemailer.createTransport({
      host: o.host,
      port: o.port,
      secure: o.secure ?? false,
      requireTLS: o.requireTls ?? false,
      auth: o.user ? { user: o.user, pass: o.password ?? '' } : undefined,
      pool: true,
      maxConnections: o.maxConnections ?? 4,
      connectionTimeout: timeout,
      greetingTimeout: timeout,
      socketTimeout: timeout,
    });
  }

  async send(mail: OutgoingMail): Promise<{ messageId: string }> {
    try {
      await this.transport.sendMail({
        from: this.o.from,
        to: mail.to,
        subject: mail.subject,
        text: mail.text,
        html: mail.html,
        messageId: mail.messageId,
        // Leaves the pool's queue, or closes the connection carrying it, when the time is up.
        signal: AbortSignal.timeout(this.sendTimeoutMs),
      });
      return { messageId: mail.messageId };
    } catch (e) {
      if ((e as { code?: string }).code === 'EABORT')
        throw new SendFailedError(`SMTP send not done within ${this.sendTimeoutMs} ms`, false, 'ETIMEDOUT');
      throw smtpFailure(e);
    }
  }

  async close(): Promise<void> {
    this.transport.close();
  }
}

/** SMTP 5xx is the server's final no; 4xx and network faults may pass later. */
function smtpFailure(e: unknown): SendFailedError {
  const err = e as { responseCode?: number; code?: string; response?: string; message?: string };
  if (typeof err.responseCode === 'number') {
    const reply = withoutPersonalData(err.response ?? '');
    return new SendFailedError(
      `SMTP server refused the message (${err.responseCode}): ${reply}`,
      err.responseCode >= 500,
      String(err.responseCode),
    );
  }
  const code = err.code ?? 'ESMTP';
  // A malformed address or message fails the same way every time.
  const permanent = code === 'EENVELOPE' || code === 'EMESSAGE';
  return new SendFailedError(`SMTP send failed (${code}): ${withoutPersonalData(err.message ?? String(e))}`, permanent, code);
}
