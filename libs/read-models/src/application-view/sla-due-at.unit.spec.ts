import { fromWib } from '@adminduk/calendar';
import { domainTesting } from '@adminduk/domain';
import { slaDueAt } from './application-view.row';

describe('SLA due time on the application view', () => {
  it('is null until the file is complete, then the end of the third working day', () => {
    const s = new domainTesting.KkScenario('tatap-muka').submit();
    expect(s.state.fileCompletedAt).toBeDefined(); // a complete counter file is complete at submission
    // Complete on Monday 6 Jan 2025 09:00 WIB -> due at the end of Thursday (Friday 00:00 WIB).
    expect(slaDueAt(s.state, fromWib(2025, 1, 6, 10))?.toISOString()).toBe(fromWib(2025, 1, 10).toISOString());
    expect(slaDueAt({ ...s.state, fileCompletedAt: undefined }, fromWib(2025, 1, 6, 10))).toBeNull();
  });

  it('is given, not an error, in a year the holiday data does not cover yet (the calendar counts the fixed-date holidays)', () => {
    const s = new domainTesting.KkScenario('tatap-muka', fromWib(2031, 3, 3, 9)).submit();
    expect(slaDueAt(s.state, fromWib(2031, 3, 3, 10))?.toISOString()).toBe(fromWib(2031, 3, 7).toISOString());
  });
});
