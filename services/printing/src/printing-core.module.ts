import { Module, type DynamicModule, type Provider } from '@nestjs/common';
import { systemClock, writeSideProviders, type Clock } from '@adminduk/application-commands';
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
    const providers: Provider[] = [
      ...writeSideProviders(config, logger, clock),
      { provide: PRINTING_CONFIG, useValue: config },
      PrintingDependencies,
    ];
    return { module: PrintingCoreModule, global: true, providers, exports: providers };
  }
}
