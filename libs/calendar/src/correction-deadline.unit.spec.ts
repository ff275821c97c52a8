import { correctionDeadline, isNoonWib } from './correction-deadline';
import { fromWib } from './wib-time';

describe('correction deadline: 12:00 WIB the next calendar day', () => {
  it('is noon of the next day for a request during office hours', () => {
    expect(correctionDeadline(fromWib(2025, 1, 6, 15, 0))).toEqual(fromWib(2025, 1, 7, 12));
    expect(correctionDeadline(fromWib(2025, 1, 6, 15, 0)).toISOString()).toBe('2025-01-07T05:00:00.000Z');
  });

  it('uses the WIB date even when the UTC date differs', () => {
    // 00:30 WIB on Tuesday is still Monday in UTC; the deadline is Wednesday noon WIB.
    expect(correctionDeadline(fromWib(2025, 1, 7, 0, 30))).toEqual(fromWib(2025, 1, 8, 12));
    expect(correctionDeadline(fromWib(2025, 1, 6, 23, 59))).toEqual(fromWib(2025, 1, 7, 12));
  });

  it('counts calendar days, not working days', () => {
    expect(correctionDeadline(fromWib(2025, 1, 10, 9))).toEqual(fromWib(2025, 1, 11, 12)); // Friday -> Saturday
    expect(correctionDeadline(fromWib(2024, 12, 31, 9))).toEqual(fromWib(2025, 1, 1, 12)); // no holiday data needed
  });

  it('recognises noon WIB exactly', () => {
    expect(isNoonWib(fromWib(2025, 1, 7, 12))).toBe(true);
    expect(isNoonWib(new Date(fromWib(2025, 1, 7, 12).getTime() + 1))).toBe(false);
  });
});
