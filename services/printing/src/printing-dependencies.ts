import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { SERVICE_LOGGER } from '@adminduk/application-commands';
import type { WorkingCalendar } from '@adminduk/calendar';
import { BackgroundDependency, ReadinessRegistry } from '@adminduk/http';
import type { Logger } from '@adminduk/observability';
import { createReadModelDataSource, workingCalendarOf } from '@adminduk/read-models';
import { MinioObjectStorage, storageConfigFromEnv, type ObjectStorage } from '@adminduk/storage';
import { PRINTING_CONFIG } from './printing.tokens';
import type { PrintingConfig } from './printing.config';

/**
 * What printing needs besides the write side (WriteSide: event store, read-model pool): the object
 * storage holding the signed KKs and the holiday calendar in force (the receipt's due date). Both
 * connect in the background: the service is live at once, ready when they are, and answers 503
 * meanwhile instead of hanging.
 */
@Injectable()
export class PrintingDependencies implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly objects: BackgroundDependency<ObjectStorage>;
  private readonly calendarDb: BackgroundDependency<DataSource>;

  constructor(
    @Inject(PRINTING_CONFIG) config: PrintingConfig,
    @Inject(SERVICE_LOGGER) logger: Logger,
    private readonly readiness: ReadinessRegistry,
  ) {
    this.objects = new BackgroundDependency<ObjectStorage>(
      'object-storage',
      async () => {
        const storage = new MinioObjectStorage(storageConfigFromEnv(config));
        await storage.ensureBucket();
        return storage;
      },
      logger,
    );
    this.calendarDb = new BackgroundDependency(
      'holiday-calendar',
      async () => createReadModelDataSource(config.READ_MODEL_DATABASE_URL ?? config.DATABASE_URL, { extra: { max: 2 } }).initialize(),
      logger,
      async (ds) => void (await ds.destroy()),
    );
  }

  onApplicationBootstrap(): void {
    this.readiness.register('object-storage', async () => this.objects.ready && (await this.objects.current().ping()));
  }

  /** The signed KKs' storage now, or a 503. */
  storage(): ObjectStorage {
    return this.objects.current();
  }

  /** The working calendar in force (published holiday years, provisional beyond them), or a 503. */
  calendar(): Promise<WorkingCalendar> {
    return workingCalendarOf(this.calendarDb.current().manager);
  }

  /** Resolves once every dependency is up (tests). */
  async started(): Promise<void> {
    await Promise.all([this.objects.get(), this.calendarDb.get()]);
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.all([this.objects.close(), this.calendarDb.close()]);
  }
}
