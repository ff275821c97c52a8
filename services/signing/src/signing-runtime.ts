import type { Pool } from 'pg';
import {
  backgroundEventReactor,
  postgresApplicationCommands,
  type ApplicationCommands,
  type EventReactorDependency,
  type ReactorBusEnv,
} from '@adminduk/application-commands';
import { applicationIdOfStream } from '@adminduk/domain';
import {
  createPool,
  eventStoreSettings,
  openEventStore,
  type Actor,
  type EventStore,
  type EventStoreChoice,
  type RecordedEvent,
} from '@adminduk/event-store';
import { ApiError, apiError, BackgroundDependency, ReadinessRegistry } from '@adminduk/http';
import type { PdfSigner } from '@adminduk/kk-document';
import { assertMigrated } from '@adminduk/migrations/schema-check';
import type { Logger } from '@adminduk/observability';
import { MinioObjectStorage, type MinioStorageConfig } from '@adminduk/storage';
import { KkPreview } from './kk-preview';
import { KkSigningBatch } from './kk-signing-batch';
import type { SignApplicationDeps } from './sign-application-kk';

/** The development auto-signer: a system user acting in the signer role (never in production, see signing.config.ts). */
export const AUTO_SIGNER: Actor = { userId: 'system:auto-sign', role: 'penandatangan' };

export interface SigningRuntimeOptions {
  databaseUrl: string;
  /** EVENT_STORE / EVENTSTOREDB_URL of the validated config (postgres when absent). */
  eventStore?: EventStoreChoice;
  /** Read-model database (signed_document_view); defaults to databaseUrl. */
  readModelUrl?: string;
  storage: MinioStorageConfig;
  signer: PdfSigner;
  office: SignApplicationDeps['office'];
  documentIdSecret: string;
  /**
   * Development only: sign each application as soon as its newborn NIK is assigned (NATS
   * `NewbornNikAssigned`). Needs the event topology of the platform.
   */
  autoSign?: { env: ReactorBusEnv; concurrency?: number };
  now?: () => Date;
}

const unavailable = () =>
  new ApiError(
    apiError(
      503,
      'DEPENDENCY_UNAVAILABLE',
      'Layanan penandatanganan sedang menunggu basis data atau penyimpanan dokumen; coba lagi sebentar lagi.',
    ),
  );

/**
 * The signing service's connections, each made in the background: the service is live at once and
 * ready when PostgreSQL, the object storage (and NATS, with auto-sign) are up, instead of exiting.
 */
export class SigningRuntime {
  private readonly postgres: BackgroundDependency<EventStore>;
  private readonly objects: BackgroundDependency<MinioObjectStorage>;
  private readonly reactor?: EventReactorDependency;
  private batchInstance?: KkSigningBatch;
  private commandsInstance?: ApplicationCommands;
  private previewInstance?: KkPreview;
  private readonly batchReady: Promise<KkSigningBatch>;
  /** Read-model queries (public verification); pg connects lazily per query. */
  readonly readModels: Pool;

  constructor(
    private readonly o: SigningRuntimeOptions,
    readonly logger: Logger,
  ) {
    this.readModels = createPool({ connectionString: o.readModelUrl ?? o.databaseUrl, max: 4 });
    this.postgres = new BackgroundDependency(
      'postgres',
      async () => {
        await assertMigrated(this.readModels); // never creates tables: `npm run migrate` does
        return openEventStore(eventStoreSettings(o.eventStore ?? {}, o.databaseUrl, 5));
      },
      logger,
      (s) => s.close(),
    );
    this.objects = new BackgroundDependency(
      'object-storage',
      async () => {
        const storage = new MinioObjectStorage(o.storage);
        await storage.ensureBucket();
        return storage;
      },
      logger,
    );
    this.batchReady = Promise.all([this.postgres.get(), this.objects.get()]).then(
      ([store, storage]) =>
        (this.batchInstance = new KkSigningBatch({
          store,
          storage,
          signer: o.signer,
          office: o.office,
          documentIdSecret: o.documentIdSecret,
          now: o.now,
        })),
    );
    this.batchReady.catch(() => undefined); // aborted on shutdown
    // The penandatangan's other commands (revocation) need only the event store, not the storage.
    this.postgres
      .get()
      .then((store) => {
        const clock = { now: () => o.now?.() ?? new Date() };
        this.commandsInstance = postgresApplicationCommands(store, this.readModels, clock);
        this.previewInstance = new KkPreview({ store, office: o.office, documentIdSecret: o.documentIdSecret, now: o.now });
      })
      .catch(() => undefined); // aborted on shutdown
    if (o.autoSign) {
      this.reactor = backgroundEventReactor({
        name: 'nats',
        connectionName: 'signing',
        env: o.autoSign.env,
        reactions: [
          {
            durable: 'signing-auto-sign',
            category: 'application',
            eventType: 'NewbornNikAssigned',
            handler: (e) => this.autoSign(e),
            delivery: { concurrency: o.autoSign.concurrency },
          },
        ],
        logger,
      });
    }
  }

  registerReadiness(readiness: ReadinessRegistry): void {
    readiness.register('postgres', () => this.postgres.ready);
    readiness.register('object-storage', async () => this.objects.ready && (await (await this.objects.get()).ping()));
    if (this.reactor) readiness.register('nats', () => this.reactor!.ready);
  }

  /** The batch signer once PostgreSQL and the storage are up; 503 before that. */
  batchNow(): KkSigningBatch {
    if (!this.batchInstance || !this.postgres.ready || !this.objects.ready) throw unavailable();
    return this.batchInstance;
  }

  /** The application command handler (decide + append) once PostgreSQL is up; 503 before that. */
  applicationCommandsNow(): ApplicationCommands {
    if (!this.commandsInstance || !this.postgres.ready) throw unavailable();
    return this.commandsInstance;
  }

  /** The unsigned KK preview once PostgreSQL is up; 503 before that. */
  previewNow(): KkPreview {
    if (!this.previewInstance || !this.postgres.ready) throw unavailable();
    return this.previewInstance;
  }

  /** Waits for the dependencies (event handlers: a message waits rather than fails). */
  batch(): Promise<KkSigningBatch> {
    return this.batchReady;
  }

  /** Resolves when every dependency is up (tests). */
  async started(): Promise<void> {
    await Promise.all([this.postgres.get(), this.objects.get(), this.reactor?.get()]);
  }

  /**
   * Auto-sign (development): signs the application whose newborn NIK was just assigned. A retryable
   * failure (signer or storage unreachable) is recorded, then thrown so JetStream redelivers later;
   * a non-retryable one is recorded and left to the penandatangan.
   */
  private async autoSign(event: RecordedEvent): Promise<void> {
    const applicationId = applicationIdOfStream(event.streamId);
    const batch = await this.batch();
    const result = await batch.signOne(AUTO_SIGNER, applicationId, event.metadata.correlationId);
    this.logger.info({ applicationId, outcome: result.outcome, code: 'code' in result ? result.code : undefined }, 'auto-sign');
    if (result.outcome === 'failed' && result.retryable) throw new Error(`auto-sign failed (${result.code}); redelivery will retry`);
  }

  async close(): Promise<void> {
    await this.reactor?.close();
    await Promise.all([this.postgres.close(), this.objects.close()]);
    await this.readModels.end();
  }
}
