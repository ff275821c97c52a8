import { Module, type DynamicModule } from '@nestjs/common';
import { CLOCK, SERVICE_LOGGER, systemClock, WRITE_SIDE_SETTINGS, WriteSide, type Clock } from '@adminduk/application-commands';
import type { Logger } from '@adminduk/observability';
import { PrintingDependencies } from './printing-dependencies';
import type { PrintingConfig } from './printing.config';
import { PRINTING_CONFIG } from './printing.tokens';

/**
 * The printing service's shared providers, global so the feature modules (the counter's printing,
 * self-print) inject the same write side, storage and configuration without importing each other.
 */
@Module({})
export class PrintingCoreModule {
  static forRoot(config: PrintingConfig, logger: Logger, clock: Clock = systemClock): DynamicModule {
    const providers = [
      {
        provide: WRITE_SIDE_SETTINGS,
        useValue: {
          eventStoreUrl: config.DATABASE_URL,
          readModelUrl: config.READ_MODEL_DATABASE_URL ?? config.DATABASE_URL,
          eventStore: config,
        },
      },
      { provide: SERVICE_LOGGER, useValue: logger },
      { provide: CLOCK, useValue: clock },
      { provide: PRINTING_CONFIG, useValue: config },
      WriteSide,
      PrintingDependencies,
    ];
    return { module: PrintingCoreModule, global: true, providers, exports: providers };
  }
}
