import { Controller, Get, HttpCode, Injectable, Module, Res, type DynamicModule } from '@nestjs/common';
import { Public } from '@adminduk/auth';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { z } from 'zod';
import { NoRateLimit } from './rate-limit';
import { ApiZodResponse } from './zod-openapi';

export type ReadinessCheck = () => Promise<boolean> | boolean;

/**
 * Dependencies register here; /health/ready answers 200 only when every check passes. A name is
 * registered once: a second registration would silently replace the first dependency's check, so
 * it throws (two connections of one kind register under two names, e.g. `nats` and `nats-events`).
 */
@Injectable()
export class ReadinessRegistry {
  private readonly checks = new Map<string, ReadinessCheck>();

  register(name: string, check: ReadinessCheck): void {
    if (this.checks.has(name)) throw new Error(`Readiness check "${name}" is already registered; give each dependency its own name`);
    this.checks.set(name, check);
  }

  async evaluate(): Promise<{ ready: boolean; checks: Record<string, 'ok' | 'failing'> }> {
    const results: Record<string, 'ok' | 'failing'> = {};
    await Promise.all(
      [...this.checks].map(async ([name, check]) => {
        let ok = false;
        try {
          ok = await withTimeout(Promise.resolve(check()), 2000);
        } catch {
          ok = false;
        }
        results[name] = ok ? 'ok' : 'failing';
      }),
    );
    return { ready: Object.values(results).every((r) => r === 'ok'), checks: results };
  }
}

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  return new Promise((resolve, reject) => {
    const t = setTimeout(() => reject(new Error('timeout')), ms);
    p.then(
      (v) => (clearTimeout(t), resolve(v)),
      (e) => (clearTimeout(t), reject(e)),
    );
  });
}

const liveSchema = z.object({ status: z.literal('up') });
const readySchema = z.object({ status: z.enum(['ready', 'not-ready']), checks: z.record(z.enum(['ok', 'failing'])) });

@ApiTags('Platform')
@Controller('health')
@NoRateLimit() // probes come from the platform itself, every few seconds
export class HealthController {
  constructor(private readonly registry: ReadinessRegistry) {}

  /** Up: the process answers. Kubernetes restarts it when this fails. */
  @Get('live')
  @Public()
  @ApiOperation({ summary: 'Proses hidup (liveness)' })
  @ApiZodResponse(200, liveSchema)
  @HttpCode(200)
  live() {
    return { status: 'up' };
  }

  /** Ready: every dependency answers. Kubernetes routes traffic only when this passes. */
  @Get('ready')
  @Public()
  @ApiOperation({ summary: 'Semua dependensi menjawab (readiness); 503 bila belum' })
  @ApiZodResponse(200, readySchema)
  @ApiZodResponse(503, readySchema, 'Belum siap')
  async ready(@Res() res: Response) {
    const { ready, checks } = await this.registry.evaluate();
    res.status(ready ? 200 : 503).json({ status: ready ? 'ready' : 'not-ready', checks });
  }
}

@Module({})
export class HealthModule {
  static forRoot(): DynamicModule {
    return {
      module: HealthModule,
      global: true,
      controllers: [HealthController],
      providers: [ReadinessRegistry],
      exports: [ReadinessRegistry],
    };
  }
}
