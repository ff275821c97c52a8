import pino from 'pino';

/**
 * The slice of a pino logger this library uses, so a service can pass its own (with trace ids and
 * redaction from libs/observability). Messages here carry subjects, stream names and error texts only.
 */
export interface MessagingLogger {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

let fallback: MessagingLogger | undefined;

export function defaultLogger(): MessagingLogger {
  fallback ??= pino({ name: 'messaging', level: process.env.LOG_LEVEL ?? 'info' });
  return fallback;
}
