import {
  BadRequestException,
  Body,
  Controller,
  ForbiddenException,
  Get,
  HttpException,
  Module,
  Param,
  ParseIntPipe,
  Post,
  type INestApplication,
} from '@nestjs/common';
import { createLogger } from '@adminduk/observability';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { z } from 'zod';
import { ApiError, apiError } from './api-error';
import { HealthModule } from './health';
import { createServiceApp } from './service-bootstrap';
import { safeText } from './zod-indonesian';
import { ZodValidationPipe } from './zod-validation.pipe';

const noteSchema = z.object({ text: safeText({ max: 100 }) }).strict();

@Controller('api/things')
class ThingsController {
  @Get(':id')
  get(@Param('id', ParseIntPipe) id: number) {
    return { id };
  }

  @Post()
  create(@Body(new ZodValidationPipe(noteSchema)) body: z.infer<typeof noteSchema>) {
    return body;
  }

  @Get('fail/:kind')
  fail(@Param('kind') kind: string) {
    if (kind === 'nest-400') throw new BadRequestException('Validation failed (numeric string is expected)');
    if (kind === 'nest-403') throw new ForbiddenException();
    if (kind === 'teapot') throw new HttpException('I am a teapot', 418);
    if (kind === 'api') throw ApiError.conflict('Sudah ada', 'THING_EXISTS');
    if (kind === 'unavailable')
      throw new ApiError(apiError(503, 'DEPENDENCY_UNAVAILABLE', 'Layanan sedang tidak tersedia; silakan coba lagi'));
    if (kind === 'pg-down') throw Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });
    throw new Error('boom with a secret 3515121203880001');
  }
}

@Module({ imports: [HealthModule.forRoot()], controllers: [ThingsController] })
class ThingsModule {}

/**
 * Every error any Nest service answers has the one shape (decision 0009): statusCode, error, an
 * error code and an Indonesian message, whatever raised it: no route, wrong method, Nest's own
 * exceptions, the body parser, a crash.
 */
