import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { SERVICE_LOGGER } from '@adminduk/application-commands';
import type { WorkingCalendar } from '@adminduk/calendar';
import { BackgroundDependency } from '@adminduk/http';
import type { Logger } from '@adminduk/observability';
import { createReadModelDataSource, workingCalendarOf } from '@adminduk/read-models';
import type { ComplaintsConfig } from './complaints.config';
import { COMPLAINTS_CONFIG } from './complaints.tokens';

/**
 * What the complaints service needs besides the write side: the holiday calendar in force (every
 * deadline counts working days). Connects in the background: the service is live at once and
 * answers 503 until it is up.
 */
@Injectable()
export class ComplaintsDependencies implements OnApplicationShutdown {
  private readonly calendarDb: BackgroundDependency<DataSource>;

  constructor(@Inject(COMPLAINTS_CONFIG) config: ComplaintsConfig, @Inject(SERVICE_LOGGER) logger: Logger) {
    this.calendarDb = new BackgroundDependency(
      'holiday-calendar',
      async () => createReadModelDataSource(config.READ_MODEL_DATABASE_URL ?? config.DATABASE_URL, { extra: { max: 2 } }).initialize(),
      logger,
      async (ds) => void (await ds.destroy()),
    );
  }

  /** The working calendar in force (published holiday years, provisional beyond them), or a 503. */
  calendar(): Promise<WorkingCalendar> {
    return workingCalendarOf(this.calendarDb.current().manager);
  }

  /** Resolves once every dependency is up (tests). */
  async started(): Promise<void> {
    await this.calendarDb.get();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.calendarDb.close();
  }
}
