import { defaultCalendar, fromWib } from '@adminduk/calendar';
import { domainTesting } from '@adminduk/domain';
import { slaDue } from './sla-due-times';

describe('SLA due time on the application view', () => {
  it('is null until the file is complete, then the end of the third working day', () => {
    const s = new domainTesting.KkScenario('tatap-muka').submit();
    expect(s.state.fileCompletedAt).toBeDefined(); // a complete counter file is complete at submission
    // Complete on Monday 6 Jan 2025 09:00 WIB -> due at the end of Thursday (Friday 00:00 WIB).
    expect(slaDue(s.state, fromWib(2025, 1, 6, 10), defaultCalendar)).toEqual({ slaDueAt: fromWib(2025, 1, 10), slaDueProvisional: false });
    expect(slaDue({ ...s.state, fileCompletedAt: undefined }, fromWib(2025, 1, 6, 10), defaultCalendar).slaDueAt).toBeNull();
  });

  it('is provisional, not absent, in a year whose holiday list is not published yet', () => {
    const s = new domainTesting.KkScenario('tatap-muka', fromWib(2031, 3, 3, 9)).submit();
    expect(slaDue(s.state, fromWib(2031, 3, 3, 10), defaultCalendar)).toEqual({ slaDueAt: fromWib(2031, 3, 7), slaDueProvisional: true });
  });
});
