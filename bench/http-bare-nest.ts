/**
 * The baseline for bench/http-submit.bench.ts: a bare NestJS 11 app (Express, its default JSON
 * body parser) with one POST endpoint that parses the same submission body and answers 201 with a
 * small JSON. No auth, no validation, no NATS, no database: what HTTP + Nest alone cost on this
 * machine, so the platform's number can be read as a ratio.
 *
 *   PORT=3999 node -r @swc-node/register bench/http-bare-nest.ts
 */
import 'reflect-metadata';
import { Body, Controller, HttpCode, Module, Post } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { randomUUID } from 'node:crypto';

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

async function main(): Promise<void> {
  // Same body limit as the platform's services (libs/http: 1mb).
  const app = await NestFactory.create<NestExpressApplication>(BareModule, { logger: false, rawBody: false });
  app.useBodyParser('json', { limit: '1mb' });
  app.enableShutdownHooks();
  await app.listen(Number(process.env.PORT ?? 3999), '127.0.0.1');
  process.stdout.write('bare nest listening\n');
}

void main();
