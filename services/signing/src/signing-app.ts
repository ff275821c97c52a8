import { Module, type INestApplication } from '@nestjs/common';
import { AuthModule, type JwtVerifierOptions } from '@adminduk/auth';
import { PostgresEventStore } from '@adminduk/event-store';
import { createServiceApp, HealthModule, ReadinessRegistry } from '@adminduk/http';
import type { PdfSigner } from '@adminduk/kk-document';
import { createLogger, type Logger } from '@adminduk/observability';
import { MinioObjectStorage, type MinioStorageConfig } from '@adminduk/storage';
import { KkSigningBatch } from './kk-signing-batch';
import type { SignApplicationDeps } from './sign-application-kk';
import { SigningController, TRUSTED_CERTIFICATES } from './signing.controller';

export interface SigningAppOptions {
  databaseUrl: string;
  auth: JwtVerifierOptions;
  storage: MinioStorageConfig;
  signer: PdfSigner;
  /** PEM CA certificates a KK signature must chain to. */
  trustedCertificates: string[];
  office: SignApplicationDeps['office'];
  documentIdSecret: string;
  logger?: Logger;
}

export interface SigningApp {
  app: INestApplication;
  batch: KkSigningBatch;
  close(): Promise<void>;
}

/** The signing service's HTTP side: batch approval for the penandatangan, public upload check. */
export async function createSigningApp(o: SigningAppOptions): Promise<SigningApp> {
  const logger = o.logger ?? createLogger({ service: 'signing' });
  const store = await PostgresEventStore.create({ connectionString: o.databaseUrl, max: 5 });
  const storage = new MinioObjectStorage(o.storage);
  await storage.ensureBucket();
  const batch = new KkSigningBatch({ store, storage, signer: o.signer, office: o.office, documentIdSecret: o.documentIdSecret });

  @Module({
    imports: [HealthModule.forRoot(), AuthModule.forRoot(o.auth)],
    controllers: [SigningController],
    providers: [
      { provide: KkSigningBatch, useValue: batch },
      { provide: TRUSTED_CERTIFICATES, useValue: o.trustedCertificates },
    ],
  })
  class SigningModule {}

  const app = await createServiceApp({ name: 'signing', module: SigningModule, logger });
  app.get(ReadinessRegistry).register('object-storage', () => storage.ping());
  await app.init();
  return {
    app,
    batch,
    async close() {
      await app.close();
      await store.close();
    },
  };
}
