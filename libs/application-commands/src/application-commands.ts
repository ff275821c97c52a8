import type { Principal } from '@adminduk/auth';
import { formatWibDay, wibDayOf } from '@adminduk/calendar';
import {
  decide,
  describeStatus,
  evolve,
  initialState,
  type ApplicationCommand,
  type ApplicationEvent,
  type ApplicationState,
  type DecideContext,
  type SequenceSource,
  type StatusView,
  type SubmitApplication,
} from '@adminduk/domain';
import { deterministicUuid, handleCommand, toDomainEvent, type Actor, type EventStore } from '@adminduk/event-store';
import { currentTraceparent } from '@adminduk/observability';
import { commandActor, metadataActor } from './actor-from-principal';
import type { Clock } from './clock.port';
import type { OpenApplicationsQuery } from './open-applications.port';

/** What every command request carries besides its data. */
export interface CommandMeta {
  idempotencyKey: string;
  principal: Principal;
  correlationId: string;
}

export interface CommandResult {
  applicationId: string;
  status: StatusView;
  receiptNumber?: string;
  duplicateOf?: string;
  /** Types of the events this command produced (the stored ones on a retry). */
  events: string[];
  replayed: boolean;
}

export type CommandWithoutActor<C extends ApplicationCommand = ApplicationCommand> = C extends ApplicationCommand ? Omit<C, 'actor'> : never;

export const applicationStreamId = (applicationId: string) => `application-${applicationId}`;

const decider = { initialState, evolve, decide };

/**
 * The write side of a KK application for any service: builds the decide context (time, receipt
 * numbers, open applications), runs the decider through the generic command handler, and reports
 * the outcome. Services only translate transport messages into calls here.
 */
export class ApplicationCommands {
  constructor(
    private readonly store: EventStore,
    private readonly sequences: SequenceSource,
    private readonly openApplications: OpenApplicationsQuery,
    private readonly clock: Clock,
  ) {}

  /** The current state of an application, folded from its stream (the source of truth). */
  async state(applicationId: string): Promise<ApplicationState> {
    const events = await this.store.readStream(applicationStreamId(applicationId));
    return events.reduce((s, e) => evolve(s, toDomainEvent<ApplicationEvent>(e)), initialState());
  }

  /** A new application; its id follows from the caller and idempotency key, so a retry finds it. */
  async submit(data: Omit<SubmitApplication['data'], 'applicationId'>, meta: CommandMeta): Promise<CommandResult> {
    const applicationId = deterministicUuid(meta.principal.userId, meta.idempotencyKey, 'application');
    return this.execute(applicationId, { type: 'SubmitApplication', data: { ...data, applicationId } }, meta);
  }

  async execute(applicationId: string, command: CommandWithoutActor, meta: CommandMeta): Promise<CommandResult> {
    return this.run(applicationId, { ...command, actor: commandActor(meta.principal) } as ApplicationCommand, meta.idempotencyKey, metadataActor(meta.principal), meta.correlationId);
  }

  /**
   * A command the platform itself issues (a missed deadline, a NIK from the registry). The key makes
   * it exactly-once however many replicas or retries issue it.
   */
  async executeAsSystem(applicationId: string, command: CommandWithoutActor, systemUser: string, idempotencyKey: string, correlationId: string): Promise<CommandResult> {
    const actor = { userId: systemUser, role: 'system' as const };
    return this.run(applicationId, { ...command, actor } as ApplicationCommand, idempotencyKey, { userId: systemUser, role: 'system' }, correlationId);
  }

  private async run(applicationId: string, full: ApplicationCommand, idempotencyKey: string, actor: Actor, correlationId: string): Promise<CommandResult> {
    const now = this.clock.now();
    const outcome = await handleCommand<ApplicationCommand, ApplicationEvent, ApplicationState, DecideContext>(
      this.store,
      applicationStreamId(applicationId),
      decider,
      {
        command: full,
        idempotencyKey,
        actor,
        correlationId,
        kecamatan: (state) => state.kecamatan,
        traceparent: currentTraceparent(),
        now,
        // A submission creates its stream (the id follows from the key): no read unless it exists.
        expectNewStream: full.type === 'SubmitApplication',
      },
      (state) => this.contextFor(full, state, now),
    );
    const s = outcome.state;
    return {
      applicationId,
      status: describeStatus(s),
      receiptNumber: s.receiptNumber,
      duplicateOf: s.duplicateOf?.applicationId,
      events: outcome.events.map((e) => e.type),
      replayed: outcome.replayed,
    };
  }

  private async contextFor(command: ApplicationCommand, state: ApplicationState, now: Date): Promise<DecideContext> {
    const context: DecideContext = { now };
    if (command.type === 'SubmitApplication' && state.status === 'none') {
      const nikIbu = command.data.newborn?.nikIbu;
      if (typeof nikIbu === 'string') context.openApplications = await this.openApplications.byMotherNik(nikIbu);
    }
    // The tanda terima is given at the counter once the file is verified complete (standard, step c).
    if (command.type === 'CompleteVerification' && state.channel === 'tatap-muka' && state.kecamatan) {
      context.receiptSequence = await this.sequences.next(`receipt:${state.kecamatan}:${formatWibDay(wibDayOf(now))}`);
    }
    return context;
  }
}
