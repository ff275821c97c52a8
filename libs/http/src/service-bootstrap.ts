import { NestFactory, Reflector } from '@nestjs/core';
import type { INestApplication, Type } from '@nestjs/common';
import { createLogger, httpTracing, NestPinoLogger, startTracing, type Logger, type Tracing } from '@adminduk/observability';
import { natsMicroserviceOptions } from '@adminduk/messaging';
import type { NextFunction, Request, Response } from 'express';
import type { NatsConnection } from 'nats';
import { ApiExceptionFilter, bodyParserError } from './api-exception.filter';
import { serveMetrics } from './metrics-route';
import { serveOpenApi } from './openapi-document';
import { ReadinessRegistry } from './health';
import { NamespacedServerNats } from './namespaced-server-nats';
import { DEFAULT_RATE_LIMITS, RateLimitGuard, type RateLimitSettings } from './rate-limit';

export interface ServiceAppOptions {
  /** Service name: logs, traces and the NATS queue group. */
  name: string;
  module: Type<unknown> | import('@nestjs/common').DynamicModule;
  logger: Logger;
  /** When set, the app also serves NATS commands in the service's queue group, as its own bus user. */
  nats?: { url: string; nkeySeed?: string; /** COMMAND_SUBJECT_PREFIX: its command subjects under a namespace. */ subjectPrefix?: string };
  /** JSON body limit for the HTTP API. */
  bodyLimit?: string;
  /** false: no JSON body parsing at all (the web edge streams request bodies to the services). */
  jsonBody?: boolean;
  /** Throttling (rate-limit.ts): `rateLimitsFrom(config)`; the defaults when not given. */
  rateLimits?: RateLimitSettings;
}

/**
 * Builds a service's NestJS app the same way everywhere: JSON logs through the scrubbing logger,
 * one SERVER span per request, one error shape, optional NATS command transport. Not listening yet:
 * tests call `app.listen(0)` or use `app.getHttpServer()`.
 */
export async function createServiceApp(o: ServiceAppOptions): Promise<INestApplication> {
  const app = await NestFactory.create(o.module, { logger: new NestPinoLogger(o.logger), bodyParser: false, abortOnError: false });
  const express = await import('express');
  app.use(httpTracing(o.logger));
  serveMetrics(app);
  serveOpenApi(app, o.name);
  const json = express.json({ limit: o.bodyLimit ?? '1mb', strict: false });
  // Parser errors happen before routing, where Nest's filters do not reach: answer them here.
  if (o.jsonBody !== false)
    app.use((req: Request, res: Response, next: NextFunction) =>
      json(req, res, (err?: unknown) => {
        if (!err) return next();
        const body = bodyParserError(err);
        res.status(body.statusCode).json(body);
      }),
    );
  app.useGlobalFilters(new ApiExceptionFilter());
  const limits = o.rateLimits ?? DEFAULT_RATE_LIMITS;
  if (limits.trustProxy !== undefined) app.getHttpAdapter().getInstance().set('trust proxy', limits.trustProxy);
  // After the module's own guards (AuthGuard): the principal is known when the limits are counted.
  app.useGlobalGuards(new RateLimitGuard(app.get(Reflector), limits));
  if (o.nats) {
    // Holding the strategy lets readiness ask the real connection whether it is up.
    const server = new NamespacedServerNats(
      natsMicroserviceOptions({ url: o.nats.url, service: o.name, nkeySeed: o.nats.nkeySeed }).options!,
      o.nats.subjectPrefix,
    );
    app.connectMicroservice({ strategy: server }, { inheritAppConfig: true });
    app.get(ReadinessRegistry, { strict: false }).register('nats', () => natsUp(() => server.unwrap<NatsConnection>()));
  }
  return app;
}

/**
 * main.ts helper, the one way a service starts: tracing first, then the app, then listen; a failure
 * prints one line and exits. Shutdown is handled here, once: SIGTERM/SIGINT → `app.close()` (Nest's
 * shutdown hooks: the HTTP server and NATS transport stop taking work, then each module closes its
 * connections and pools) → tracing flushed → exit. `logLevel` comes from the validated config.
 */
export async function runService(
  name: string,
  port: number,
  build: (logger: Logger) => Promise<INestApplication>,
  logLevel: LogLevel,
  /** Every address by default; the development issuer keeps to the loopback interface. */
  host = '0.0.0.0',
): Promise<{ app: INestApplication; tracing: Tracing }> {
  const tracing = startTracing({ serviceName: name });
  const logger = createLogger({ service: name, level: logLevel });
  try {
    const app = await build(logger);
    // HTTP first, so /health/live answers while dependencies are still coming up.
    await app.listen(port, host);
    logger.info({ port: boundPort(app) ?? port }, `${name} listening`);
    await app.startAllMicroservices();
    let stopping = false;
    const stop = (signal: NodeJS.Signals) => {
      if (stopping) return;
      stopping = true;
      logger.info({ signal }, `${name} stopping`);
      app
        .close()
        .then(() => tracing.shutdown())
        .then(
          () => process.exit(0),
          (e: unknown) => {
            logger.error({ err: e instanceof Error ? e.message : String(e) }, `${name} did not stop cleanly`);
            process.exit(1);
          },
        );
    };
    process.once('SIGTERM', stop);
    process.once('SIGINT', stop);
    return { app, tracing };
  } catch (e) {
    logger.fatal({ err: e instanceof Error ? e.message : String(e) }, `${name} failed to start`);
    process.exit(1);
  }
}

type LogLevel = NonNullable<Parameters<typeof createLogger>[0]['level']>;

function boundPort(app: INestApplication): number | undefined {
  const address = (app.getHttpServer() as import('node:http').Server).address();
  return typeof address === 'object' && address ? address.port : undefined;
}

/** True when the NATS connection exists and is neither closed nor between reconnects. */
export function natsUp(connection: () => NatsConnection): boolean {
  try {
    const nc = connection();
    return !!nc && !nc.isClosed() && (nc as unknown as { protocol?: { connected?: boolean } }).protocol?.connected !== false;
  } catch {
    return false;
  }
}
