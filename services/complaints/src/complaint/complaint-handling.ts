import { Inject, Injectable } from '@nestjs/common';
import { CLOCK, WriteSide, type Clock } from '@adminduk/application-commands';
import {
  complaintDecider,
  complaintStreamId,
  foldComplaint,
  type ComplaintCommand,
  type ComplaintContext,
  type ComplaintEvent,
  type ComplaintState,
} from '@adminduk/domain';
import { handleCommand, toDomainEvent, type Actor } from '@adminduk/event-store';
import { currentTraceparent } from '@adminduk/observability';
import { ComplaintsDependencies } from '../complaints-dependencies';

export interface ComplaintCommandMeta {
  idempotencyKey: string;
  correlationId: string;
  /** The event metadata's actor: ids and region codes only. */
  actor: Actor;
  /** The key names one step of the platform (an import, an escalation), not one request body. */
  keyNames?: 'request' | 'step';
}

export interface ComplaintCommandResult {
  complaintId: string;
  status: ComplaintState['status'];
  verifyBy?: string;
  answerBy?: string;
  events: string[];
  replayed: boolean;
}

/**
 * The write side of a complaint: the domain's decider through the project's one command handler
 * (read, fold, decide, append with the expected revision; idempotent by deterministic event ids),
 * with time from the service clock and the working calendar in force as the decision's context.
 */
@Injectable()
export class ComplaintHandling {
  constructor(
    private readonly writeSide: WriteSide,
    private readonly deps: ComplaintsDependencies,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute(complaintId: string, command: ComplaintCommand, meta: ComplaintCommandMeta): Promise<ComplaintCommandResult> {
    const store = await this.writeSide.eventStore();
    const calendar = await this.deps.calendar();
    const now = this.clock.now();
    const outcome = await handleCommand<ComplaintCommand, ComplaintEvent, ComplaintState, ComplaintContext>(
      store,
      complaintStreamId(complaintId),
      complaintDecider,
      {
        command,
        idempotencyKey: meta.idempotencyKey,
        keyNames: meta.keyNames,
        actor: meta.actor,
        correlationId: meta.correlationId,
        // Routes the events on the bus by the kecamatan the complaint is about (none: the regency's).
        kecamatan: (s) => s.kecamatan,
        traceparent: currentTraceparent(),
        now,
        expectNewStream: command.type === 'ReceiveComplaint',
      },
      () => ({ now, calendar }),
    );
    const s = outcome.state;
    return {
      complaintId,
      status: s.status,
      ...(s.verifyBy ? { verifyBy: s.verifyBy } : {}),
      ...(s.answerBy ? { answerBy: s.answerBy } : {}),
      events: outcome.events.map((e) => e.type),
      replayed: outcome.replayed,
    };
  }

  /** The complaint's events, oldest first (the history on the detail page); the stream is the source of truth. */
  async history(complaintId: string): Promise<{ events: ComplaintEvent[]; state: ComplaintState }> {
    const store = await this.writeSide.eventStore();
    const events = (await store.readStream(complaintStreamId(complaintId))).map((r) => toDomainEvent<ComplaintEvent>(r));
    return { events, state: foldComplaint(events) };
  }
}
