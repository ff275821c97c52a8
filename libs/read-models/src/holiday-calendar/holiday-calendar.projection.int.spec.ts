import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { fromWib, parseWibDay } from '@adminduk/calendar';
import { domainTesting, holidayCalendarDecider, holidayCalendarStreamId, type HolidayCalendarCommand } from '@adminduk/domain';
import { PostgresEventStore, type RecordedEvent } from '@adminduk/event-store';
import { eventually, type TestSchema } from '@adminduk/testing';
import { ApplicationView } from '../application-view/application-view.entity';
import { catchUpInTransaction } from '../checkpoint/apply-in-transaction';
import { allProjections } from '../projections';
import { appendHistory } from '../testing/append-history';
import { HolidayYearView } from './holiday-year-view.entity';
import { HolidayCalendarProjection } from './holiday-calendar.projection';
import { workingCalendarOf } from './holiday-calendar.queries';
import { closeReadModelTestbed, openReadModelTestbed } from '../read-model-testbed.testing';

const admin = { userId: 'admin-1', role: 'admin' };
const decree = { number: 'SKB uji 2027', date: '2026-09-15' };
const newYear = { date: '2027-01-01', kind: 'libur-nasional' as const, name: 'Tahun Baru Masehi' };
const cuti = (date: string) => ({ date, kind: 'cuti-bersama' as const, name: 'Cuti bersama (uji)' });

describe('holiday calendar read model and the due times it moves (real PostgreSQL)', () => {
  let schema: TestSchema;
  let store: PostgresEventStore;
  let ds: DataSource;
  let revision = -1;

  beforeAll(async () => {
    ({ schema, store, ds } = await openReadModelTestbed('holidays'));
  });
  afterAll(async () => {
    await closeReadModelTestbed({ schema, store, ds });
  });

  /** Decides with the domain's decider and appends, as the write path would. */
  async function holidayCommand(command: HolidayCalendarCommand): Promise<void> {
    const events = holidayCalendarDecider.decide(command, await foldYear(2027), { now: new Date() });
    await store.appendToStream(
      holidayCalendarStreamId(2027),
      events.map((e) => ({
        type: e.type,
        data: e.data,
        metadata: { eventId: randomUUID(), occurredAt: new Date().toISOString(), schemaVersion: 1, correlationId: 'c' },
      })),
      revision < 0 ? 'no_stream' : { revision },
    );
    revision += events.length;
  }
  const foldYear = async (year: number) =>
    (await store.readStream(holidayCalendarStreamId(year))).reduce(
      (s, r) => holidayCalendarDecider.evolve(s, { type: r.type, schemaVersion: 1, data: r.data } as never),
      holidayCalendarDecider.initialState(),
    );
  /**
   * Catches up until the view shows what is expected: the store shows an event to readers only once
   * every transaction before it has ended (gap-free order), and other suites share the server.
   */
  const projected = (applicationId: string, expected: Partial<ApplicationView>) =>
    eventually(async () => {
      await catchUpInTransaction(ds, allProjections(), store, 'end');
      const row = await ds.getRepository(ApplicationView).findOneByOrFail({ applicationId });
      expect(row).toMatchObject(expected);
      return row;
    }, 10_000);
  const view = (applicationId: string) => ds.getRepository(ApplicationView).findOneByOrFail({ applicationId });
  const counterFile = async (at: Date) => {
    const applicationId = randomUUID();
    await appendHistory(store, applicationId, new domainTesting.KkScenario('tatap-muka', at).submit({ applicationId }).events);
    return applicationId;
  };

  it('publishing, then correcting, 2027 recomputes the due time of a file completed on 29 Dec 2026, and only where that year counts', async () => {
    const endOfYear = await counterFile(fromWib(2026, 12, 29, 10));
    const june = await counterFile(fromWib(2026, 6, 8, 10));
    await projected(endOfYear, { slaDueAt: fromWib(2027, 1, 5), slaDueProvisional: true });
    const juneDue = (await projected(june, { slaDueProvisional: false })).slaDueAt;

    await holidayCommand({ type: 'PublishHolidayYear', actor: admin, data: { year: 2027, decree, days: [newYear, cuti('2027-01-04')] } });
    await projected(endOfYear, { slaDueAt: fromWib(2027, 1, 6), slaDueProvisional: false });
    expect(await ds.getRepository(HolidayYearView).findOneByOrFail({ year: 2027 })).toMatchObject({ corrections: 0, lastRevision: 0 });

    await holidayCommand({
      type: 'CorrectHolidayYear',
      actor: admin,
      data: { year: 2027, decree, days: [newYear], reason: 'Cuti bersama dibatalkan (uji)' },
    });
    await projected(endOfYear, { slaDueAt: fromWib(2027, 1, 5), slaDueProvisional: false });
    expect(await ds.getRepository(HolidayYearView).findOneByOrFail({ year: 2027 })).toMatchObject({ corrections: 1, lastRevision: 1 });
    expect((await view(june)).slaDueAt).toEqual(juneDue);
  });

  it('a file submitted after the publication gets the published list at once', async () => {
    const later = await counterFile(fromWib(2026, 12, 30, 9));
    // Counts Thu 31 Dec, (1 Jan off, weekend), Mon 4 and Tue 5 Jan with the corrected list -> due 6 Jan 00:00 WIB.
    await projected(later, { slaDueAt: fromWib(2027, 1, 6), slaDueProvisional: false });
  });

  it('a transaction reads the calendar once, and again after the holiday projection wrote in it', async () => {
    const published = {
      streamId: holidayCalendarStreamId(2031),
      revision: 0,
      type: 'HolidayYearPublished',
      data: { year: 2031, decree, days: [{ date: '2031-01-01', kind: 'libur-nasional', name: 'Tahun Baru Masehi' }] },
      metadata: { eventId: randomUUID(), occurredAt: new Date().toISOString(), schemaVersion: 1, correlationId: 'c' },
      position: { commit: 0n, prepare: 0n },
    } as unknown as RecordedEvent;
    await ds
      .transaction(async (em) => {
        const before = await workingCalendarOf(em);
        expect(before.isProvisional(parseWibDay('2031-01-01'))).toBe(true);
        expect(await workingCalendarOf(em)).toBe(before); // the batch's other projections: no second read
        await new HolidayCalendarProjection().applyBatch([published], em);
        const after = await workingCalendarOf(em);
        expect(after.isProvisional(parseWibDay('2031-01-01'))).toBe(false);
        throw new Error('roll back');
      })
      .catch((e: Error) => expect(e.message).toBe('roll back'));
    // Outside a transaction every call reads (nothing would tell when a kept one is stale).
    expect((await workingCalendarOf(ds.manager)).isProvisional(parseWibDay('2031-01-01'))).toBe(true);
  });
});
