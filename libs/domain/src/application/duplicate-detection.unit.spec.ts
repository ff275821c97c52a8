import { findDuplicate } from './duplicate-detection';
import { receiptNumber } from './receipt-number';
import { jaroWinkler, nameSimilarity, normalizeName } from './string-similarity';

describe('duplicate detection', () => {
  const base = { motherNik: '3515125907900002', birthDate: '2025-01-03' };
  const open = [
    { ...base, applicationId: 'b', newbornName: 'Muhammad Rizki', submittedAt: '2025-01-05T00:00:00.000Z' },
    { ...base, applicationId: 'a', newbornName: 'MUHAMMAD RIZKY', submittedAt: '2025-01-04T00:00:00.000Z' },
    { ...base, applicationId: 'c', newbornName: 'Siti Rahma', submittedAt: '2025-01-03T00:00:00.000Z' },
  ];

  it('links the earliest open application for the same mother, date and a similar name', () => {
    expect(findDuplicate({ ...base, newbornName: 'muhamad rizki' }, open)).toMatchObject({ applicationId: 'a' });
  });

  it('needs the same mother and birth date', () => {
    expect(findDuplicate({ ...base, motherNik: '3515124101900001', newbornName: 'Muhammad Rizki' }, open)).toBeUndefined();
    expect(findDuplicate({ ...base, birthDate: '2025-01-04', newbornName: 'Muhammad Rizki' }, open)).toBeUndefined();
  });

  it('does not link a twin with a different name, nor the application itself', () => {
    expect(findDuplicate({ ...base, newbornName: 'Ahmad Fauzan' }, open)).toBeUndefined();
    expect(findDuplicate({ ...base, applicationId: 'c', newbornName: 'Siti Rahma' }, open.slice(2))).toBeUndefined();
  });

  it('normalizes names and tolerates word order', () => {
    expect(normalizeName("  Nur'aini  Putri-Ayu ")).toBe('NUR AINI PUTRI AYU');
    expect(nameSimilarity('Putri Aisyah', 'AISYAH PUTRI')).toBe(1);
    expect(jaroWinkler('MARTHA', 'MARHTA')).toBeCloseTo(0.961, 3);
    expect(jaroWinkler('', 'A')).toBe(0);
  });
});

describe('receipt number', () => {
  it('is deterministic from kecamatan, WIB date and sequence', () => {
    expect(receiptNumber('35.15.12', new Date('2025-01-06T17:30:00Z'), 3)).toBe('TT-351512-20250107-0003');
    expect(receiptNumber('35.15.12', new Date('2025-01-06T16:30:00Z'), 3)).toBe('TT-351512-20250106-0003');
    expect(() => receiptNumber('35.15.12', new Date(), 0)).toThrow(RangeError);
  });
});
