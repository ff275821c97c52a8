import { createHash } from 'node:crypto';
import type { HolidayDay, HolidayDecree } from '@adminduk/domain';

/**
 * The file an admin publishes: the SKB 3 Menteri list as JSON, e.g.
 *   { "decree": { "number": "...", "date": "2026-09-15" },
 *     "days": [ { "date": "2027-01-01", "kind": "libur-nasional", "name": "Tahun Baru Masehi" }, ... ],
 *     "reason": "only for a correction" }
 * Only the shape is read here; the domain judges the content (dates in the year, no duplicates, kinds, names).
 */
export interface HolidayFile {
  decree: HolidayDecree;
  days: HolidayDay[];
  reason?: string;
}

export function parseHolidayFile(text: string): HolidayFile {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new Error(`the file is not JSON: ${(e as Error).message}`);
  }
  const o = json as Partial<HolidayFile> | null;
  if (!o || typeof o !== 'object' || !Array.isArray(o.days) || !o.decree || typeof o.decree !== 'object') {
    throw new Error('the file must be an object with "decree": {number, date} and "days": [{date, kind, name}]');
  }
  return { decree: o.decree, days: o.days, ...(typeof o.reason === 'string' ? { reason: o.reason } : {}) };
}

/** The same command with the same file is the same request: running it again appends nothing. */
export function idempotencyKeyOf(command: string, year: number, file: HolidayFile): string {
  return `cli-${createHash('sha256')
    .update(JSON.stringify([command, year, file]))
    .digest('hex')
    .slice(0, 40)}`;
}
