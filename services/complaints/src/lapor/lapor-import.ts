import { Inject, Injectable } from '@nestjs/common';
import { CLOCK, WriteSide, type Clock } from '@adminduk/application-commands';
import { defaultCalendar } from '@adminduk/calendar';
import { complaintDecider, DomainError, initialComplaintState, type ComplaintCommandActor } from '@adminduk/domain';
import type { Actor } from '@adminduk/event-store';
import { ApiError, parseWith, type FieldError } from '@adminduk/http';
import { laporStatuses } from '@adminduk/read-models';
import { ComplaintHandling } from '../complaint/complaint-handling';
import { laporComplaintId } from '../complaint/complaint-ids';
import { complaintOfReport, LAPOR_STATUS, laporReportSchema, type LaporReport, type LaporStatusUpdate } from './lapor-record';

export interface LaporImportResult {
  /** Reports that became new complaints. */
  imported: number;
  /** Reports whose tracking number was already here: nothing appended. */
  alreadyPresent: number;
  complaintIds: string[];
}

/**
 * Imports SP4N-LAPOR reports (from a file or the API) and exports the complaints' statuses. All
 * reports are checked first, against the shape and the decider's own rules (decide is pure), so a
 * batch with one bad report is refused whole, naming the report and field, and nothing is stored.
 */
@Injectable()
export class LaporExchange {
  constructor(
    private readonly handling: ComplaintHandling,
    private readonly writeSide: WriteSide,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** A file's text: one JSON object per line; blank lines are skipped. */
  parseFile(content: string): unknown[] {
    const records: unknown[] = [];
    const errors: FieldError[] = [];
    content.split(/\r?\n/).forEach((line, i) => {
      if (line.trim() === '') return;
      try {
        records.push(JSON.parse(line));
      } catch {
        errors.push({ field: `baris ${i + 1}`, message: 'Bukan objek JSON yang valid' });
      }
    });
    if (errors.length > 0) throw ApiError.badRequest('Berkas impor LAPOR tidak valid', errors, 'LAPOR_FILE_INVALID');
    if (records.length === 0)
      throw ApiError.badRequest('Berkas impor LAPOR kosong', [{ field: 'content', message: 'Tidak ada laporan' }], 'LAPOR_FILE_INVALID');
    return records;
  }

  async importReports(
    records: unknown[],
    actor: ComplaintCommandActor,
    metaActor: Actor,
    correlationId: string,
  ): Promise<LaporImportResult> {
    const reports = this.checkAll(records, actor);
    const result: LaporImportResult = { imported: 0, alreadyPresent: 0, complaintIds: [] };
    for (const r of reports) {
      const complaintId = laporComplaintId(r.trackingNumber);
      const outcome = await this.handling.execute(
        complaintId,
        { type: 'ReceiveComplaint', actor, data: complaintOfReport(r, complaintId) },
        // The key names the report: any caller importing it again finds it (the decider appends nothing).
        { idempotencyKey: `lapor-import:${r.trackingNumber}`, keyNames: 'step', correlationId, actor: metaActor },
      );
      if (outcome.replayed || outcome.events.length === 0) result.alreadyPresent++;
      else result.imported++;
      result.complaintIds.push(complaintId);
    }
    return result;
  }

  /** Every LAPOR complaint's current status (the export file's lines and the API push). */
  async statuses(): Promise<LaporStatusUpdate[]> {
    const rows = await laporStatuses(this.writeSide.readModels(), undefined, 10_000);
    return rows.map((r) => ({
      trackingNumber: r.laporTrackingNumber,
      status: LAPOR_STATUS[r.status] ?? r.status,
      updatedAt: r.updatedAt.toISOString(),
      ...(r.answer ? { answer: r.answer } : {}),
      ...(r.forwardedTo ? { forwardedTo: r.forwardedTo } : {}),
    }));
  }

  private checkAll(records: unknown[], actor: ComplaintCommandActor): LaporReport[] {
    const errors: FieldError[] = [];
    const reports: LaporReport[] = [];
    const now = this.clock.now();
    records.forEach((record, i) => {
      const where = `laporan ${i + 1}`;
      const parsed = parseWith(laporReportSchema, record);
      if (!parsed.ok) {
        errors.push(...parsed.errors.map((e) => ({ ...e, field: `${where}.${e.field}` })));
        return;
      }
      try {
        // The decider's own checks against a new stream (pure: the deadlines need no published calendar here).
        complaintDecider.decide(
          { type: 'ReceiveComplaint', actor, data: complaintOfReport(parsed.data, 'check') },
          initialComplaintState(),
          { now, calendar: defaultCalendar },
        );
      } catch (e) {
        if (!(e instanceof DomainError)) throw e;
        const issues = e.issues.length > 0 ? e.issues : [{ field: 'laporan', message: e.message }];
        errors.push(...issues.map((x) => ({ field: `${where}.${x.field}`, message: x.message })));
        return;
      }
      reports.push(parsed.data);
    });
    if (errors.length > 0)
      throw ApiError.badRequest('Laporan SP4N-LAPOR tidak valid; tidak ada yang diimpor', errors, 'LAPOR_IMPORT_INVALID');
    return reports;
  }
}
