import { zeroCounters } from '@adminduk/read-models';
import { CSV_HEADERS, statisticsCsv } from './statistics-csv';

describe('statistics CSV', () => {
  it('writes a BOM, the Indonesian headers, CRLF rows, names for codes, the average with a decimal comma, quotes where needed', () => {
    const counters = { ...zeroCounters(), received: 4, completed: 3, completed_within_sla: 2, working_days_sum: 7 };
    const csv = statisticsCsv([
      { day: '2025-02-03', kecamatan: '35.15.12', channel: 'daring-desa', service: 'kk-tambah-anggota-kelahiran', counters },
      { day: '2025-02-03', kecamatan: '35.15.12', channel: 'tatap-muka', service: 'layanan, "baru"', counters: zeroCounters() },
    ]);
    expect(csv.startsWith('\uFEFF')).toBe(true);
    expect(csv.slice(1).split('\r\n')).toEqual([
      CSV_HEADERS.join(','),
      '2025-02-03,35.15.12,Balongbendo,Daring melalui petugas desa,kk-tambah-anggota-kelahiran,4,3,2,"2,3",0',
      '2025-02-03,35.15.12,Balongbendo,Datang ke kantor kecamatan,"layanan, ""baru""",0,0,0,,0',
      '',
    ]);
  });
});
