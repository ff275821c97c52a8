import { createHash, randomUUID } from 'node:crypto';
import { Pool } from 'pg';
import { surveyResponseStreamId, type IkmScores, type SurveyAnswered } from '@adminduk/domain';
import { rebuildChangedProjections } from '../checkpoint/rebuild-changed-projections';
import { closeReadModelTestbed, openReadModelTestbed, type ReadModelTestbed, catchUpToHead } from '../read-model-testbed.testing';
import { SurveyResultsProjection } from './survey-results.projection';
import { ikmByPeriod } from './survey-results.queries';

const BALONGBENDO = '35.15.12';
const TARIK = '35.15.13';
const KK = 'kk-tambah-anggota-kelahiran';
const r = (...s: (1 | 2 | 3 | 4)[]): IkmScores => ({
  persyaratan: s[0],
  prosedur: s[1],
  waktu: s[2],
  biaya: s[3],
  produk: s[4],
  kompetensi: s[5],
  perilaku: s[6],
  pengaduan: s[7],
  sarana: s[8],
});

describe('survey results (PostgreSQL, the real projection over the event store)', () => {
  let bed: ReadModelTestbed;
  let db: Pool;
  const projection = new SurveyResultsProjection();

  beforeAll(async () => {
    bed = await openReadModelTestbed('survey_results');
    db = new Pool({ connectionString: bed.schema.url, max: 2 });
  });
  afterAll(async () => {
    await db?.end();
    await closeReadModelTestbed(bed);
  });

  async function answer(kecamatan: string, period: string, scores: IkmScores): Promise<void> {
    const guard = createHash('sha256').update(randomUUID()).digest('hex').slice(0, 32);
    const data: SurveyAnswered['data'] = { kecamatan, serviceType: KK, period, scores, at: `${period}-15T03:00:00.000Z` };
    await bed.store.appendToStream(
      surveyResponseStreamId(guard),
      [
        {
          type: 'SurveyAnswered',
          data,
          metadata: { eventId: randomUUID(), occurredAt: data.at, schemaVersion: 1, correlationId: 'c', kecamatan },
        },
      ],
      'no_stream',
    );
  }
  const catchUp = () => catchUpToHead(bed.ds, projection, bed.store);

  it('sums answers per month, quarter and year; the IKM equals the hand calculation; the table holds totals only', async () => {
    // Balongbendo, January: the four respondents of the domain's hand calculation (IKM 79.17, B).
    await answer(BALONGBENDO, '2026-01', r(4, 3, 3, 4, 4, 3, 4, 2, 3));
    await answer(BALONGBENDO, '2026-01', r(3, 3, 2, 4, 3, 3, 4, 2, 3));
    await answer(BALONGBENDO, '2026-01', r(4, 4, 3, 4, 4, 4, 4, 3, 4));
    await answer(BALONGBENDO, '2026-01', r(3, 2, 2, 4, 3, 3, 3, 1, 2));
    // Balongbendo, February: one respondent, all 4. Tarik, March: two respondents, all 2 and all 3.
    await answer(BALONGBENDO, '2026-02', r(4, 4, 4, 4, 4, 4, 4, 4, 4));
    await answer(TARIK, '2026-03', r(2, 2, 2, 2, 2, 2, 2, 2, 2));
    await answer(TARIK, '2026-03', r(3, 3, 3, 3, 3, 3, 3, 3, 3));
    await catchUp();

    const months = await ikmByPeriod(db, { kind: 'month', kecamatan: BALONGBENDO });
    expect(months.map((m) => [m.period, m.respondents, m.ikm.toFixed(2), m.grade])).toEqual([
      ['2026-01', 4, '79.17', 'B'],
      ['2026-02', 1, '100.00', 'A'],
    ]);
    expect(months[0].elementAverages).toMatchObject({ persyaratan: 3.5, waktu: 2.5, pengaduan: 2, kompetensi: 3.25 });

    // Q1 over the regency: 7 respondents. Element sums: the January sums (14,12,10,16,14,13,15,8,12 = 114)
    // + February 9 x 4 = 36 + Tarik 9 x (2+3) = 45 -> 195 over 9 elements and 7 respondents:
    // IKM = 195 / 7 / 9 x 25 = 77.38 -> B.
    const [q1] = await ikmByPeriod(db, { kind: 'quarter', from: '2026-Q1', to: '2026-Q1' });
    expect(q1).toMatchObject({ period: '2026-Q1', kecamatan: null, respondents: 7, grade: 'B' });
    expect(q1.ikm).toBeCloseTo((195 / 7 / 9) * 25, 10);

    // Per kecamatan for the year; a month range that holds only February.
    const perKecamatan = await ikmByPeriod(db, { kind: 'year', perKecamatan: true });
    expect(perKecamatan.map((y) => [y.kecamatan, y.respondents, y.ikm.toFixed(2)])).toEqual([
      [BALONGBENDO, 5, ((150 / 5 / 9) * 25).toFixed(2)],
      [TARIK, 2, '62.50'],
    ]);
    expect((await ikmByPeriod(db, { kind: 'month', from: '2026-02', to: '2026-02' })).map((m) => m.respondents)).toEqual([1]);
    expect(await ikmByPeriod(db, { kind: 'month', kecamatan: '35.15.01' })).toEqual([]);
    await expect(ikmByPeriod(db, { kind: 'month', from: '2026-Q1' })).rejects.toThrow(RangeError);

    // Totals only: 3 months + 2 quarters + 2 years of (kecamatan, service), whatever the number of answers.
    const { rows } = await db.query('SELECT * FROM survey_results');
    expect(rows).toHaveLength(2 + 1 + 1 + 1 + 1 + 1);
    expect(Object.keys(rows[0]).sort()).toEqual(['kecamatan', 'period', 'period_kind', 'respondents', 'service_type', 'sums']);
  });

  it('rebuilds to the same figures from the store', async () => {
    const before = await ikmByPeriod(db, { kind: 'month', perKecamatan: true });
    // A new version of the code: the start-up rebuild clears the rows and catches up from the store.
    const next = Object.assign(new SurveyResultsProjection(), { version: projection.version + 1 });
    expect(await rebuildChangedProjections(bed.ds, [next])).toEqual([projection.name]);
    expect(await ikmByPeriod(db, { kind: 'month', perKecamatan: true })).toEqual([]);
    await catchUpToHead(bed.ds, next, bed.store);
    expect(await ikmByPeriod(db, { kind: 'month', perKecamatan: true })).toEqual(before);
  });
});
