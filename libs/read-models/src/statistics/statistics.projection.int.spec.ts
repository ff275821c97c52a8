import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { fromWib } from '@adminduk/calendar';
import { CHANNELS, domainTesting, listVillages, type ApplicationEvent, type Channel, type CommandActor } from '@adminduk/domain';
import type { PostgresEventStore, RecordedEvent } from '@adminduk/event-store';
import type { TestSchema } from '@adminduk/testing';
import { rebuildChangedProjections } from '../checkpoint/rebuild-changed-projections';
import { closeReadModelTestbed, openReadModelTestbed, catchUpToHead } from '../read-model-testbed.testing';
import { appendHistory } from '../testing/append-history';
import { COUNTER_COLUMNS } from './statistics-contributions';
import { StatisticsProjection } from './statistics.projection';
import { statisticsDailyRows, statisticsPerDay, statisticsPerMonth, statisticsSummary, type StatisticsScope } from './statistics.queries';

const { actors, DOCUMENT_REQUIREMENTS, KkScenario, sha, signatureData, submitCommand } = domainTesting;
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** February 2025 has no national holiday or cuti bersama: a working day is Monday to Friday. */
const FEBRUARY_WEEKDAYS = [3, 4, 5, 6, 7, 10, 11, 12, 13, 14, 17, 18, 19, 20, 21, 24, 25, 26, 27, 28];
const KECAMATAN = ['35.15.12', '35.15.01', '35.15.07'];

