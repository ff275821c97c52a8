import { BarChart, ColumnChart, SlaDonut } from './charts';
import { CHANNEL_NAMES, MONTH_NAMES, type Figures, type PublicStatistics } from './statistics-types';

const number = new Intl.NumberFormat('id-ID');
const decimal = (n: number | null) => (n === null ? '-' : n.toLocaleString('id-ID', { maximumFractionDigits: 1 }));

/** Today, this month, this year side by side (WIB). */
export function PeriodFigures({ stats }: { stats: PublicStatistics }) {
  const periods: [string, Figures][] = [
    ['Hari ini', stats.today],
    ['Bulan ini', stats.month],
    ['Tahun ini', stats.year],
  ];
  return (
    <div class="angka-periode">
      {periods.map(([label, f]) => (
        <section class="kartu" key={label} aria-label={label}>
          <h3>{label}</h3>
          <p>
            <strong>{number.format(f.received)}</strong> permohonan diterima
          </p>
          <p>
            <strong>{number.format(f.completed)}</strong> selesai, {number.format(f.completedWithinSla)} tepat waktu
          </p>
          <p>Rata-rata {decimal(f.averageWorkingDays)} hari kerja</p>
        </section>
      ))}
    </div>
  );
}

/** The charts every viewer sees: SLA compliance, working days, by kecamatan, by channel, per month, IKM. */
export function StatisticsCharts({ stats }: { stats: PublicStatistics }) {
  const year = stats.asOf.slice(0, 4);
  const days = stats.year.workingDays;
  return (
    <>
      <SlaDonut
        title={`Selesai tepat waktu (3 hari kerja), tahun ${year}`}
        completed={stats.year.completed}
        within={stats.year.completedWithinSla}
      />
      <BarChart
        title={`Lama penyelesaian dalam hari kerja, tahun ${year}`}
        valueHeader="Permohonan selesai"
        data={(Object.keys(days) as (keyof typeof days)[]).map((k) => ({ label: `${k.replace('>', 'lebih dari ')} hari`, value: days[k] }))}
      />
      <BarChart
        title={`Permohonan diterima per kecamatan, tahun ${year}`}
        data={stats.byKecamatan.map((k) => ({ label: k.name, value: k.received }))}
      />
      <BarChart
        title={`Kepatuhan waktu layanan per kecamatan, tahun ${year}`}
        valueHeader="Tepat waktu"
        data={stats.byKecamatan.map((k) => ({
          label: k.name,
          value: k.slaCompliance === null ? 0 : Math.round(k.slaCompliance * 100),
          text: k.slaCompliance === null ? 'belum ada' : `${decimal(k.slaCompliance * 100)}%`,
        }))}
      />
      <BarChart
        title={`Permohonan diterima per jalur, tahun ${year}`}
        data={stats.byChannel.map((c) => ({ label: CHANNEL_NAMES[c.channel] ?? c.channel, value: c.received }))}
      />
      <ColumnChart
        title={`Permohonan diterima per bulan, tahun ${year}`}
        data={stats.perMonth.map((p) => ({ label: MONTH_NAMES[Number(p.period.slice(5, 7)) - 1], value: p.received }))}
      />
      <section class="kartu">
        <h3>Indeks Kepuasan Masyarakat (IKM) per bulan</h3>
        {stats.ikmPerMonth.length === 0 ? (
          <p>Belum ada survei kepuasan yang diisi tahun ini.</p>
        ) : (
          <table class="tabel">
            <thead>
              <tr>
                <th scope="col">Bulan</th>
                <th scope="col">Responden</th>
                <th scope="col">IKM</th>
                <th scope="col">Mutu</th>
              </tr>
            </thead>
            <tbody>
              {stats.ikmPerMonth.map((r) => (
                <tr key={r.period}>
                  <th scope="row">{`${MONTH_NAMES[Number(r.period.slice(5, 7)) - 1]} ${r.period.slice(0, 4)}`}</th>
                  <td>{number.format(r.respondents)}</td>
                  <td>{decimal(r.ikm)}</td>
                  <td>{r.grade}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </>
  );
}
