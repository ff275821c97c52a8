import { streamCategory, type RecordedEvent } from '@adminduk/event-store';
import {
  COMPLAINT_NOTIFYING_EVENT_TYPES,
  NOTIFYING_EVENT_TYPES,
  planComplaintNotifications,
  planNotifications,
  type PlannedSend,
  PlannerInputError,
  SendFailedError,
  type NotificationDispatcher,
} from '@adminduk/notifications';
import { counter, type Logger } from '@adminduk/observability';
import { applicationFacts, type FactsDeps } from './application-facts';
import { complaintFacts } from './complaint-facts';

const sends = counter({
  name: 'notification_sends_total',
  help: 'Planned notification sends, by template, channel and outcome (sent, already-sent, in-progress, failed)',
  labelNames: ['template', 'channel', 'outcome'] as const,
});

/** Another instance holds the send (or crashed holding it): the bus redelivers when its lease ends. */
export class SendInProgressError extends Error {
  override name = 'SendInProgressError';
  constructor(
    key: string,
    readonly retryAfterMs: number,
  ) {
    super(`send ${key} is claimed by another sender; retry in ${retryAfterMs} ms`);
  }
}

/**
 * One application (or complaint) event in, its messages out: facts from the application's stream, the planner's
 * sends, each delivered once through the dispatcher's claim/markSent. A throw hands the event back to
 * the bus with a hint (libs/messaging RetryHint): a permanent SendFailedError goes to the dead-letter
 * stream at once, a held claim retries when its lease ends, anything else retries with backoff.
 */
export class EventNotifier {
  constructor(private readonly deps: { facts: FactsDeps; dispatcher: NotificationDispatcher; logger: Logger; now?: () => Date }) {}

  async handle(recorded: RecordedEvent): Promise<void> {
    if (streamCategory(recorded.streamId) === 'complaint') return this.handleComplaint(recorded);
    if (!NOTIFYING_EVENT_TYPES.has(recorded.type as never)) return;
    const found = await applicationFacts(recorded, this.deps.facts);
    if (!found) return;
    let planned;
    try {
      planned = planNotifications(found.trigger, found.facts);
    } catch (e) {
      // Missing input (e.g. no self-print signing key configured) does not fix itself: park it.
      if (e instanceof PlannerInputError) throw new SendFailedError(e.message, true, 'EPLAN');
      throw e;
    }
    await this.deliverAll(planned);
  }

  /** A complaint's step, told to the complainant when they left an e-mail (docs/complaints.md). */
  private async handleComplaint(recorded: RecordedEvent): Promise<void> {
    if (!COMPLAINT_NOTIFYING_EVENT_TYPES.has(recorded.type as never)) return;
    const found = await complaintFacts(recorded, this.deps.facts);
    if (!found) return;
    await this.deliverAll(planComplaintNotifications(found.trigger, found.facts));
  }

  /** Each planned send once, through the dispatcher's claim/markSent. */
  private async deliverAll(planned: PlannedSend[]): Promise<void> {
    for (const send of planned) {
      const labels = { template: send.identity.template, channel: send.identity.channel };
      let outcome;
      try {
        outcome = await this.deps.dispatcher.deliver(send);
      } catch (e) {
        sends.inc({ ...labels, outcome: 'failed' });
        throw e;
      }
      sends.inc({ ...labels, outcome: outcome.status });
      if (outcome.status === 'in-progress') {
        const now = this.deps.now?.() ?? new Date();
        throw new SendInProgressError(outcome.key, Math.max(100, outcome.until.getTime() - now.getTime() + 100));
      }
      // The key holds ids only (application, template, event, channel): safe in the log.
      this.deps.logger.info({ sendKey: outcome.key, status: outcome.status }, 'notification');
    }
  }
}
