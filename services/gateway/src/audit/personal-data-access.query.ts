import { Injectable } from '@nestjs/common';
import { fromWib } from '@adminduk/calendar';
import { ApiError } from '@adminduk/http';
import { findPersonalDataAccess, viewedNikHash, type AccessLogFilter } from '@adminduk/read-models';
import { ApplicationsQuery } from '../applications/applications.query';

/** The auditor's questions to the personal-data access log (libs/read-models personal-data-access). */
@Injectable()
export class PersonalDataAccessQuery {
  constructor(private readonly applications: ApplicationsQuery) {}

  async find(filter: Omit<AccessLogFilter, 'from' | 'to'> & { from?: string; to?: string }) {
    const { from, to } = periodOf(filter.from, filter.to);
    const found = await findPersonalDataAccess(await this.applications.readModels(), { ...filter, from, to });
    return { more: found.more, records: found.records.map((r) => ({ ...r, viewedAt: r.viewedAt.toISOString() })) };
  }

  /** Every recorded read of one person's data (the data subject's right to know, UU 27/2022). */
  async byNik(nik: string, period: { from?: string; to?: string; limit: number }) {
    return this.find({ subjectNikHash: viewedNikHash(nik), ...period });
  }
}

/** WIB days to instants: from the start of `from` to the end of `to`; a reversed or impossible day is a 400. */
function periodOf(from?: string, to?: string): { from?: Date; to?: Date } {
  const start = from ? day(from, 'from') : undefined;
  const endDay = to ? day(to, 'to') : undefined;
  const end = endDay ? new Date(endDay.getTime() + 24 * 3600_000) : undefined;
  if (start && end && start >= end) {
    throw ApiError.badRequest('Periode tidak valid', [{ field: 'to', message: 'Hari terakhir tidak boleh sebelum hari pertama' }]);
  }
  return { from: start, to: end };
}

function day(text: string, field: string): Date {
  const [y, m, d] = text.split('-').map(Number);
  try {
    return fromWib(y, m, d);
  } catch {
    throw ApiError.badRequest('Periode tidak valid', [{ field, message: 'Tanggal tidak ada' }]);
  }
}
