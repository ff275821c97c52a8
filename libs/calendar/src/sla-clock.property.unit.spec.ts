import fc from 'fast-check';
import { evaluateSla, type PauseInterval } from './sla-clock';
import { DAY_MS, fromWib } from './wib-time';
import { defaultCalendar } from './working-calendar';

const H = 3600_000;
const BASE = fromWib(2025, 1, 1).getTime();
const HOURS_IN_RANGE = 600 * 24; // stays inside 2025 + 2026 with room for the due time

/**
 * An independent oracle: step hour by hour (all inputs are whole hours) and count an hour when it lies
 * after the completion day, on a working day, outside every pause and before the horizon.
 */
function oracle(completedAt: number, pauses: PauseInterval[], now: number) {
  const countFrom = Math.floor((completedAt + 7 * H) / DAY_MS) * DAY_MS - 7 * H + DAY_MS;
  let counted = 0;
  let due: number | undefined;
  let elapsed = 0;
  for (let t = countFrom; due === undefined || t < now; t += H) {
    if (!defaultCalendar.isWorkingDay(new Date(t))) continue;
    if (pauses.some((p) => t >= p.from.getTime() && t < (p.to ?? new Date(Math.max(now, p.from.getTime()))).getTime())) continue;
    counted += H;
    if (t < now) elapsed += H;
    if (due === undefined && counted === 3 * 24 * H) due = t + H;
  }
  return { due, elapsed };
}

describe('SLA clock properties', () => {
  it('never counts paused time or non-working days (checked against an hour-by-hour oracle)', () => {
    const hour = fc.integer({ min: 0, max: HOURS_IN_RANGE });
    fc.assert(
      fc.property(
        hour,
        fc.array(fc.tuple(fc.integer({ min: 0, max: 200 }), fc.integer({ min: 0, max: 80 })), { maxLength: 4 }),
        fc.integer({ min: 0, max: 400 }),
        fc.boolean(),
        (start, rawPauses, nowAfter, lastOpen) => {
          const completedAt = BASE + start * H;
          let cursor = completedAt;
          const pauses: PauseInterval[] = rawPauses.map(([gap, len], i) => {
            const from = cursor + gap * H;
            cursor = from + len * H;
            const open = lastOpen && i === rawPauses.length - 1;
            return open ? { from: new Date(from) } : { from: new Date(from), to: new Date(cursor) };
          });
          const now = completedAt + nowAfter * H;
          const sla = evaluateSla({ completedAt: new Date(completedAt), pauses }, new Date(now));
          const expected = oracle(completedAt, pauses, now);
          expect(sla.dueAt.getTime()).toBe(expected.due);
          expect(sla.elapsedMs).toBe(expected.elapsed);
          expect(sla.breached).toBe(now > (expected.due as number));
        },
      ),
      { numRuns: 300 },
    );
  });
});
