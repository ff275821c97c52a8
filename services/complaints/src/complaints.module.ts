import { Module, type DynamicModule } from '@nestjs/common';
import type { Clock } from '@adminduk/application-commands';
import { AuthModule } from '@adminduk/auth';
import { HealthModule } from '@adminduk/http';
import type { Logger } from '@adminduk/observability';
import { ComplaintModule } from './complaint/complaint.module';
import { ComplaintsCoreModule } from './complaints-core.module';
import type { ComplaintsConfig } from './complaints.config';
import { SurveyModule } from './survey/survey.module';

/** The complaints service: pengaduan, saran and apresiasi from every channel, their handling and SP4N-LAPOR. */
@Module({})
export class ComplaintsModule {
  static forRoot(config: ComplaintsConfig, logger: Logger, clock?: Clock): DynamicModule {
    return {
      module: ComplaintsModule,
      imports: [
        HealthModule.forRoot(),
        AuthModule.forRoot({ jwksUrl: config.AUTH_JWKS_URL, issuer: config.AUTH_ISSUER, audience: config.AUTH_AUDIENCE }),
        ComplaintsCoreModule.forRoot(config, logger, clock),
        ComplaintModule,
        SurveyModule,
      ],
      controllers: [],
    };
  }
}
