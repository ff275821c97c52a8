import { CalendarOutOfRangeError } from './calendar-errors';
import { evaluateSla } from './sla-clock';
import { fromWib } from './wib-time';
import { WorkingCalendar } from './working-calendar';

const H = 3600_000;

describe('SLA clock: 3 whole working days from a complete file, paused while a correction is awaited', () => {
  const completedAt = fromWib(2025, 1, 6, 10); // Monday

  it('is due at the end of the third working day after the day of completion', () => {
    const sla = evaluateSla({ completedAt }, fromWib(2025, 1, 6, 11));
    expect(sla.countingStartsAt).toEqual(fromWib(2025, 1, 7));
    expect(sla.dueAt).toEqual(fromWib(2025, 1, 10)); // Thursday 24:00 = Friday 00:00 WIB
    expect(sla.elapsedMs).toBe(0);
    expect(sla.breached).toBe(false);
  });

  it('gives the same due date to a file completed early or late on the same day', () => {
    const early = evaluateSla({ completedAt: fromWib(2025, 1, 6, 0, 1) }, completedAt);
    const late = evaluateSla({ completedAt: fromWib(2025, 1, 6, 23, 59) }, completedAt);
    expect(early.dueAt).toEqual(late.dueAt);
  });

  it('counts elapsed working time and breaches just after the due time', () => {
    expect(evaluateSla({ completedAt }, fromWib(2025, 1, 8, 12)).elapsedMs).toBe(36 * H);
    expect(evaluateSla({ completedAt }, fromWib(2025, 1, 10)).breached).toBe(false);
    const late = evaluateSla({ completedAt }, new Date(fromWib(2025, 1, 10).getTime() + 1));
    expect(late.breached).toBe(true);
    expect(late.remainingMs).toBe(-1);
  });

  it('skips weekends and holidays', () => {
    // Friday 24 Jan 2025; 27-29 are off: counts 30, 31 Jan and Mon 3 Feb.
    const sla = evaluateSla({ completedAt: fromWib(2025, 1, 24, 14) }, fromWib(2025, 2, 1, 12));
    expect(sla.dueAt).toEqual(fromWib(2025, 2, 4));
    expect(sla.elapsedMs).toBe(48 * H);
  });

  it('starts counting on Monday for a file completed at the weekend', () => {
    const sla = evaluateSla({ completedAt: fromWib(2025, 1, 11, 9) }, fromWib(2025, 1, 11, 9));
    expect(sla.countingStartsAt).toEqual(fromWib(2025, 1, 13));
    expect(sla.dueAt).toEqual(fromWib(2025, 1, 16));
  });

  it('moves the due time by the working time a pause consumed', () => {
    const pauses = [{ from: fromWib(2025, 1, 7, 9), to: fromWib(2025, 1, 8, 8) }];
    const sla = evaluateSla({ completedAt, pauses }, fromWib(2025, 1, 8, 10));
    expect(sla.dueAt).toEqual(fromWib(2025, 1, 10, 23));
    expect(sla.pausedMs).toBe(23 * H);
    expect(sla.elapsedMs).toBe(9 * H + 2 * H);
  });

  it('does not count a weekend inside a pause as consumed', () => {
    const pauses = [{ from: fromWib(2025, 1, 9, 18), to: fromWib(2025, 1, 13, 6) }];
    const sla = evaluateSla({ completedAt, pauses }, fromWib(2025, 1, 13, 6));
    expect(sla.pausedMs).toBe(36 * H); // Thu 6 h + Fri 24 h + Mon 6 h
    expect(sla.dueAt).toEqual(fromWib(2025, 1, 13, 12));
  });

  it('ignores a pause on the day of completion, which is not counted anyway', () => {
    const pauses = [{ from: fromWib(2025, 1, 6, 11), to: fromWib(2025, 1, 6, 15) }];
    expect(evaluateSla({ completedAt, pauses }, fromWib(2025, 1, 7)).dueAt).toEqual(fromWib(2025, 1, 10));
  });

  it('freezes elapsed time while a pause is open and reports the clock as paused', () => {
    const pauses = [{ from: fromWib(2025, 1, 7, 9) }];
    const a = evaluateSla({ completedAt, pauses }, fromWib(2025, 1, 7, 10));
    const b = evaluateSla({ completedAt, pauses }, fromWib(2025, 1, 9, 10));
    expect(a.paused).toBe(true);
    expect(a.elapsedMs).toBe(9 * H);
    expect(b.elapsedMs).toBe(9 * H);
    expect(a.dueAt).toEqual(fromWib(2025, 1, 10, 1)); // 1 h consumed by the pause so far
    expect(b.dueAt).toEqual(fromWib(2025, 1, 14, 1)); // 49 h consumed; the weekend does not count
  });

  it('stops at stoppedAt and is then not breached later', () => {
    const sla = evaluateSla({ completedAt, stoppedAt: fromWib(2025, 1, 9, 15) }, fromWib(2025, 2, 20));
    expect(sla.stopped).toBe(true);
    expect(sla.breached).toBe(false);
    expect(sla.elapsedMs).toBe(24 * H + 24 * H + 15 * H);
  });

  it('throws rather than guess beyond the holiday data with a strict calendar', () => {
    const strict = new WorkingCalendar();
    expect(() => evaluateSla({ completedAt: fromWib(2026, 12, 30, 9) }, fromWib(2026, 12, 30, 10), strict)).toThrow(
      CalendarOutOfRangeError,
    );
  });

  it('refuses a pause that ends before it starts', () => {
    const pauses = [{ from: fromWib(2025, 1, 8), to: fromWib(2025, 1, 7) }];
    expect(() => evaluateSla({ completedAt, pauses }, fromWib(2025, 1, 8))).toThrow(RangeError);
  });
});
