import { defaultCalendar, type WorkingCalendar } from './working-calendar';
import { DAY_MS, startOfWibDay, wibDayOf } from './wib-time';

/**
 * The service-level clock: "3 (tiga) hari kerja, jika berkas lengkap", paused while a correction is awaited.
 *
 * How partial days count (DOMAIN.md: whole working days, not 72 hours):
 * - The day on which the file becomes complete is not counted; counting starts at 00:00 WIB of the next
 *   day, and only time on working days (whole WIB calendar days, Mon-Fri minus holidays) is counted.
 * - The budget is N whole working days, so without pauses the due time is the END of the N-th working
 *   day after completion: complete on Monday 10:00 WIB -> due at the end of Thursday (Friday 00:00 WIB).
 *   A file completed at 08:00 and one completed at 15:45 on the same day get the same due date, as a
 *   citizen reading "3 hari kerja" on the standard would expect, and the office is never held to a
 *   fraction of the day it received the file on.
 * - A pause (correction awaited) stops the clock: the working-day time a pause overlaps, after
 *   counting started, is not counted, so the due time moves later by exactly that much working time.
 *   E.g. a correction requested Tuesday 09:00 and submitted Wednesday 08:00 consumed 23 h of working
 *   time, so the Friday 00:00 due time becomes Friday 23:00. Time on weekends and holidays is never
 *   counted, paused or not.
 * - An open pause (correction still awaited) is treated as ending at `now`: the due time shown is the
 *   earliest it can be, and it moves on while the pause lasts.
 * - The clock stops at `stoppedAt` (the product is ready); breach means the clock reached the budget
 *   before it stopped (or before `now`, if it has not stopped).
 */

export interface PauseInterval {
  from: Date;
  /** Absent while the pause is still open. */
  to?: Date;
}

export interface SlaInput {
  /** The moment the file became complete. */
  completedAt: Date;
  pauses?: readonly PauseInterval[];
  stoppedAt?: Date;
  /** Whole working days; the KK standard says 3. */
  workingDays?: number;
}

export interface SlaStatus {
  countingStartsAt: Date;
  dueAt: Date;
  budgetMs: number;
  /** Working time counted up to min(now, stoppedAt). */
  elapsedMs: number;
  remainingMs: number;
  /** Working time the pauses consumed (up to min(now, stoppedAt)). */
  pausedMs: number;
  paused: boolean;
  stopped: boolean;
  breached: boolean;
  /**
   * The due time counts a day of a year whose holiday list is not published yet (only its fixed-date
   * holidays are known): it may move later once the year is published.
   */
  provisional: boolean;
}

interface Span {
  s: number;
  e: number;
}

export function evaluateSla(input: SlaInput, now: Date, calendar: WorkingCalendar = defaultCalendar): SlaStatus {
  const workingDays = input.workingDays ?? 3;
  if (!Number.isInteger(workingDays) || workingDays < 1) throw new RangeError(`SLA needs whole working days >= 1, got ${workingDays}`);
  const budgetMs = workingDays * DAY_MS;
  const firstDay = wibDayOf(input.completedAt) + 1;
  const pauses = normalisePauses(input.pauses ?? [], now.getTime());
  const horizon = Math.min(now.getTime(), input.stoppedAt?.getTime() ?? Infinity);

  let elapsedMs = 0;
  let pausedMs = 0;
  let dueAt: number | undefined;
  let counted = 0;
  let provisional = false;
  // Walk whole WIB days from the first counted day until both answers are known.
  for (let day = firstDay; dueAt === undefined || startOfWibDay(day).getTime() < horizon; day++) {
    if (dueAt === undefined && calendar.isProvisional(day)) provisional = true;
    if (!calendar.isWorkingDayNumber(day)) continue;
    const dayStart = startOfWibDay(day).getTime();
    for (const span of subtract({ s: dayStart, e: dayStart + DAY_MS }, pauses)) {
      const len = span.e - span.s;
      if (dueAt === undefined && counted + len >= budgetMs) dueAt = span.s + (budgetMs - counted);
      counted += len;
      if (span.s < horizon) elapsedMs += Math.min(span.e, horizon) - span.s;
    }
    for (const p of pauses) {
      const s = Math.max(p.s, dayStart);
      const e = Math.min(p.e, dayStart + DAY_MS, horizon);
      if (e > s) pausedMs += e - s;
    }
  }
  const stopped = input.stoppedAt !== undefined && input.stoppedAt.getTime() <= now.getTime();
  const last = input.pauses?.[input.pauses.length - 1];
  const paused = !stopped && last !== undefined && last.to === undefined && last.from.getTime() <= now.getTime();
  return {
    countingStartsAt: startOfWibDay(calendar.nextWorkingDay(firstDay - 1)),
    dueAt: new Date(dueAt as number),
    budgetMs,
    elapsedMs,
    remainingMs: budgetMs - elapsedMs,
    pausedMs,
    paused,
    stopped,
    breached: horizon > (dueAt as number),
    provisional,
  };
}

/** Sorted, merged pause spans; an open pause ends at `now` (or at its own start if that is later). */
function normalisePauses(pauses: readonly PauseInterval[], now: number): Span[] {
  const spans = pauses
    .map((p) => {
      const s = p.from.getTime();
      const e = p.to ? p.to.getTime() : Math.max(now, s);
      if (e < s) throw new RangeError(`Pause ends before it starts: ${p.from.toISOString()} > ${p.to?.toISOString()}`);
      return { s, e };
    })
    .filter((p) => p.e > p.s)
    .sort((a, b) => a.s - b.s);
  const merged: Span[] = [];
  for (const p of spans) {
    const last = merged[merged.length - 1];
    if (last && p.s <= last.e) last.e = Math.max(last.e, p.e);
    else merged.push({ ...p });
  }
  return merged;
}

/** The parts of `range` not covered by the sorted, merged `holes`. */
function subtract(range: Span, holes: readonly Span[]): Span[] {
  const out: Span[] = [];
  let cursor = range.s;
  for (const h of holes) {
    if (h.e <= cursor) continue;
    if (h.s >= range.e) break;
    if (h.s > cursor) out.push({ s: cursor, e: h.s });
    cursor = Math.max(cursor, h.e);
    if (cursor >= range.e) break;
  }
  if (cursor < range.e) out.push({ s: cursor, e: range.e });
  return out;
}
