import { createLogger } from '@adminduk/observability';

/**
 * The slice of a pino logger this library uses, so a service passes its own (the one logger of
 * libs/observability, with trace ids and redaction). Messages here carry subjects, stream names and
 * error texts only.
 */
export interface MessagingLogger {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

let fallback: MessagingLogger | undefined;

/** For callers that pass no logger (tools, tests): the same logger at its default level, never read from the environment. */
export function defaultLogger(): MessagingLogger {
  fallback ??= createLogger({ service: 'messaging' });
  return fallback;
}
