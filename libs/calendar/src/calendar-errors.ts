/** Thrown when a date falls in a year the holiday data does not cover: guessing would be wrong silently. */
export class CalendarOutOfRangeError extends Error {
  override readonly name = 'CalendarOutOfRangeError';
  readonly code = 'calendar.year-not-covered';
  constructor(
    readonly year: number,
    readonly coveredYears: readonly number[],
  ) {
    super(
      `No holiday data for ${year} (covered: ${coveredYears.join(', ') || 'none'}). ` +
        `Publish that year's libur nasional and cuti bersama (npm run holidays -- publish, runbook).`,
    );
  }
}
