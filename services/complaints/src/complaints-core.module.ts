import { Module, type DynamicModule, type Provider } from '@nestjs/common';
import { systemClock, writeSideProviders, type Clock } from '@adminduk/application-commands';
import type { Logger } from '@adminduk/observability';
import type { ComplaintsConfig } from './complaints.config';
import { COMPLAINTS_CONFIG } from './complaints.tokens';

/**
 * The complaints service's shared providers, global so its feature modules (complaint handling,
 * the IKM survey) inject the same write side, clock and configuration without importing each other.
 */
@Module({})
export class ComplaintsCoreModule {
  static forRoot(config: ComplaintsConfig, logger: Logger, clock: Clock = systemClock): DynamicModule {
    const providers: Provider[] = [...writeSideProviders(config, logger, clock), { provide: COMPLAINTS_CONFIG, useValue: config }];
    return { module: ComplaintsCoreModule, global: true, providers, exports: providers };
  }
}
