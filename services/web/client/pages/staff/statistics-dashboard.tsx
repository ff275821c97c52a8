import { useState } from 'preact/hooks';
import { ApiProblem } from '../../api';
import { useSession } from '../../auth/session';
import type { PageProps } from '../../routes';
import { fetchBlobUrl } from '../operator-kecamatan/operator-api';
import { BarChart, ColumnChart } from '../../ui/statistics/charts';
import { PeriodFigures, StatisticsCharts } from '../../ui/statistics/statistics-panels';
import type { StaffStatistics } from '../../ui/statistics/statistics-types';
import { ProblemAlert } from '../../ui/staff/problem-text';
import { useApi } from '../../ui/use-api';

/** The first day of this WIB month and today, as YYYY-MM-DD. */
function thisMonth(): { from: string; to: string } {
  const today = new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 10);
  return { from: `${today.slice(0, 8)}01`, to: today };
}

/**
 * The staff statistics: an operator's own kecamatan, the regency (or one kecamatan) for admin,
 * auditor and penandatangan; the last 30 days; the CSV export of the day rows.
 */
export default function StatisticsDashboard(_: PageProps) {
  const session = useSession();
  const regencyWide = session?.user.role !== 'operator-kecamatan';
  const [kecamatan, setKecamatan] = useState('');
  const stats = useApi<StaffStatistics>(`/api/statistik${kecamatan ? `?kecamatan=${kecamatan}` : ''}`);
  // The kecamatan list comes from the regency's own figures (all 18, zeros included).
  const regency = useApi<StaffStatistics>(regencyWide ? '/api/statistik' : null);
  const [range, setRange] = useState(thisMonth);
  const [exporting, setExporting] = useState(false);
  const [exportProblem, setExportProblem] = useState<ApiProblem | null>(null);

  async function downloadCsv() {
    setExporting(true);
    setExportProblem(null);
    try {
      const query = new URLSearchParams({ dari: range.from, sampai: range.to, ...(kecamatan ? { kecamatan } : {}) });
      const url = await fetchBlobUrl(`/api/statistik/csv?${query}`);
      const a = document.createElement('a');
      a.href = url;
      a.download = `statistik-${range.from}-${range.to}.csv`;
      a.click();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    } catch (e) {
      setExportProblem(e instanceof ApiProblem ? e : new ApiProblem(0, 'UNKNOWN', 'Berkas tidak dapat dibuat.'));
    } finally {
      setExporting(false);
    }
  }

  const data = stats.data;
  const scopeName = data?.scope.kecamatan ? (data.byKecamatan[0]?.name ?? data.scope.kecamatan) : 'seluruh kabupaten';
  return (
    <>
      <section class="kartu">
        <h1>Statistik layanan</h1>
        {data && <p>Cakupan: {data.scope.kecamatan ? `Kecamatan ${scopeName}` : scopeName}.</p>}
        {regencyWide && (
          <label>
            Kecamatan
            <select value={kecamatan} onChange={(e) => setKecamatan((e.target as HTMLSelectElement).value)}>
              <option value="">Seluruh kabupaten</option>
              {regency.data?.byKecamatan.map((k) => (
                <option key={k.kecamatan} value={k.kecamatan}>
                  {k.name}
                </option>
              ))}
            </select>
          </label>
        )}
        {stats.loading && <p class="memuat">Memuat statistik…</p>}
        {stats.problem && <ProblemAlert problem={stats.problem} />}
      </section>
      {data && (
        <>
          <PeriodFigures stats={data} />
          <ColumnChart
            title="Permohonan diterima per hari, 30 hari terakhir"
            data={data.perDay.map((p) => ({
              label: `${Number(p.period.slice(8, 10))}/${Number(p.period.slice(5, 7))}`,
              value: p.received,
            }))}
          />
          {data.openComplaintsByAge && (
            <BarChart
              title="Pengaduan yang belum selesai menurut umur"
              valueHeader="Pengaduan"
              data={data.openComplaintsByAge.map((b) => ({ label: b.label, value: b.count }))}
            />
          )}
          <StatisticsCharts stats={data} />
        </>
      )}
      <section class="kartu">
        <h2>Unduh data harian (CSV)</h2>
        <p>Satu baris per tanggal (WIB), kecamatan, jalur dan layanan; paling lama 366 hari.</p>
        <div class="tombol-baris">
          <label>
            Dari tanggal
            <input type="date" value={range.from} onInput={(e) => setRange({ ...range, from: (e.target as HTMLInputElement).value })} />
          </label>
          <label>
            Sampai tanggal
            <input type="date" value={range.to} onInput={(e) => setRange({ ...range, to: (e.target as HTMLInputElement).value })} />
          </label>
          <button type="button" class="tombol" onClick={downloadCsv} disabled={exporting}>
            {exporting ? 'Menyiapkan berkas…' : 'Unduh CSV'}
          </button>
        </div>
        {exportProblem && <ProblemAlert problem={exportProblem} />}
      </section>
    </>
  );
}
