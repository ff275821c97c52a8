jest.setTimeout(60_000);

import { Body, Controller, Logger, Module, Post, Query, type INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import express from 'express';
import { Writable } from 'node:stream';
import request from 'supertest';
import { httpTracing } from './http-tracing';
import { createLogger, NestPinoLogger, type Logger as PinoLogger } from './logger';
import { InMemorySpanExporter, startTracing, type Tracing } from './tracing';

// Personal data that must never reach a log line, whichever way it travels.
const PERSON = {
  nik: '3515124508900003',
  noKk: '3515120101170009',
  namaLengkap: 'Siti Aminah Rahmawati',
  namaAyah: 'Slamet Riyadi Wibowo',
  namaIbu: 'Sri Wahyuningsih Utami',
  tempatLahir: 'Balongbendo',
  phone: '081234567890',
  email: 'siti.aminah.rahmawati@example.co.id',
};
const QUERY = { nik: '3515122212850007', nama: 'Bambang Sutejo Prakoso', hp: '+6285712345678' };
const SENSITIVE = [...Object.values(PERSON), ...Object.values(QUERY)];
const TRACE_ID = '4bf92f3577b34da6a3ce929d0e0e4736';

describe('logging a request full of personal data', () => {
  const lines: string[] = [];
  const capture = new Writable({
    write(chunk, _enc, done) {
      lines.push(...String(chunk).split('\n').filter(Boolean));
      done();
    },
  });
  let app: INestApplication;
  let tracing: Tracing;
  const exporter = new InMemorySpanExporter();

  beforeAll(async () => {
    tracing = startTracing({ serviceName: 'logging-test', exporter, env: {} });
    const log = createLogger({ service: 'logging-test', level: 'debug', destination: capture });

    @Controller('penduduk')
    class PendudukController {
      private readonly nestLogger = new Logger(PendudukController.name);
      constructor() {}

      @Post()
      register(@Body() body: Record<string, unknown>, @Query() query: Record<string, unknown>): never {
        log.info({ body, query }, 'registration received');
        log.debug(`verifying ${String(body.nik)} with KK ${String(body.noKk)}`);
        this.nestLogger.log(`sending confirmation to ${String(body.email)} and ${String(body.phone)}`);
        log.child({ pemohon: { nik: body.nik, nama: body.namaLengkap } }).warn('child bindings too');
        throw new Error(`NIK ${String(body.nik)} already has an open application (KK ${String(body.noKk)})`);
      }
    }
    @Module({ controllers: [PendudukController], providers: [{ provide: 'LOG', useValue: log }] })
    class AppModule {}

    app = await NestFactory.create(AppModule, { logger: new NestPinoLogger(log) });
    app.use(httpTracing(log));
    await app.init();
  });

  afterAll(async () => {
    await app.close();
    await tracing.shutdown();
  });

  it('logs the request, its body and the error with the trace id but without the personal data', async () => {
    const res = await request(app.getHttpServer())
      .post('/penduduk')
      .query(QUERY)
      .set('traceparent', `00-${TRACE_ID}-00f067aa0ba902b7-01`)
      .send(PERSON);
    expect(res.status).toBe(500);

    const requestLines = lines.map((l) => JSON.parse(l) as Record<string, unknown>).filter((l) => l.trace_id);
    const messages = requestLines.map((l) => l.msg);
    expect(messages).toEqual(
      expect.arrayContaining([
        'registration received',
        'child bindings too',
        'request completed',
        expect.stringMatching(/^verifying \[nik\] with KK \[nik\]$/),
        expect.stringMatching(/^sending confirmation to \[email\] and \[phone\]$/),
        expect.stringMatching(/^NIK \[nik\] already has an open application \(KK \[nik\]\)$/),
      ]),
    );
    // Every line written while serving the request belongs to the caller's trace.
    expect(requestLines.length).toBeGreaterThanOrEqual(6);
    expect(requestLines.every((l) => l.trace_id === TRACE_ID && typeof l.span_id === 'string')).toBe(true);
    // The body was logged (keys kept, values replaced), so the scan below is not vacuous.
    const received = requestLines.find((l) => l.msg === 'registration received') as { body: Record<string, unknown> };
    expect(Object.keys(received.body).sort()).toEqual(Object.keys(PERSON).sort());

    const everything = lines.join('\n');
    for (const value of SENSITIVE) expect(everything).not.toContain(value);
    // Spans carry no query string and no personal data either.
    const spans = JSON.stringify(exporter.getFinishedSpans().map((s) => [s.name, s.attributes, s.events]));
    for (const value of SENSITIVE) expect(spans).not.toContain(value);
    expect(exporter.getFinishedSpans().map((s) => s.spanContext().traceId)).toContain(TRACE_ID);
  });
});

// Keep the pino type import used so the file documents what `log` is.
export type _Log = PinoLogger;

describe('the access log line', () => {
  it('is written at info for a refused, failed or slow request, at debug for the rest', async () => {
    const lines: Array<{ level: string; msg: string; http?: { path: string; status: number } }> = [];
    const capture = new Writable({
      write(chunk, _enc, done) {
        for (const l of String(chunk).split('\n').filter(Boolean)) lines.push(JSON.parse(l));
        done();
      },
    });
    const served = async (level: 'info' | 'debug') => {
      lines.length = 0;
      const app = express();
      app.use(httpTracing(createLogger({ service: 'access-test', level, destination: capture })));
      app.get('/ok', (_req, res) => void res.json({}));
      app.get('/slow', (_req, res) => void setTimeout(() => res.json({}), 1050));
      app.get('/refused', (_req, res) => void res.status(403).json({}));
      for (const path of ['/ok', '/slow', '/refused', '/missing']) await request(app).get(path);
      return lines.filter((l) => l.msg === 'request completed').map((l) => `${l.level} ${l.http?.path} ${l.http?.status}`);
    };
    expect(await served('info')).toEqual(['info /slow 200', 'info /refused 403', 'info /missing 404']);
    expect(await served('debug')).toEqual(['debug /ok 200', 'info /slow 200', 'info /refused 403', 'info /missing 404']);
  });
});
