import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import {
  backgroundEventReactor,
  SERVICE_LOGGER,
  WriteSide,
  type EventReactorDependency,
  type ReactorSpec,
} from '@adminduk/application-commands';
import type { RecordedEvent } from '@adminduk/event-store';
import { BackgroundDependency, ReadinessRegistry } from '@adminduk/http';
import { NotificationDispatcher, SendRecordRepository } from '@adminduk/notifications';
import type { Logger } from '@adminduk/observability';
import { createReadModelDataSource, workingCalendarOf } from '@adminduk/read-models';
import type { FactsDeps } from './application-facts';
import { EventNotifier } from './event-notifier';
import type { NotificationsConfig } from './notifications.config';
import { NOTIFICATIONS_CONFIG, SENDERS, type Senders } from './tokens';

/** The one durable consumer of the service: every instance shares it, so each event is handled by one. */
export const NOTIFICATIONS_DURABLE = 'notifications';
/** The consumer of the survey invitations (SurveyInvitationIssued), shared by the instances the same way. */
export const NOTIFICATIONS_SURVEY_DURABLE = 'notifications-survey';
/** The consumer of complaint events (category "complaint"): the complainant told of each step. */
export const NOTIFICATIONS_COMPLAINT_DURABLE = 'notifications-complaint';

/**
 * Consumes application events from JetStream and sends what they cause. PostgreSQL (event store,
 * send record, holiday calendar) and NATS connect in the background: the service is live at once
 * and ready when both are up; events wait for PostgreSQL rather than fail.
 */
@Injectable()
export class NotificationConsumer implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly notifier: BackgroundDependency<{ notifier: EventNotifier; calendarDb: DataSource }>;
  private readonly bus: EventReactorDependency;

  constructor(
    writeSide: WriteSide,
    @Inject(NOTIFICATIONS_CONFIG) config: NotificationsConfig,
    @Inject(SENDERS) private readonly senders: Senders,
    @Inject(SERVICE_LOGGER) logger: Logger,
    private readonly readiness: ReadinessRegistry,
  ) {
    this.notifier = new BackgroundDependency(
      'notifier',
      async () => {
        const store = await writeSide.eventStore(); // waits for PostgreSQL and the migrated schema
        const calendarDb = createReadModelDataSource(config.READ_MODEL_DATABASE_URL ?? config.DATABASE_URL, { extra: { max: 2 } });
        await calendarDb.initialize();
        const facts: FactsDeps = { store, calendar: () => workingCalendarOf(calendarDb.manager), ...senders.facts };
        const records = new SendRecordRepository(writeSide.readModels(), { leaseMs: config.NOTIFY_CLAIM_LEASE_MS });
        const dispatcher = new NotificationDispatcher({
          records,
          mail: senders.mail,
          text: senders.text,
          messageIdDomain: config.MAIL_MESSAGE_ID_DOMAIN,
        });
        return { notifier: new EventNotifier({ facts, dispatcher, logger }), calendarDb };
      },
      logger,
      async ({ calendarDb }) => void (await calendarDb.destroy()),
    );
    const delivery = {
      maxDeliver: config.NOTIFY_MAX_ATTEMPTS,
      ackWaitMs: config.NOTIFY_ACK_WAIT_MS,
      concurrency: config.NOTIFY_CONCURRENCY,
      nakBackoff: { baseMs: config.NOTIFY_RETRY_BASE_MS, maxMs: config.NOTIFY_RETRY_MAX_MS, jitter: 0.1 },
    };
    const handler = async (event: RecordedEvent) => (await this.notifier.get()).notifier.handle(event);
    // One connection, one consumer per row (each shared by the instances): a row is a durable
    // consumer, the events it takes (category.type) and the handler.
    const reactions: ReactorSpec[] = [
      { durable: NOTIFICATIONS_DURABLE, category: 'application', eventType: '*', handler, delivery },
      { durable: NOTIFICATIONS_SURVEY_DURABLE, category: 'survey', eventType: 'SurveyInvitationIssued', handler, delivery },
      { durable: NOTIFICATIONS_COMPLAINT_DURABLE, category: 'complaint', eventType: '*', handler, delivery },
    ];
    this.bus = backgroundEventReactor({ name: 'nats', connectionName: 'notifications', env: config, reactions, logger });
  }

  onApplicationBootstrap(): void {
    this.readiness.register('nats', () => this.bus.ready);
    this.readiness.register('notifier', () => this.notifier.ready);
  }

  /** Resolves when the consumer runs (tests). */
  async started(): Promise<void> {
    await Promise.all([this.notifier.get(), this.bus.get()]);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.bus.close(); // every consumer stops taking events and finishes those in hand, then the connection closes
    await this.notifier.close();
    await this.senders.close();
  }
}
