/**
 * The baseline for bench/http-submit.bench.ts: a bare NestJS 11 app (Express, its default JSON
 * body parser) with one POST endpoint that parses the same submission body and answers 201 with a
 * small JSON. No auth, no validation, no NATS, no database: what HTTP + Nest alone cost on this
 * machine, so the platform's number can be read as a ratio.
 *
 *   PORT=3999 node -r @swc-node/register bench/http-bare-nest.ts
 *   BARE_WITH_SERVICE_BOOTSTRAP=1: built like the platform's services instead (see below).
 */
import 'reflect-metadata';
import { Body, Controller, HttpCode, Module, Post, type INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { randomUUID } from 'node:crypto';
import { createServiceApp, rateLimitEnv, rateLimitsFrom } from '@adminduk/http';
import { createLogger, startTracing } from '@adminduk/observability';

@Controller('api/applications')
class BareController {
  @Post()
  @HttpCode(201)
  submit(@Body() body: { kecamatan?: string }) {
    // Touch the parsed body so the parse cannot be skipped or the body ignored.
    return { applicationId: randomUUID(), kecamatan: body.kecamatan ?? null, status: 'DIAJUKAN' };
  }
}

@Module({ controllers: [BareController] })
class BareModule {}

async function bare(): Promise<INestApplication> {
  // Same body limit as the platform's services (libs/http: 1mb).
  const app = await NestFactory.create<NestExpressApplication>(BareModule, { logger: false, rawBody: false });
  app.useBodyParser('json', { limit: '1mb' });
  return app;
}

/**
 * The same endpoint built the way every platform service is (libs/http createServiceApp: tracing,
 * one access-log line per request, error filter), to split the platform's cost into what the
 * shared bootstrap adds and what the real work (auth, validation, NATS, store) adds.
 */
async function withServiceBootstrap(): Promise<INestApplication> {
  startTracing({ serviceName: 'bare' });
  const logger = createLogger({ service: 'bare', level: (process.env.LOG_LEVEL as 'info' | undefined) ?? 'info' });
  // The bench's own limits (infra/bench.sh sets them out of reach), as a service takes them from its config.
  const rateLimits = rateLimitsFrom(rateLimitEnv.parse(process.env));
  return createServiceApp({ name: 'bare', module: BareModule, logger, rateLimits });
}

async function main(): Promise<void> {
  const app = process.env.BARE_WITH_SERVICE_BOOTSTRAP === '1' ? await withServiceBootstrap() : await bare();
  app.enableShutdownHooks();
  await app.listen(Number(process.env.PORT ?? 3999), '127.0.0.1');
  process.stdout.write('bare nest listening\n');
}

void main();
