import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { holidayCalendarStreamId } from '@adminduk/domain';
import { openEventStore } from '@adminduk/event-store';
import { createTestSchema, type TestSchema } from '@adminduk/testing';

const run = promisify(execFile);
const ROOT = path.resolve(__dirname, '../..');
const dir = mkdtempSync(path.join(tmpdir(), 'holidays-cli-'));
const file = (name: string, content: unknown) => {
  const p = path.join(dir, name);
  writeFileSync(p, JSON.stringify(content));
  return p;
};
const decree = { number: 'SKB uji 2027 (bukan data resmi)', date: '2026-09-15' };
const days = [
  { date: '2027-01-01', kind: 'libur-nasional', name: 'Tahun Baru Masehi' },
  { date: '2027-01-04', kind: 'cuti-bersama', name: 'Cuti bersama (uji)' },
];

describe('npm run holidays (the admin CLI) against the real event store', () => {
  let schema: TestSchema;
  beforeAll(async () => {
    schema = await createTestSchema('holidayscli');
  });
  afterAll(() => schema?.drop());

  const cli = async (...args: string[]) => {
    try {
      const { stdout, stderr } = await run('node', ['-r', '@swc-node/register', 'tools/holidays/main.ts', ...args], {
        cwd: ROOT,
        env: { ...process.env, ADMINDUK_ENV: 'test', DATABASE_URL: schema.url },
      });
      return { code: 0, stdout, stderr };
    } catch (e) {
      const x = e as { code: number; stdout: string; stderr: string };
      return { code: x.code, stdout: x.stdout, stderr: x.stderr };
    }
  };

  it('publishes a year from the SKB list as JSON once, corrects it, and refuses a bad list naming the field', async () => {
    const published = await cli('publish', '2027', file('2027.json', { decree, days }));
    expect(published.code).toBe(0);
    expect(JSON.parse(published.stdout)).toMatchObject({ year: 2027, published: true, events: ['HolidayYearPublished'], replayed: false });
    // The same file again is the same request: nothing appended.
    expect(JSON.parse((await cli('publish', '2027', file('2027.json', { decree, days }))).stdout)).toMatchObject({ replayed: true });

    const bad = await cli('publish', '2028', file('2028.json', { decree, days }));
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('days[0].date: Tanggal harus di dalam tahun 2028');

    const moved = [days[0], { ...days[1], date: '2027-01-05' }];
    const corrected = await cli('correct', '2027', file('2027b.json', { decree, days: moved }), '--reason', 'Cuti bersama bergeser (uji)');
    expect(JSON.parse(corrected.stdout)).toMatchObject({ corrections: 1, events: ['HolidayYearCorrected'] });
    const shown = JSON.parse((await cli('show', '2027')).stdout);
    expect(shown.days.map((d: { date: string }) => d.date)).toEqual(['2027-01-01', '2027-01-05']);

    const store = await openEventStore({ kind: 'postgres', postgresUrl: schema.url, poolMax: 1 });
    try {
      const stream = await store.readStream(holidayCalendarStreamId(2027));
      expect(stream.map((e) => e.type)).toEqual(['HolidayYearPublished', 'HolidayYearCorrected']);
      expect(stream[0].metadata.actor).toMatchObject({ role: 'admin' });
      expect(stream[0].metadata.actor?.userId).toMatch(/^cli:/);
    } finally {
      await store.close();
    }
    expect((await cli('frobnicate', '2027')).stderr).toContain('usage:');
  }, 60_000);
});
