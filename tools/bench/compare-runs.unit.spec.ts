import { headlineFigures, verdictOf } from './bench-results';
import { compareRuns } from './compare-runs';

const rounds = (...figures: Array<Record<string, number>>) => figures.map((f) => new Map(Object.entries(f)));

describe('bench results: headline figures and verdicts', () => {
  it('takes rates, p99s and ratios (sweeps labelled by concurrency), never targets', () => {
    const json = {
      pass: true,
      sweep: [{ concurrency: 8, appendsPerSecond: 900, p99Ms: 12, targetRatio: 0.7 }],
      ratio: 0.74,
      note: 'x',
    };
    expect([...headlineFigures(json)]).toEqual([
      ['sweep[c8].appendsPerSecond', 900],
      ['sweep[c8].p99Ms', 12],
      ['ratio', 0.74],
    ]);
    expect(verdictOf(json)).toBe('PASS');
    expect(verdictOf({ a: { pass: false }, b: { pass: true } })).toBe('FAIL: a.pass');
    expect(verdictOf({ rate: 1 })).toBe('no pass/fail field');
  });
});

describe('compareRuns (base commit against head, same run)', () => {
  it('compares medians in each figure’s better direction and flags only what is worse beyond the tolerance', () => {
    const base = new Map([
      ['relay', rounds({ eventsPerSecond: 1000, p99Ms: 10 }, { eventsPerSecond: 1200, p99Ms: 30 }, { eventsPerSecond: 1100, p99Ms: 20 })],
    ]);
    const head = new Map([['relay', rounds({ eventsPerSecond: 950, p99Ms: 40 }, { eventsPerSecond: 1050, p99Ms: 40 })]]);
    const rows = compareRuns(base, head, 0.1);
    expect(rows).toEqual([
      { bench: 'relay', key: 'eventsPerSecond', base: 1100, head: 1000, relative: 1000 / 1100, worse: false },
      { bench: 'relay', key: 'p99Ms', base: 20, head: 40, relative: 0.5, worse: true },
    ]);
  });

  it('leaves out what only one side measured (a bench or a figure added since the base)', () => {
    const base = new Map([['relay', rounds({ eventsPerSecond: 1000 })]]);
    const head = new Map([
      ['relay', rounds({ eventsPerSecond: 1000, newRatio: 0.5 })],
      ['web', rounds({ pagesPerSecond: 10 })],
    ]);
    expect(compareRuns(base, head, 0.1).map((r) => r.key)).toEqual(['eventsPerSecond']);
  });
});
