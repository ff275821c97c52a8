import type { INestApplication } from '@nestjs/common';
import { createServiceApp } from '@adminduk/http';
import { createLogger, type Logger } from '@adminduk/observability';
import type { AuthDevOptions } from './access-token';
import { AuthDevModule } from './auth-dev.module';

/** The development issuer, built as every service is (libs/http createServiceApp). Not listening yet. */
export function createAuthDevApp(
  options: AuthDevOptions,
  logger: Logger = options.logger ?? createLogger({ service: 'auth-dev', level: 'warn' }),
): Promise<INestApplication> {
  return createServiceApp({ name: 'auth-dev', module: AuthDevModule.forRoot({ ...options, logger }), logger, bodyLimit: '16kb' });
}
