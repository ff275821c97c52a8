import { correctionDeadline, isOnTheHourWib } from './correction-deadline';
import { fromWib } from './wib-time';

describe('correction deadline: the given hour WIB on the next calendar day', () => {
  it('is noon of the next day for a request during office hours, with the standard hour 12', () => {
    expect(correctionDeadline(fromWib(2025, 1, 6, 15, 0), 12)).toEqual(fromWib(2025, 1, 7, 12));
    expect(correctionDeadline(fromWib(2025, 1, 6, 15, 0), 12).toISOString()).toBe('2025-01-07T05:00:00.000Z');
  });

  it('follows the hour it is given', () => {
    expect(correctionDeadline(fromWib(2025, 1, 6, 15, 0), 15)).toEqual(fromWib(2025, 1, 7, 15));
    expect(correctionDeadline(fromWib(2025, 1, 6, 15, 0), 0)).toEqual(fromWib(2025, 1, 7, 0));
    expect(() => correctionDeadline(fromWib(2025, 1, 6, 15, 0), 24)).toThrow(RangeError);
    expect(() => correctionDeadline(fromWib(2025, 1, 6, 15, 0), 12.5)).toThrow(RangeError);
  });

  it('uses the WIB date even when the UTC date differs', () => {
    // 00:30 WIB on Tuesday is still Monday in UTC; the deadline is Wednesday noon WIB.
    expect(correctionDeadline(fromWib(2025, 1, 7, 0, 30), 12)).toEqual(fromWib(2025, 1, 8, 12));
    expect(correctionDeadline(fromWib(2025, 1, 6, 23, 59), 12)).toEqual(fromWib(2025, 1, 7, 12));
  });

  it('counts calendar days, not working days', () => {
    expect(correctionDeadline(fromWib(2025, 1, 10, 9), 12)).toEqual(fromWib(2025, 1, 11, 12)); // Friday -> Saturday
    expect(correctionDeadline(fromWib(2024, 12, 31, 9), 12)).toEqual(fromWib(2025, 1, 1, 12)); // no holiday data needed
  });

  it('recognises the hour WIB exactly', () => {
    expect(isOnTheHourWib(fromWib(2025, 1, 7, 12), 12)).toBe(true);
    expect(isOnTheHourWib(fromWib(2025, 1, 7, 12), 11)).toBe(false);
    expect(isOnTheHourWib(new Date(fromWib(2025, 1, 7, 12).getTime() + 1), 12)).toBe(false);
  });
});
