import type { RecordedEvent } from '@adminduk/event-store';
import {
  NOTIFYING_EVENT_TYPES,
  planNotifications,
  PlannerInputError,
  SendFailedError,
  type NotificationDispatcher,
} from '@adminduk/notifications';
import { counter, type Logger } from '@adminduk/observability';
import { applicationFacts, type FactsDeps } from './application-facts';

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
 * One application event in, its messages out: facts from the application's stream, the planner's
 * sends, each delivered once through the dispatcher's claim/markSent. A throw hands the event back to
 * the bus with a hint (libs/messaging RetryHint): a permanent SendFailedError goes to the dead-letter
 * stream at once, a held claim retries when its lease ends, anything else retries with backoff.
 */
export class EventNotifier {
  constructor(private readonly deps: { facts: FactsDeps; dispatcher: NotificationDispatcher; logger: Logger; now?: () => Date }) {}

  async handle(recorded: RecordedEvent): Promise<void> {
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
