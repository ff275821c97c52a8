import type { AddressInfo } from 'node:net';
import type { Readable } from 'node:stream';

/** A message as the SMTP server received it, parsed. */
export interface CapturedMail {
  /** With angle brackets, as sent: "<...@domain>". */
  messageId: string;
  from: string;
  /** Envelope recipients. */
  to: string[];
  subject: string;
  text: string;
  html: string;
}

export interface SmtpTestServer {
  host: string;
  port: number;
  readonly messages: CapturedMail[];
  /** Resolves once `count` messages match (default: any), or rejects after `timeoutMs`. */
  waitFor(predicate?: (m: CapturedMail) => boolean, count?: number, timeoutMs?: number): Promise<CapturedMail[]>;
  /** The next `n` messages are refused at DATA with this SMTP reply code (e.g. 451 or 550). */
  refuseNext(n: number, code: number): void;
  close(): Promise<void>;
}

/**
 * A real SMTP server for tests (npm `smtp-server`, parsed by `mailparser`) on 127.0.0.1 and a free
 * port: what the service's SMTP client does is checked against the protocol, not a mock. No TLS,
 * no auth, like a local relay. Loaded lazily so production code importing this lib never loads it.
 */
export async function startSmtpTestServer(opts: { onMessage?: (mail: CapturedMail) => void } = {}): Promise<SmtpTestServer> {
  const { SMTPServer } = await import('smtp-server');
  const { simpleParser } = await import('mailparser');
  const messages: CapturedMail[] = [];
  const waiters = new Set<() => void>();
  let refusals: { left: number; code: number } = { left: 0, code: 0 };

  const server = new SMTPServer({
    secure: false,
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    logger: false,
    // smtp-server asks DNS for the client's name before it greets (up to 1.5 s): a query to the
    // machine's resolver, off the loopback, and a late greeting that clients with short timeouts
    // took for a dead server ("Greeting never received" in the fault suite).
    disableReverseLookup: true,
    size: 10 * 1024 * 1024,
    onData(stream: Readable, session, callback) {
      const refuse = refusals.left > 0 ? refusals.code : 0;
      if (refuse) refusals = { ...refusals, left: refusals.left - 1 };
      simpleParser(stream)
        .then((parsed) => {
          if (refuse) {
            const err = Object.assign(new Error(refuse >= 500 ? 'Mailbox unavailable' : 'Try again later'), { responseCode: refuse });
            return callback(err);
          }
          const mail: CapturedMail = {
            messageId: parsed.messageId ?? '',
            from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
            to: session.envelope.rcptTo.map((r) => r.address),
            subject: parsed.subject ?? '',
            text: parsed.text ?? '',
            html: typeof parsed.html === 'string' ? parsed.html : '',
          };
          messages.push(mail);
          opts.onMessage?.(mail);
          for (const w of waiters) w();
          callback();
        })
        .catch((e: Error) => callback(e));
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  // A client killed mid-session (the crash tests) resets its socket: the server reports it, nothing more.
  server.on('error', () => undefined);
  const { port } = (server as unknown as { server: { address(): AddressInfo } }).server.address();

  return {
    host: '127.0.0.1',
    port,
    messages,
    waitFor(predicate = () => true, count = 1, timeoutMs = 10_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const found = messages.filter(predicate);
          if (found.length < count) return;
          waiters.delete(check);
          clearTimeout(timer);
          resolve(found);
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`smtp test server: ${messages.filter(predicate).length} of ${count} message(s) after ${timeoutMs} ms`));
        }, timeoutMs);
        waiters.add(check);
        check();
      });
    },
    refuseNext(n, code) {
      refusals = { left: n, code };
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
