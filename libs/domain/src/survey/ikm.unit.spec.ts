import { addResponse, emptyIkmTotals, ikmGrade, ikmOf, surveyPeriodsOf, type IkmScores } from './ikm';

/** Scores in the order of the nine elements (U1 persyaratan ... U9 sarana). */
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

describe('IKM (PermenPANRB 14/2017)', () => {
  it('equals the hand calculation for four respondents', () => {
    const responses = [
      r(4, 3, 3, 4, 4, 3, 4, 2, 3),
      r(3, 3, 2, 4, 3, 3, 4, 2, 3),
      r(4, 4, 3, 4, 4, 4, 4, 3, 4),
      r(3, 2, 2, 4, 3, 3, 3, 1, 2),
    ];
    const result = ikmOf(responses.reduce(addResponse, emptyIkmTotals()))!;
    // Element sums over the 4 respondents, and NRR = sum / 4:
    //   U1 4+3+4+3 = 14 -> 3.50    U2 3+3+4+2 = 12 -> 3.00    U3 3+2+3+2 = 10 -> 2.50
    //   U4 4+4+4+4 = 16 -> 4.00    U5 4+3+4+3 = 14 -> 3.50    U6 3+3+4+3 = 13 -> 3.25
    //   U7 4+4+4+3 = 15 -> 3.75    U8 2+2+3+1 =  8 -> 2.00    U9 3+3+4+2 = 12 -> 3.00
    // Each NRR weighted 1/9: (3.50+3.00+2.50+4.00+3.50+3.25+3.75+2.00+3.00) / 9 = 28.50 / 9 = 3.1667
    // IKM = 3.1667 x 25 = 79.17 -> grade B (76.61-88.30), "Baik".
    expect(result.respondents).toBe(4);
    expect(result.elementAverages).toEqual({
      persyaratan: 3.5,
      prosedur: 3,
      waktu: 2.5,
      biaya: 4,
      produk: 3.5,
      kompetensi: 3.25,
      perilaku: 3.75,
      pengaduan: 2,
      sarana: 3,
    });
    expect(result.intervalValue).toBeCloseTo(28.5 / 9, 10);
    expect(result.ikm).toBeCloseTo((28.5 / 9) * 25, 10);
    expect(result.ikm.toFixed(2)).toBe('79.17');
    expect(result.grade).toBe('B');
  });

  it('is 100 (A) when everyone answers 4, and 25 (D) when everyone answers 1', () => {
    expect(ikmOf(addResponse(emptyIkmTotals(), r(4, 4, 4, 4, 4, 4, 4, 4, 4)))).toMatchObject({ ikm: 100, grade: 'A' });
    expect(ikmOf(addResponse(emptyIkmTotals(), r(1, 1, 1, 1, 1, 1, 1, 1, 1)))).toMatchObject({ ikm: 25, grade: 'D' });
  });

  it('has no figure without respondents', () => {
    expect(ikmOf(emptyIkmTotals())).toBeUndefined();
  });

  it('grades on the published two decimals, at the band edges', () => {
    expect([88.31, 88.305, 88.3, 76.61, 76.6, 65, 64.99, 64.994, 25].map(ikmGrade)).toEqual(['A', 'A', 'B', 'B', 'C', 'C', 'D', 'D', 'D']);
  });

  it('reports periods in WIB: 31 March 17:30 UTC is already April in Jakarta', () => {
    expect(surveyPeriodsOf(new Date('2026-03-31T17:30:00Z'))).toEqual({ month: '2026-04', quarter: '2026-Q2', year: '2026' });
    expect(surveyPeriodsOf(new Date('2026-12-31T16:59:59Z'))).toEqual({ month: '2026-12', quarter: '2026-Q4', year: '2026' });
  });
});
