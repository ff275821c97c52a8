import type { LoggerService, LogLevel } from '@nestjs/common';
import pino, { type DestinationStream, type Level, type Logger } from 'pino';
import { scrubValue } from './redaction';
import { activeTraceIds } from './tracing';

export type { Logger } from 'pino';

export interface LoggerOptions {
  /** Service name, on every line as `service`. */
  service: string;
  level?: Level | 'silent';
  /** Defaults to stdout; tests pass a stream that captures lines. */
  destination?: DestinationStream;
}

/**
 * JSON logger for every service. Each line carries `trace_id`/`span_id` of the active span, and
 * every argument passes through the personal-data scrubber before pino serialises it: keys that
 * denote personal data are replaced, NIK/KK numbers, e-mails and phone numbers in any string
 * (message, error message, stack) are masked. Child bindings are scrubbed the same way.
 *
 * Why a hook rather than pino's `redact` paths: paths are exact and case-sensitive, while personal
 * data shows up at any depth under many spellings (`nik`, `NIK`, `pemohon.nikAyah`); one pass over
 * the arguments handles keys and values together.
 */
export function createLogger(options: LoggerOptions): Logger {
  const logger = pino(
    {
      level: options.level ?? 'info',
      base: { service: options.service, pid: process.pid },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: {
        level: (label) => ({ level: label }),
        bindings: (bindings) => scrubValue(bindings) as Record<string, unknown>,
      },
      mixin: () => activeTraceIds() ?? {},
      hooks: {
        logMethod(args, method) {
          const scrubbed = new Array(args.length);
          for (let i = 0; i < args.length; i++) scrubbed[i] = scrubValue(args[i]);
          return method.apply(this, scrubbed as Parameters<typeof method>);
        },
      },
    },
    options.destination ?? pino.destination({ dest: 1, sync: true }),
  );
  // pino applies `formatters.bindings` to the root only, so child bindings are scrubbed here;
  // children are created with Object.create(parent) and so inherit these overrides.
  const child = logger.child;
  const setBindings = logger.setBindings;
  logger.child = function (this: Logger, bindings, childOptions) {
    return child.call(this, scrubValue(bindings) as typeof bindings, childOptions);
  } as typeof logger.child;
  logger.setBindings = function (this: Logger, bindings) {
    setBindings.call(this, scrubValue(bindings) as typeof bindings);
  };
  return logger;
}

const NEST_TO_PINO: Record<LogLevel, Level> = {
  log: 'info',
  error: 'error',
  warn: 'warn',
  debug: 'debug',
  verbose: 'trace',
  fatal: 'fatal',
};

/**
 * NestJS `LoggerService` over the pino logger, so framework lines (bootstrap, unhandled exceptions)
 * are JSON, traced and scrubbed too: `NestFactory.create(AppModule, { logger: new NestPinoLogger(log) })`.
 */
export class NestPinoLogger implements LoggerService {
  constructor(private readonly logger: Logger) {}

  log(message: unknown, ...params: unknown[]): void {
    this.write('log', message, params);
  }
  error(message: unknown, ...params: unknown[]): void {
    this.write('error', message, params);
  }
  warn(message: unknown, ...params: unknown[]): void {
    this.write('warn', message, params);
  }
  debug(message: unknown, ...params: unknown[]): void {
    this.write('debug', message, params);
  }
  verbose(message: unknown, ...params: unknown[]): void {
    this.write('verbose', message, params);
  }
  fatal(message: unknown, ...params: unknown[]): void {
    this.write('fatal', message, params);
  }

  setLogLevels(levels: LogLevel[]): void {
    // Nest passes the enabled levels; pino wants the lowest one.
    const order: LogLevel[] = ['verbose', 'debug', 'log', 'warn', 'error', 'fatal'];
    const lowest = order.find((l) => levels.includes(l));
    this.logger.level = lowest ? NEST_TO_PINO[lowest] : 'silent';
  }

  private write(level: LogLevel, message: unknown, params: unknown[]): void {
    const rest = params.filter((p) => p !== undefined);
    // Nest's convention: a trailing string is the context (the class that logs).
    const context = rest.length > 0 && typeof rest[rest.length - 1] === 'string' ? (rest.pop() as string) : undefined;
    const fields: Record<string, unknown> = {};
    if (context) fields.context = context;
    if (level === 'error' && typeof rest[0] === 'string' && rest[0].includes('\n')) fields.stack = rest.shift();
    if (rest.length > 0) fields.params = rest;
    const target = NEST_TO_PINO[level];
    if (message instanceof Error) {
      this.logger[target]({ ...fields, err: message }, message.message);
    } else if (typeof message === 'object' && message !== null) {
      this.logger[target]({ ...fields, data: message });
    } else {
      this.logger[target](fields, String(message));
    }
  }
}
