import type { Principal } from '@adminduk/auth';
import { formatWibDay, wibDayOf } from '@adminduk/calendar';
import {
  applicationStreamId,
  decide,
  describeStatus,
  evolve,
  initialState,
  type ApplicationCommand,
  type ApplicationEvent,
  type ApplicationState,
  type DecideContext,
  type OpenApplicationSummary,
  type SequenceSource,
  type StatusView,
  type SubmitApplication,
} from '@adminduk/domain';
import { deterministicUuid, handleCommand, type Actor, type CommandOutcome, type EventStore } from '@adminduk/event-store';
import { currentTraceparent } from '@adminduk/observability';
import { commandActor, metadataActor } from './actor-from-principal';
import { loadApplication, type KnownApplication, type LoadedApplication } from './application-stream';
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

export type CommandWithoutActor<C extends ApplicationCommand = ApplicationCommand> = C extends ApplicationCommand
  ? Omit<C, 'actor'>
  : never;

const decider = { initialState, evolve, decide };

function resultOf(applicationId: string, outcome: CommandOutcome<ApplicationEvent, ApplicationState>): CommandResult {
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

/**
 * The application a submission would open, as the duplicate check compares it; none when the
 * newborn's fields are not even strings (the decider refuses that submission anyway).
 */
function candidateOf(applicationId: string, command: SubmitApplication, now: Date): OpenApplicationSummary | undefined {
  const newborn = command.data.newborn as Partial<SubmitApplication['data']['newborn']> | undefined;
  const { nikIbu, tanggalLahir, namaLengkap } = newborn ?? {};
  if (typeof nikIbu !== 'string' || typeof tanggalLahir !== 'string' || typeof namaLengkap !== 'string') return undefined;
  return { applicationId, motherNik: nikIbu, birthDate: tanggalLahir, newbornName: namaLengkap, submittedAt: now.toISOString() };
}

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
    return (await this.load(applicationId)).state;
  }

  /** The application as its stream holds it now; pass it to executeAsSystem to decide on it without a second read. */
  load(applicationId: string): Promise<LoadedApplication> {
    return loadApplication(this.store, applicationId);
  }

  /** A new application; its id follows from the caller and idempotency key, so a retry finds it. */
  async submit(data: Omit<SubmitApplication['data'], 'applicationId'>, meta: CommandMeta): Promise<CommandResult> {
    const applicationId = deterministicUuid(meta.principal.userId, meta.idempotencyKey, 'application');
    return this.execute(applicationId, { type: 'SubmitApplication', data: { ...data, applicationId } }, meta);
  }

  async execute(applicationId: string, command: CommandWithoutActor, meta: CommandMeta): Promise<CommandResult> {
    const outcome = await this.run(
      applicationId,
      { ...command, actor: commandActor(meta.principal) } as ApplicationCommand,
      meta.idempotencyKey,
      metadataActor(meta.principal),
      meta.correlationId,
    );
    return resultOf(applicationId, outcome);
  }

  /**
   * A command the platform itself issues (a missed deadline, a NIK from the registry). The key makes
   * it exactly-once however many replicas or retries issue it. `known`: the application as the
   * caller knows it (a load(), or the `after` of its last executeAsSystem), decided on without
   * reading the stream while it is still the stream's head and the decision accepts (handleCommand).
   * The result's `after` is the application's state (personal data): keep it in memory, never send
   * it on as a reply or log it.
   */
  async executeAsSystem(
    applicationId: string,
    command: CommandWithoutActor,
    systemUser: string,
    idempotencyKey: string,
    correlationId: string,
    known?: KnownApplication,
  ): Promise<CommandResult & { after: KnownApplication }> {
    const actor = { userId: systemUser, role: 'system' as const };
    // The key names the step (this due time, this application's NIK), not one body: a redelivery may
    // carry other data (a NIK drawn again) and must get the first outcome, not a refusal.
    const outcome = await this.run(
      applicationId,
      { ...command, actor } as ApplicationCommand,
      idempotencyKey,
      { userId: systemUser, role: 'system' },
      correlationId,
      'step',
      known,
    );
    return { ...resultOf(applicationId, outcome), after: { state: outcome.state, revision: outcome.nextExpectedRevision } };
  }

  private async run(
    applicationId: string,
    full: ApplicationCommand,
    idempotencyKey: string,
    actor: Actor,
    correlationId: string,
    keyNames: 'request' | 'step' = 'request',
    known?: KnownApplication,
  ): Promise<CommandOutcome<ApplicationEvent, ApplicationState>> {
    const now = this.clock.now();
    const candidate = full.type === 'SubmitApplication' ? candidateOf(applicationId, full, now) : undefined;
    if (!candidate) return this.handle(applicationId, full, idempotencyKey, actor, correlationId, keyNames, now, undefined, known);
    // The duplicate check: submissions for one mother run one at a time, each seeing the ones before it.
    return this.openApplications.forSubmission(candidate, async (open) => {
      const outcome = await this.handle(applicationId, full, idempotencyKey, actor, correlationId, keyNames, now, open);
      return { result: outcome, opened: !outcome.replayed && outcome.state.status === 'submitted' };
    });
  }

  private handle(
    applicationId: string,
    full: ApplicationCommand,
    idempotencyKey: string,
    actor: Actor,
    correlationId: string,
    keyNames: 'request' | 'step',
    now: Date,
    open?: OpenApplicationSummary[],
    known?: KnownApplication,
  ) {
    return handleCommand<ApplicationCommand, ApplicationEvent, ApplicationState, DecideContext>(
      this.store,
      applicationStreamId(applicationId),
      decider,
      {
        command: full,
        idempotencyKey,
        keyNames,
        actor,
        correlationId,
        kecamatan: (state) => state.kecamatan,
        traceparent: currentTraceparent(),
        now,
        // A submission creates its stream (the id follows from the key): no read unless it exists.
        expectNewStream: full.type === 'SubmitApplication',
        known,
      },
      (state) => this.contextFor(full, state, now, open),
    );
  }

  private async contextFor(
    command: ApplicationCommand,
    state: ApplicationState,
    now: Date,
    open?: OpenApplicationSummary[],
  ): Promise<DecideContext> {
    const context: DecideContext = { now };
    if (command.type === 'SubmitApplication' && state.status === 'none') context.openApplications = open ?? [];
    // The tanda terima is given at the counter once the file is verified complete (standard, step c).
    if (command.type === 'CompleteVerification' && state.channel === 'tatap-muka' && state.kecamatan) {
      context.receiptSequence = await this.sequences.next(`receipt:${state.kecamatan}:${formatWibDay(wibDayOf(now))}`);
    }
    return context;
  }
}
