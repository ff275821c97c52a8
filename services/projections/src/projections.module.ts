import { Module, type DynamicModule } from '@nestjs/common';
import { HealthModule } from '@adminduk/http';
import type { Logger } from '@adminduk/observability';
import { allProjections } from '@adminduk/read-models';
import { LOGGER, PROJECTIONS, PROJECTIONS_CONFIG, ProjectionConsumers } from './projection-consumer';
import type { ProjectionsConfig } from './projections.config';

@Module({})
export class ProjectionsModule {
  static forRoot(config: ProjectionsConfig, logger: Logger): DynamicModule {
    return {
      module: ProjectionsModule,
      imports: [HealthModule.forRoot()],
      providers: [
        { provide: PROJECTIONS_CONFIG, useValue: config },
        { provide: LOGGER, useValue: logger },
        { provide: PROJECTIONS, useValue: allProjections() },
        ProjectionConsumers,
      ],
      exports: [ProjectionConsumers],
    };
  }
}
