import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { backgroundEventReactor, loadApplication, type EventReactorDependency, type SurveyCommands } from '@adminduk/application-commands';
import { applicationIdOfStream, type SurveyTrigger } from '@adminduk/domain';
import type { RecordedEvent } from '@adminduk/event-store';
import { ReadinessRegistry, type ServiceEnv } from '@adminduk/http';
import type { Logger } from '@adminduk/observability';

/**
 * One durable consumer per trigger, each filtered to its one event type (NATS 2.9: one filter per
 * consumer): a consumer of every application event pulled each of them (about fifteen per
 * application, one pull round trip each) to act on one, and fell minutes behind on a loaded machine.
 */
export const SURVEY_INVITATION_DURABLES = {
  KkCollected: 'complaints-survey-on-collected',
  KkSelfPrinted: 'complaints-survey-on-self-printed',
} as const;
export const SURVEY_REACTOR_SETTINGS = Symbol('SURVEY_REACTOR_SETTINGS');
export const SURVEY_COMMANDS = Symbol('SURVEY_COMMANDS');

export interface SurveyReactorSettings {
  env: ServiceEnv;
  logger: Logger;
  validityDays: number;
}

/** The events that put a KK in the applicant's hands: the survey asks about a finished service. */
const TRIGGERS: Record<string, SurveyTrigger> = { KkCollected: 'collected', KkSelfPrinted: 'self-printed' };

/**
 * Invites the applicant to the IKM survey when the KK is handed over (KkCollected) or first
 * self-printed (KkSelfPrinted; later downloads find the invitation issued and add nothing). A
 * durable consumer of the application events on its own NATS connection, in the background; the
 * notifications service mails the link (SurveyInvitationIssued).
 */
@Injectable()
export class SurveyInvitationReactor implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly reactor: EventReactorDependency;

  constructor(
    @Inject(SURVEY_REACTOR_SETTINGS) private readonly settings: SurveyReactorSettings,
    @Inject(SURVEY_COMMANDS)
    private readonly commands: () => Promise<{ survey: SurveyCommands; store: Parameters<typeof loadApplication>[0] }>,
    private readonly readiness: ReadinessRegistry,
  ) {
    this.reactor = backgroundEventReactor({
      name: 'nats-events',
      connectionName: 'complaints',
      env: settings.env,
      reactions: Object.entries(SURVEY_INVITATION_DURABLES).map(([eventType, durable]) => ({
        durable,
        category: 'application',
        eventType,
        handler: (e: RecordedEvent) => this.onEvent(e),
      })),
      logger: settings.logger,
    });
  }

  async onEvent(event: RecordedEvent): Promise<void> {
    const trigger = TRIGGERS[event.type];
    if (!trigger) return;
    const applicationId = applicationIdOfStream(event.streamId);
    const { survey, store } = await this.commands();
    const { state } = await loadApplication(store, applicationId);
    if (!state.kecamatan || !state.serviceType) return;
    const issued = await survey.invite({
      applicationId,
      kecamatan: state.kecamatan,
      serviceType: state.serviceType,
      trigger,
      causationEventId: event.metadata.eventId,
      correlationId: event.metadata.correlationId,
      validityDays: this.settings.validityDays,
    });
    if (issued.length > 0) this.settings.logger.info({ applicationId, trigger }, 'survey invitation issued');
  }

  onApplicationBootstrap(): void {
    this.readiness.register('nats-events', () => this.reactor.ready);
  }

  /** Resolves once the consumer runs (tests). */
  async started(): Promise<void> {
    await this.reactor.get();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.reactor.close();
  }
}