describe('one error shape on every status (createServiceApp)', () => {
  let app: INestApplication;
  let url: string;
  const logLines: { level: string; msg: string }[] = [];
  const capture = new Writable({
    write(chunk, _enc, done) {
      for (const line of String(chunk).split('\n').filter(Boolean)) logLines.push(JSON.parse(line));
      done();
    },
  });
  beforeAll(async () => {
    const logger = createLogger({ service: 'shape', level: 'warn', destination: capture });
    app = await createServiceApp({ name: 'shape', module: ThingsModule, logger });
    await app.listen(0, '127.0.0.1');
    url = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
  });
  afterAll(() => app?.close());

  const call = async (method: string, path: string, body?: string, headers: Record<string, string> = {}) => {
    const res = await fetch(`${url}${path}`, {
      method,
      body,
      headers: body === undefined ? headers : { 'content-type': 'application/json', ...headers },
    });
    const text = await res.text();
    return {
      status: res.status,
      allow: res.headers.get('allow'),
      retryAfter: res.headers.get('retry-after'),
      text,
      json: JSON.parse(text) as Record<string, unknown>,
    };
  };
  const expectShape = (r: { status: number; text: string; json: Record<string, unknown> }, status: number, code?: string) => {
    expect(r.status).toBe(status);
    expect(r.json).toEqual(
      expect.objectContaining({
        statusCode: status,
        error: expect.any(String),
        code: code ?? expect.stringMatching(/^[A-Z_.-]+$/i),
        message: expect.any(String),
      }),
    );
    expect(r.text).not.toMatch(/Cannot (GET|POST|PUT|DELETE|PATCH)/);
    expect(r.json.message).not.toMatch(/^(Cannot|Not Found|Forbidden|Internal server error|Validation failed|I am a teapot)/i);
  };

  it('an unknown route: 404 ROUTE_NOT_FOUND in Indonesian, the path not echoed', async () => {
    for (const [method, path] of [
      ['GET', '/api/x'],
      ['POST', '/api/x/3515121203880001'],
      ['DELETE', '/'],
      ['GET', '/health/nope'],
    ]) {
      const r = await call(method, path);
      expectShape(r, 404, 'ROUTE_NOT_FOUND');
      expect(r.json.message).toBe('Alamat tidak ditemukan');
      expect(r.text).not.toContain('3515121203880001');
    }
  });

  it('a known path with another method: 405 with Allow', async () => {
    const r = await call('DELETE', '/api/things/7');
    expectShape(r, 405, 'METHOD_NOT_ALLOWED');
    expect(r.allow).toBe('GET, HEAD');
    expect(r.json.message).toMatch(/tidak diizinkan/);
    const put = await call('PUT', '/api/things', '{}');
    expectShape(put, 405, 'METHOD_NOT_ALLOWED');
    expect(put.allow).toBe('POST');
    expectShape(await call('PATCH', '/health/live'), 405, 'METHOD_NOT_ALLOWED');
  });

  it("Nest's own exceptions and pipes, a teapot, an ApiError, a crash: all in the shape", async () => {
    expectShape(await call('GET', '/api/things/abc'), 400, 'BAD_REQUEST');
    expectShape(await call('GET', '/api/things/fail/nest-400'), 400, 'BAD_REQUEST');
    const forbidden = await call('GET', '/api/things/fail/nest-403');
    expectShape(forbidden, 403, 'FORBIDDEN');
    expect(forbidden.json.message).toBe('Anda tidak berwenang untuk tindakan ini');
    expectShape(await call('GET', '/api/things/fail/teapot'), 418, 'HTTP_ERROR');
    expectShape(await call('GET', '/api/things/fail/api'), 409, 'THING_EXISTS');
    const crash = await call('GET', '/api/things/fail/crash');
    expectShape(crash, 500, 'INTERNAL');
    expect(crash.text).not.toContain('3515121203880001');
  });

  it('a dependency down: 503 with Retry-After, so clients know when to come back (issue 16); other errors carry none', async () => {
    const down = await call('GET', '/api/things/fail/unavailable');
    expectShape(down, 503, 'DEPENDENCY_UNAVAILABLE');
    expect(down.retryAfter).toBe('5');
    expect((await call('GET', '/api/things/fail/crash')).retryAfter).toBeNull();
    expect((await call('GET', '/api/things/fail/api')).retryAfter).toBeNull();
  });

  it('a 503 is logged as a warning naming the cause, a crash as an unhandled error (not the other way round)', async () => {
    logLines.length = 0;
    const down = await call('GET', '/api/things/fail/pg-down');
    expectShape(down, 503, 'DEPENDENCY_UNAVAILABLE');
    expect(down.retryAfter).toBe('5');
    await call('GET', '/api/things/fail/crash');
    const filterLines = logLines.filter((l) => /unavailable|Unhandled/i.test(l.msg));
    expect(filterLines.map((l) => [l.level, l.msg.split(':')[0]])).toEqual([
      ['warn', 'Dependency unavailable, answered 503 with Retry-After'],
      ['error', 'Unhandled error'],
    ]);
    expect(filterLines[0].msg).toContain('ECONNREFUSED');
  });

  it('the body parser and validation: malformed, too large, NUL in text', async () => {
    expectShape(await call('POST', '/api/things', '{"text":'), 400, 'MALFORMED_JSON');
    expectShape(await call('POST', '/api/things', JSON.stringify({ text: 'x'.repeat(2_000_000) })), 413, 'PAYLOAD_TOO_LARGE');
    const nul = await call('POST', '/api/things', JSON.stringify({ text: 'a\u0000b' }));
    expectShape(nul, 400, 'VALIDATION_FAILED');
    expect(nul.json.errors).toEqual([{ field: 'text', message: expect.stringMatching(/karakter kontrol/) }]);
    const lone = await call('POST', '/api/things', '{"text":"a\\ud800"}');
    expectShape(lone, 400, 'VALIDATION_FAILED');
    expect(lone.json.errors).toEqual([{ field: 'text', message: expect.stringMatching(/tidak utuh/) }]);
  });
});
