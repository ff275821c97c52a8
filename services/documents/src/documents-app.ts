import type { Server } from 'node:http';
import { Module, type INestApplication } from '@nestjs/common';
import { Pool } from 'pg';
import { AuthModule } from '@adminduk/auth';
import { PostgresEventStore } from '@adminduk/event-store';
import { createServiceApp, HealthModule, ReadinessRegistry } from '@adminduk/http';
import { createLogger, type Logger } from '@adminduk/observability';
import { MinioObjectStorage } from '@adminduk/storage';
import type { DocumentsConfig } from './documents.config';
import { DocumentsController } from './documents.controller';
import { DocumentDownloads } from './download/document-downloads';
import { DocumentsRepository } from './persistence/documents-repository';
import { DocumentUploads } from './upload/document-uploads';
import { OrphanSweeper } from './upload/orphan-sweeper';

export interface DocumentsApp {
  app: INestApplication;
  storage: MinioObjectStorage;
  store: PostgresEventStore;
  repo: DocumentsRepository;
  sweeper: OrphanSweeper;
  close(): Promise<void>;
}

/**
 * Builds the documents service (not listening yet). Start-up order: database tables, event store,
 * bucket (idempotent), then the HTTP app; the process fails fast if any of them is unreachable.
 */
export async function createDocumentsApp(config: DocumentsConfig, logger: Logger = createLogger({ service: 'documents', level: config.logLevel })): Promise<DocumentsApp> {
  const pool = new Pool({ connectionString: config.databaseUrl, max: 10 });
  pool.on('error', () => undefined);
  const repo = new DocumentsRepository(pool);
  await repo.migrate();
  const store = await PostgresEventStore.create({ connectionString: config.databaseUrl, max: 10 });
  const storage = new MinioObjectStorage(config.storage);
  await storage.ensureBucket();

  const uploads = new DocumentUploads(store, storage, repo, config.maxUploadBytes);
  const downloads = new DocumentDownloads(store, storage, repo);
  const sweeper = new OrphanSweeper(repo, storage, store, config.orphanMaxAgeMs);

  @Module({
    imports: [HealthModule.forRoot(), AuthModule.forRoot(config.auth)],
    controllers: [DocumentsController],
    providers: [
      { provide: DocumentUploads, useValue: uploads },
      { provide: DocumentDownloads, useValue: downloads },
    ],
  })
  class DocumentsModule {}

  const app = await createServiceApp({ name: 'documents', module: DocumentsModule, logger });
  const readiness = app.get(ReadinessRegistry);
  readiness.register('postgres', async () => (await pool.query('SELECT 1')).rowCount === 1);
  readiness.register('object-storage', () => storage.ping());
  await app.init();
  const server = app.getHttpServer() as Server;
  server.requestTimeout = config.uploadTimeoutMs;

  if (config.sweepIntervalMs > 0) {
    sweeper.start(config.sweepIntervalMs, (e) => logger.error({ err: e instanceof Error ? e.message : String(e) }, 'orphan sweep failed'));
  }
  return {
    app,
    storage,
    store,
    repo,
    sweeper,
    async close() {
      await sweeper.stop();
      await app.close();
      await store.close();
      await pool.end();
    },
  };
}
