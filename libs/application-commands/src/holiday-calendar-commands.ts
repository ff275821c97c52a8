import type { Principal } from '@adminduk/auth';
import {
  foldHolidayCalendar,
  holidayCalendarDecider,
  holidayCalendarStreamId,
  type HolidayCalendarCommand,
  type HolidayCalendarContext,
  type HolidayCalendarEvent,
  type HolidayCalendarState,
} from '@adminduk/domain';
import { handleCommand, toDomainEvent, type EventStore } from '@adminduk/event-store';
import { currentTraceparent } from '@adminduk/observability';
import type { CommandMeta } from './application-commands';
import { metadataActor } from './actor-from-principal';
import type { Clock } from './clock.port';

/** A holiday-calendar command as it travels: the actor comes from the verified caller. */
export type HolidayCommandWithoutActor<C extends HolidayCalendarCommand = HolidayCalendarCommand> = C extends HolidayCalendarCommand
  ? Omit<C, 'actor'>
  : never;

/** What the gateway sends intake for a holiday-calendar command (the caller travels signed, as for applications). */
export interface HolidayCommandRequest {
  meta: { idempotencyKey: string; correlationId: string };
  command: HolidayCommandWithoutActor;
}

export interface HolidayCommandResult {
  year: number;
  published: boolean;
  corrections: number;
  /** Types of the events this command produced (the stored ones on a retry). */
  events: string[];
  replayed: boolean;
}

/** One year's list as its stream holds it, folded with the domain's own evolve. */
export async function loadHolidayYear(store: EventStore, year: number): Promise<HolidayCalendarState> {
  const events = (await store.readStream(holidayCalendarStreamId(year))).map((r) => toDomainEvent<HolidayCalendarEvent>(r));
  return foldHolidayCalendar(events);
}

/**
 * The write side of the holiday calendar: the generic command handler (read, fold, decide, append
 * with the expected revision, idempotent by key) with the holiday-calendar decider. The NATS handler
 * in intake and the CLI both call it; nothing else appends to these streams.
 */
export class HolidayCalendarCommands {
  constructor(
    private readonly store: EventStore,
    private readonly clock: Clock,
  ) {}

  state(year: number): Promise<HolidayCalendarState> {
    return loadHolidayYear(this.store, year);
  }

  async execute(command: HolidayCommandWithoutActor, meta: CommandMeta): Promise<HolidayCommandResult> {
    const p: Principal = meta.principal;
    const full = { ...command, actor: { userId: p.userId, role: p.role } } as HolidayCalendarCommand;
    const year = Number(command.data?.year);
    const now = this.clock.now();
    const outcome = await handleCommand<HolidayCalendarCommand, HolidayCalendarEvent, HolidayCalendarState, HolidayCalendarContext>(
      this.store,
      // A bad year is refused by the decider before anything is appended; the stream name only needs to be a name.
      holidayCalendarStreamId(Number.isInteger(year) ? year : 0),
      holidayCalendarDecider,
      {
        command: full,
        idempotencyKey: meta.idempotencyKey,
        actor: metadataActor(p),
        correlationId: meta.correlationId,
        traceparent: currentTraceparent(),
        now,
      },
      () => ({ now }),
    );
    return {
      year,
      published: outcome.state.published,
      corrections: outcome.state.corrections,
      events: outcome.events.map((e) => e.type),
      replayed: outcome.replayed,
    };
  }
}
