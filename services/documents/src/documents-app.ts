import type { Server } from 'node:http';
import { Injectable, Module, type INestApplication, type OnApplicationShutdown } from '@nestjs/common';
import { AccessLogRecorder, systemClock } from '@adminduk/application-commands';
import { AuthModule } from '@adminduk/auth';
import { createPool, eventStoreSettings, openEventStore, type EventStore } from '@adminduk/event-store';
import { BackgroundDependency, createServiceApp, HealthModule, ReadinessRegistry } from '@adminduk/http';
import { createLogger, type Logger } from '@adminduk/observability';
import { assertMigrated } from '@adminduk/migrations/schema-check';
import { MinioObjectStorage } from '@adminduk/storage';
import type { DocumentsConfig } from './documents.config';
import { DOCUMENTS_RUNTIME, type DocumentsRuntime } from './documents-runtime';
import { DocumentsController } from './documents.controller';
import { DocumentDownloads } from './download/document-downloads';
import { DocumentsRepository } from './persistence/documents-repository';
import { ContentChecker } from './upload/content-check';
import { DocumentUploads } from './upload/document-uploads';
import { OrphanSweeper } from './upload/orphan-sweeper';

export interface DocumentsApp {
  app: INestApplication;
  storage: MinioObjectStorage;
  store: EventStore;
  repo: DocumentsRepository;
  sweeper: OrphanSweeper;
  close(): Promise<void>;
}

/**
 * Builds the documents service (not listening yet). Its dependencies (database tables, event store,
 * bucket) come up in the background with backoff, so the process is live at once and ready when
 * PostgreSQL and the object store answer; requests meanwhile get a 503. `waitForDependencies`
 * (tests) resolves only once they are up.
 */
export async function createDocumentsApp(
  config: DocumentsConfig,
  logger: Logger = createLogger({ service: 'documents', level: config.logLevel }),
  options: { waitForDependencies?: boolean } = { waitForDependencies: true },
): Promise<DocumentsApp> {
  const checker = new ContentChecker(config.contentCheck);
  checker.start();
  const runtime = new BackgroundDependency<DocumentsRuntime>(
    'postgres and object storage',
    async () => {
      const pool = createPool({ connectionString: config.databaseUrl, max: 10 });
      try {
        const repo = new DocumentsRepository(pool);
        await assertMigrated(pool); // the schema is `npm run migrate`'s; until then, not ready
        const store = await openEventStore(eventStoreSettings(config.eventStore ?? {}, config.databaseUrl, 10));
        const storage = new MinioObjectStorage(config.storage);
        await storage.ensureBucket().catch(async (e) => {
          await store.close();
          throw e;
        });
        const sweeper = new OrphanSweeper(repo, storage, store, config.orphanMaxAgeMs);
        if (config.sweepIntervalMs > 0) {
          sweeper.start(config.sweepIntervalMs, (e) =>
            logger.error({ err: e instanceof Error ? e.message : String(e) }, 'orphan sweep failed'),
          );
        }
        return {
          pool,
          repo,
          store,
          storage,
          sweeper,
          uploads: new DocumentUploads(store, storage, repo, checker, {
            maxBytes: config.maxUploadBytes,
            spoolDir: config.storage.spoolDir,
          }),
          downloads: new DocumentDownloads(store, storage, repo, new AccessLogRecorder(store, systemClock)),
        };
      } catch (e) {
        await pool.end();
        throw e;
      }
    },
    logger,
    async (rt) => {
      await rt.sweeper.stop();
      await rt.store.close();
      await rt.pool.end();
    },
  );

  /** Shutdown is Nest's (runService on SIGTERM, `close()` in tests): after HTTP stops, the pools and workers. */
  @Injectable()
  class DependenciesLifecycle implements OnApplicationShutdown {
    async onApplicationShutdown(): Promise<void> {
      await runtime.close();
      await checker.close();
    }
  }

  @Module({
    imports: [HealthModule.forRoot(), AuthModule.forRoot(config.auth)],
    controllers: [DocumentsController],
    providers: [{ provide: DOCUMENTS_RUNTIME, useValue: runtime }, DependenciesLifecycle],
  })
  class DocumentsModule {}

  const app = await createServiceApp({ name: 'documents', module: DocumentsModule, logger, rateLimits: config.rateLimits });
  const readiness = app.get(ReadinessRegistry);
  readiness.register('postgres', async () => runtime.ready && (await runtime.current().pool.query('SELECT 1')).rowCount === 1);
  readiness.register('object-storage', () => runtime.ready && runtime.current().storage.ping());
  await app.init();
  const server = app.getHttpServer() as Server;
  server.requestTimeout = config.uploadTimeoutMs;
  if (options.waitForDependencies) await runtime.get();

  return {
    app,
    get storage() {
      return runtime.current().storage;
    },
    get store() {
      return runtime.current().store;
    },
    get repo() {
      return runtime.current().repo;
    },
    get sweeper() {
      return runtime.current().sweeper;
    },
    close: () => app.close(),
  };
}
