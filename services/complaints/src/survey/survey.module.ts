import { Module } from '@nestjs/common';
import { CLOCK, SERVICE_LOGGER, SurveyCommands, WriteSide, type Clock } from '@adminduk/application-commands';
import type { Logger } from '@adminduk/observability';
import { selfPrintKeyProblems, selfPrintPublicKeyOf, selfPrintSigningKey, verifyKeysFrom } from '@adminduk/self-print-token';
import type { ComplaintsConfig } from '../complaints.config';
import { COMPLAINTS_CONFIG } from '../complaints.tokens';
import { surveyKeyProblems, type SurveyConfig } from './survey.config';
import { SurveyController } from './survey.controller';
import { SurveyFromTrackingController, SURVEY_LINK_SIGNER } from './survey-from-tracking.controller';
import { SurveyInvitationReactor, SURVEY_COMMANDS, SURVEY_REACTOR_SETTINGS } from './survey-invitation-reactor';
import { SurveyLinks } from './survey-links';
import { SurveyResultsController } from './survey-results.controller';

type Config = ComplaintsConfig & SurveyConfig;

/**
 * The IKM survey (decision 0020): the invitation when a KK reaches the applicant, the public survey
 * routes of the invitation link, and the staff's results. Uses the complaints service's shared
 * providers (ComplaintsCoreModule, global): the write side's event store, the clock, the configuration.
 */
@Module({
  // The tracking page's offer first: its POST /api/public/survei/dari-lacak is matched before POST :token.
  controllers: [SurveyFromTrackingController, SurveyController, SurveyResultsController],
  providers: [
    {
      provide: SURVEY_COMMANDS,
      inject: [WriteSide, CLOCK, COMPLAINTS_CONFIG],
      useFactory: (writeSide: WriteSide, clock: Clock, config: Config) => {
        const problems = [
          ...surveyKeyProblems(config.ADMINDUK_ENV, config),
          ...selfPrintKeyProblems(config.ADMINDUK_ENV, { publicKeys: config.SELF_PRINT_PUBLIC_KEYS }),
        ];
        if (problems.length > 0) throw new Error(`config error: ${problems.join('; ')}`);
        const key = Buffer.from(config.SURVEY_RESPONSE_KEY.trim(), 'base64url');
        return async () => {
          const store = await writeSide.eventStore();
          return { survey: new SurveyCommands(store, clock, key), store };
        };
      },
    },
    {
      provide: SurveyLinks,
      inject: [SURVEY_COMMANDS, CLOCK, COMPLAINTS_CONFIG],
      useFactory: (commands: () => Promise<{ survey: SurveyCommands }>, clock: Clock, config: Config) =>
        new SurveyLinks(
          async () => (await commands()).survey,
          // The mailed links (notifications' key) and the ones offered on the tracking page (this service's own).
          verifyKeysFrom([...config.SELF_PRINT_PUBLIC_KEYS, selfPrintPublicKeyOf(config.SURVEY_LINK_SIGNING_SEED.trim())]),
          clock,
        ),
    },
    {
      provide: SURVEY_LINK_SIGNER,
      inject: [COMPLAINTS_CONFIG],
      useFactory: (config: Config) => selfPrintSigningKey(config.SURVEY_LINK_SIGNING_SEED.trim()),
    },
    {
      provide: SURVEY_REACTOR_SETTINGS,
      inject: [COMPLAINTS_CONFIG, SERVICE_LOGGER],
      useFactory: (env: Config, logger: Logger) => ({ env, logger, validityDays: env.SURVEY_LINK_VALIDITY_DAYS }),
    },
    SurveyInvitationReactor,
  ],
  exports: [SurveyInvitationReactor],
})
export class SurveyModule {}