describe('statistics read model (real PostgreSQL, expected figures read from the store)', () => {
  let schema: TestSchema;
  let store: PostgresEventStore;
  let ds: DataSource;
  const db = { query: async (sql: string, params?: unknown[]) => ({ rows: await ds.query(sql, params) }) };
  const projection = new StatisticsProjection();

  beforeAll(async () => {
    ({ schema, store, ds } = await openReadModelTestbed('statistics'));
  });
  afterAll(async () => {
    await closeReadModelTestbed({ schema, store, ds });
  });

  /** Staff of `kecamatan`, as the scenario's actors are for Balongbendo. */
  function staffOf(kecamatan: string) {
    const desa = listVillages().find((v) => v.kecamatanCode === kecamatan && !v.retired)!.code;
    return {
      desa,
      operator: { ...actors.operator, userId: `op-${kecamatan}`, kecamatan } as CommandActor,
      villageOfficer: { ...actors.villageOfficer, userId: `desa-${desa}`, kecamatan, desa } as CommandActor,
    };
  }

  /**
   * One application of `kecamatan` through `channel` received at `receivedAt`, then: signed at
   * `signAt`, rejected at `signAt`, or left waiting for signature.
   */
  function application(kecamatan: string, channel: Channel, receivedAt: Date, outcome: { signAt: Date } | { rejectAt: Date } | 'open') {
    const staff = staffOf(kecamatan);
    const submitter = { 'tatap-muka': staff.operator, 'daring-mandiri': actors.applicant, 'daring-desa': staff.villageOfficer }[channel];
    const f = domainTesting.family();
    const s = new KkScenario(channel, receivedAt, 60_000);
    s.run(submitCommand(channel, { kecamatan, family: { ...f, alamat: { ...f.alamat, kecamatan, desa: staff.desa } } }, submitter));
    if (channel !== 'tatap-muka') {
      for (const [i, requirementId] of DOCUMENT_REQUIREMENTS.entries()) {
        const data = { documentId: `doc-${i}`, requirementId, mediaType: 'application/pdf', sizeBytes: 1000 + i, sha256: sha(i + 1) };
        s.run({ type: 'AttachDocument', actor: submitter, data });
      }
    }
    if (typeof outcome === 'object' && 'rejectAt' in outcome) {
      s.at(outcome.rejectAt).run({ type: 'RejectApplication', actor: staff.operator, data: { reason: 'Bukan kewenangan kecamatan' } });
      return s.events;
    }
    for (const r of s.state.requirements.filter((x) => x.applicable)) {
      s.run({ type: 'AcceptRequirement', actor: staff.operator, data: { requirementId: r.id } });
    }
    s.run({ type: 'VerifyData', actor: staff.operator, data: {} });
    s.run({ type: 'CompleteVerification', actor: staff.operator, data: {} }, { receiptSequence: 1 });
    s.run({ type: 'AssignNewbornNik', actor: actors.system, data: { nik: '3515124301250001' } });
    if (outcome !== 'open')
      s.at(outcome.signAt).run({ type: 'RecordSignature', actor: actors.signer, data: signatureData('kk-1', sha(9), outcome.signAt) });
    return s.events;
  }

  /** The n-th working day of February 2025 after `day`, at `hour` WIB. */
  const workingDayAfter = (day: number, n: number, hour: number) =>
    fromWib(2025, 2, FEBRUARY_WEEKDAYS[FEBRUARY_WEEKDAYS.indexOf(day) + n], hour);

  /** A varied month: three kecamatan, every channel, receipt hours from 07:00 to 23:30 WIB, on time and late, rejected, open. */
  function februaryHistory(): ApplicationEvent[][] {
    const histories: ApplicationEvent[][] = [];
    for (let i = 0; i < 30; i++) {
      const kecamatan = KECAMATAN[i % 3];
      const channel = CHANNELS[Math.floor(i / 3) % 3];
      const day = FEBRUARY_WEEKDAYS[i % 13];
      // 23:30 WIB is 16:30 UTC: still that WIB day (online channels only; the counter is closed by then).
      const receivedAt = channel === 'daring-mandiri' && i % 2 === 0 ? fromWib(2025, 2, day, 23, 30) : fromWib(2025, 2, day, 7 + (i % 9));
      const outcome = [
        { signAt: workingDayAfter(day, 1, 10) }, // 1 working day, on time
        { signAt: workingDayAfter(day, 3, 15) }, // the 3rd working day: on time
        { signAt: workingDayAfter(day, 5, 9) }, // late
        { rejectAt: workingDayAfter(day, 0, 23) },
        'open' as const,
      ][i % 5];
      histories.push(application(kecamatan, channel, receivedAt, outcome));
    }
    return histories;
  }

  /** A correction awaited from Tuesday 09:00 to Wednesday 11:00 pauses the clock: signed on Friday, 3 working days, on time. */
  function pausedHistory(): ApplicationEvent[] {
    const s = new KkScenario('daring-mandiri', fromWib(2025, 2, 3, 10)).submit().uploadAll();
    s.at(fromWib(2025, 2, 4, 9))
      .reject('surat-kelahiran')
      .requestCorrection();
    s.at(fromWib(2025, 2, 5, 8)).upload('surat-kelahiran');
    s.at(fromWib(2025, 2, 5, 11)).run({ type: 'SubmitCorrection', actor: actors.applicant, data: {} });
    s.acceptAll()
      .verify()
      .assignNik()
      .at(fromWib(2025, 2, 7, 10))
      .sign();
    return s.events;
  }

  const live = async () => catchUpToHead(ds, projection, store, 7);

  type Expected = Map<string, { received: number; completed: number; within: number; days: number; closed: number }>;

  /**
   * The figures straight from the streams, without the projection's code: the WIB day is UTC + 7 h;
   * the clock counts Monday to Friday (no holiday in February 2025) from 00:00 WIB after the file
   * was complete, minus the time a correction was awaited, until the first KkSigned.
   */
  async function expectedFromStore(): Promise<Expected> {
    const all = await store.readAll({ maxCount: 100_000 });
    const byStream = new Map<string, RecordedEvent[]>();
    for (const e of all) byStream.set(e.streamId, [...(byStream.get(e.streamId) ?? []), e]);
    const wibDay = (iso: string) => new Date(Date.parse(iso) + 7 * HOUR).toISOString().slice(0, 10);
    const out: Expected = new Map();
    const cell = (day: string, kecamatan: string, channel: string) => {
      const key = `${day}|${kecamatan}|${channel}`;
      if (!out.has(key)) out.set(key, { received: 0, completed: 0, within: 0, days: 0, closed: 0 });
      return out.get(key)!;
    };
    for (const events of byStream.values()) {
      const at = (type: string) => events.filter((e) => e.type === type).map((e) => (e.data as { at: string }).at);
      const submitted = events.find((e) => e.type === 'ApplicationSubmitted')!.data as { at: string; kecamatan: string; channel: string };
      cell(wibDay(submitted.at), submitted.kecamatan, submitted.channel).received++;
      const [rejected] = at('ApplicationRejected');
      if (rejected) cell(wibDay(rejected), submitted.kecamatan, submitted.channel).closed++;
      const [signed] = at('KkSigned');
      if (!signed) continue;
      const start = Date.parse(wibDay(at('FileCompleted')[0]) + 'T00:00:00+07:00') + DAY;
      const requested = at('CorrectionRequested').map(Date.parse);
      const resumed = at('CorrectionSubmitted').map(Date.parse);
      let elapsed = 0;
      for (let t = start; t < Date.parse(signed); t += HOUR / 60) {
        const weekday = new Date(t + 7 * HOUR).getUTCDay();
        const paused = requested.some((from, i) => t >= from && t < resumed[i]);
        if (weekday !== 0 && weekday !== 6 && !paused) elapsed += HOUR / 60;
      }
      const c = cell(wibDay(signed), submitted.kecamatan, submitted.channel);
      c.completed++;
      c.days += Math.ceil(elapsed / DAY);
      if (elapsed <= 3 * DAY) c.within++;
    }
    return out;
  }

  const dump = async () =>
    ds.query(`SELECT * FROM statistics_daily ORDER BY 1, 2, 3, 4`).then(async (daily) => ({
      daily,
      monthly: await ds.query(`SELECT * FROM statistics_monthly ORDER BY 1, 2, 3, 4`),
      totals: await ds.query(`SELECT * FROM statistics_daily_total ORDER BY 1, 2`),
    }));

  it('equals the counts computed from the streams, per WIB day, kecamatan and channel; the summary and series add them up', async () => {
    const histories = [...februaryHistory(), pausedHistory()];
    for (const events of histories) {
      await appendHistory(store, randomUUID(), events);
      await live(); // small batches: applications straddle transactions as they do live
    }
    const expected = await expectedFromStore();
    const rows = await statisticsDailyRows(db, 'regency', '2025-02-01', '2025-02-28');
    const actual: Expected = new Map(
      rows.map((r) => [
        `${r.day}|${r.kecamatan}|${r.channel}`,
        {
          received: r.counters.received,
          completed: r.counters.completed,
          within: r.counters.completed_within_sla,
          days: r.counters.working_days_sum,
          closed: r.counters.closed_without_kk,
        },
      ]),
    );
    expect(Object.fromEntries(actual)).toEqual(Object.fromEntries(expected));
    // The history is varied: late completions and 23:30 WIB receipts are in it.
    const total = (k: 'received' | 'completed' | 'within' | 'closed') => [...expected.values()].reduce((n, c) => n + c[k], 0);
    expect(total('received')).toBe(31);
    expect(total('completed')).toBe(19);
    expect(total('within')).toBe(13);
    expect(total('closed')).toBe(6);

    // The paused application by hand: Tuesday 00:00 to the pause (about 09:00), Wednesday from about
    // 11:00, Thursday, Friday to 10:00: about 56 h of working time, 3 working days, on time (without
    // the pause, 82 h: late). It is the only completion of its cell.
    expect(actual.get(`2025-02-07|35.15.12|daring-mandiri`)).toEqual({ received: 0, completed: 1, within: 1, days: 3, closed: 0 });

    const summary = await statisticsSummary(db, 'regency', fromWib(2025, 2, 20, 12));
    expect(summary.asOf).toBe('2025-02-20');
    const sumWhere = (k: 'received' | 'completed' | 'within', keep: (key: string) => boolean) =>
      [...expected].filter(([key]) => keep(key)).reduce((n, [, c]) => n + c[k], 0);
    expect(summary.today.received).toBe(sumWhere('received', (key) => key.startsWith('2025-02-20|')));
    expect(summary.month).toMatchObject({
      received: 31,
      completed: 19,
      completedWithinSla: 13,
      closedWithoutKk: 6,
      slaCompliance: 13 / 19,
    });
    expect(summary.year).toMatchObject({ received: 31, completed: 19 });
    const days = [...expected.values()].reduce((n, c) => n + c.days, 0);
    expect(summary.year.averageWorkingDays).toBe(Math.round((days / 19) * 10) / 10);
    const distribution = Object.values(summary.year.workingDays).reduce((n, v) => n + v, 0);
    expect(distribution).toBe(19);
    for (const k of KECAMATAN) {
      const figures = summary.byKecamatan.find((x) => x.kecamatan === k)!;
      expect(figures.received).toBe(sumWhere('received', (key) => key.split('|')[1] === k));
      expect(figures.completedWithinSla).toBe(sumWhere('within', (key) => key.split('|')[1] === k));
    }
    expect(summary.byKecamatan).toHaveLength(18); // every kecamatan of the regency, zeros included
    for (const c of CHANNELS) {
      expect(summary.byChannel.find((x) => x.channel === c)!.received).toBe(sumWhere('received', (key) => key.endsWith(`|${c}`)));
    }
    // A kecamatan's operators see their own figures only.
    const balongbendo: StatisticsScope = { kecamatan: '35.15.12' };
    const own = await statisticsSummary(db, balongbendo, fromWib(2025, 2, 20, 12));
    expect(own.month.received).toBe(sumWhere('received', (key) => key.split('|')[1] === '35.15.12'));
    expect(own.byKecamatan.map((x) => x.kecamatan)).toEqual(['35.15.12']);

    const perDay = await statisticsPerDay(db, 'regency', '2025-02-01', '2025-02-28');
    expect(perDay).toHaveLength(28);
    expect(perDay.find((p) => p.period === '2025-02-03')!.received).toBe(sumWhere('received', (key) => key.startsWith('2025-02-03|')));
    const ownPerDay = await statisticsPerDay(db, balongbendo, '2025-02-01', '2025-02-28');
    expect(ownPerDay.map((p) => p.received)).toEqual(
      ownPerDay.map((p) => sumWhere('received', (key) => key.startsWith(`${p.period}|35.15.12|`))),
    );
    expect(ownPerDay.map((p) => p.completedWithinSla)).toEqual(
      ownPerDay.map((p) => sumWhere('within', (key) => key.startsWith(`${p.period}|35.15.12|`))),
    );
    const perMonth = await statisticsPerMonth(db, balongbendo, 2025);
    expect(perMonth.map((p) => p.period)[1]).toBe('2025-02-01');
    expect(perMonth[1].received).toBe(own.month.received);
    expect(perMonth[0].received + perMonth[2].received).toBe(0);
  });

  it('keeps per WIB day the sum of the day cells for the regency and for each kecamatan, every counter', async () => {
    const sums = COUNTER_COLUMNS.map((c) => `sum(${c})::int AS ${c}`).join(', ');
    const fromCells = await ds.query(
      `SELECT 'regency' AS scope, day::text AS day, ${sums} FROM statistics_daily GROUP BY day
       UNION ALL SELECT kecamatan, day::text, ${sums} FROM statistics_daily GROUP BY kecamatan, day ORDER BY 1, 2`,
    );
    const totals = await ds.query(
      `SELECT scope, day::text AS day, ${COUNTER_COLUMNS.join(', ')} FROM statistics_daily_total ORDER BY 1, 2`,
    );
    expect(fromCells.length).toBeGreaterThan(20);
    expect(totals).toEqual(fromCells);
  });

  it('counts an event at 23:30 WIB (16:30 UTC) on that WIB day, one at 00:30 WIB on the next', async () => {
    const late = application('35.15.13', 'daring-mandiri', new Date('2025-03-04T16:30:00Z'), 'open');
    const early = application('35.15.13', 'daring-mandiri', new Date('2025-03-04T17:30:00Z'), 'open');
    await appendHistory(store, randomUUID(), late);
    await appendHistory(store, randomUUID(), early);
    await live();
    const rows = await statisticsDailyRows(db, { kecamatan: '35.15.13' }, '2025-03-01', '2025-03-31');
    expect(rows.map((r) => [r.day, r.counters.received])).toEqual([
      ['2025-03-04', 1],
      ['2025-03-05', 1],
    ]);
  });

  it('rebuilt from position 0 equals what was counted live', async () => {
    const before = await dump();
    expect(before.daily.length).toBeGreaterThan(10);
    const rebuilt = new (class extends StatisticsProjection {
      override readonly version = projection.version + 1;
    })();
    expect(await rebuildChangedProjections(ds, [rebuilt])).toEqual(['statistics']);
    expect(await ds.query('SELECT count(*)::int AS n FROM statistics_daily')).toEqual([{ n: 0 }]);
    await catchUpToHead(ds, rebuilt, store, 1000);
    expect(await dump()).toEqual(before);
  });
});
