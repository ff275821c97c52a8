import { Injectable, Module, type INestApplication, type OnApplicationShutdown } from '@nestjs/common';
import { AuthModule, type JwtVerifierOptions } from '@adminduk/auth';
import { createServiceApp, HealthModule, ReadinessRegistry, type RateLimitSettings } from '@adminduk/http';
import { createLogger, type Logger } from '@adminduk/observability';
import { KkRevocationController } from './kk-revocation.controller';
import { SignedDocumentLookup } from './public-verification/document-status';
import { PublicVerificationController, TRUSTED_CERTIFICATES } from './public-verification/public-verification.controller';
import { SigningController } from './signing.controller';
import { SigningRuntime, type SigningRuntimeOptions } from './signing-runtime';

export interface SigningAppOptions extends SigningRuntimeOptions {
  auth: JwtVerifierOptions;
  /** PEM CA certificates a KK signature must chain to. */
  trustedCertificates: string[];
  logger?: Logger;
  /** Throttling: `rateLimitsFrom(config)` (libs/http rate-limit.ts); the defaults when not given. */
  rateLimits?: RateLimitSettings;
}

export interface SigningApp {
  app: INestApplication;
  runtime: SigningRuntime;
  close(): Promise<void>;
}

/**
 * The signing service: batch approval and revocation for the penandatangan, the development auto-sign on
 * NewbornNikAssigned, and the public verification (page, JSON, upload check). Starts live even
 * when PostgreSQL, the storage or NATS are down, and becomes ready when they are up.
 */
export async function createSigningApp(o: SigningAppOptions): Promise<SigningApp> {
  const logger = o.logger ?? createLogger({ service: 'signing' });
  const runtime = new SigningRuntime(o, logger);

  @Injectable()
  class RuntimeLifecycle implements OnApplicationShutdown {
    onApplicationShutdown(): Promise<void> {
      return runtime.close();
    }
  }

  @Module({
    imports: [HealthModule.forRoot(), AuthModule.forRoot(o.auth)],
    controllers: [SigningController, KkRevocationController, PublicVerificationController],
    providers: [
      { provide: SigningRuntime, useValue: runtime },
      { provide: SignedDocumentLookup, useValue: new SignedDocumentLookup(runtime.readModels) },
      { provide: TRUSTED_CERTIFICATES, useValue: o.trustedCertificates },
      RuntimeLifecycle,
    ],
  })
  class SigningModule {}

  const app = await createServiceApp({ name: 'signing', module: SigningModule, logger, rateLimits: o.rateLimits });
  runtime.registerReadiness(app.get(ReadinessRegistry));
  await app.init();
  return {
    app,
    runtime,
    close: () => app.close(),
  };
}
