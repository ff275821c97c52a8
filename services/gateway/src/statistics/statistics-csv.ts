import { findKecamatan, type Channel } from '@adminduk/domain';
import { figuresOf, type StatisticsCellRow } from '@adminduk/read-models';
import { CHANNEL_LABELS } from '../public-catalog/public-service';

/** The export's columns, in Indonesian (what an office opens in a spreadsheet). */
export const CSV_HEADERS = [
  'Tanggal (WIB)',
  'Kode Kecamatan',
  'Kecamatan',
  'Jalur',
  'Layanan',
  'Diterima',
  'Selesai (KK ditandatangani)',
  'Selesai Tepat Waktu (SLA 3 hari kerja)',
  'Rata-rata Hari Kerja Penyelesaian',
  'Ditutup Tanpa KK',
];

/** RFC 4180: a field holding a comma, quote or line break is quoted, quotes doubled. */
function field(value: string | number): string {
  const s = String(value);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/**
 * The day rows as CSV (CRLF line ends; a UTF-8 BOM so spreadsheet programs read the Indonesian
 * names right). The average uses a decimal comma, as Indonesian spreadsheets expect.
 */
export function statisticsCsv(rows: StatisticsCellRow[]): string {
  const lines = [CSV_HEADERS.map(field).join(',')];
  for (const r of rows) {
    const f = figuresOf(r.counters);
    lines.push(
      [
        r.day,
        r.kecamatan,
        findKecamatan(r.kecamatan)?.name ?? r.kecamatan,
        CHANNEL_LABELS[r.channel as Channel] ?? r.channel,
        r.service,
        f.received,
        f.completed,
        f.completedWithinSla,
        f.averageWorkingDays === null ? '' : f.averageWorkingDays.toFixed(1).replace('.', ','),
        f.closedWithoutKk,
      ]
        .map(field)
        .join(','),
    );
  }
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
