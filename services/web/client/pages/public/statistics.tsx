import type { PageProps } from '../../routes';
import { PeriodFigures, StatisticsCharts } from '../../ui/statistics/statistics-panels';
import type { PublicStatistics } from '../../ui/statistics/statistics-types';
import { useApi } from '../../ui/use-api';
import { formatWibDate } from '../../ui/wib';

/** The public figures, as the standard's web page publishes them: today, this month, this year, SLA, by kecamatan, IKM. */
export default function PublicStatisticsPage(_: PageProps) {
  const { data, problem, loading } = useApi<PublicStatistics>('/api/public/statistik');
  return (
    <>
      <section class="kartu">
        <h1>Statistik layanan</h1>
        <p>Jumlah permohonan Kartu Keluarga (kelahiran) yang diterima dan diselesaikan di seluruh kecamatan, tanpa data pribadi.</p>
        {loading && <p class="memuat">Memuat statistik…</p>}
        {problem && <p role="alert">{problem.message}</p>}
        {data && <p>Keadaan per {formatWibDate(new Date(`${data.asOf}T12:00:00+07:00`))} (WIB).</p>}
      </section>
      {data && (
        <>
          <PeriodFigures stats={data} />
          <StatisticsCharts stats={data} />
        </>
      )}
    </>
  );
}
