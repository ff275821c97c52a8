import { useState } from 'preact/hooks';
import type { PageProps } from '../../routes';
import { ProblemAlert } from '../../ui/staff/problem-text';
import { ScrollTable } from '../../ui/staff/scroll-table';
import { BarChart } from '../../ui/statistics/charts';
import { useApi } from '../../ui/use-api';
import { useWilayah } from '../../ui/wilayah';
import { IKM_ELEMENTS, IKM_GRADE_LABELS, type IkmGrade } from '../../../../../libs/domain/src/survey/ikm';

interface IkmFigure {
  period: string;
  respondents: number;
  elementAverages: Record<string, number>;
  ikm: number;
  grade: IkmGrade;
}

/** GET /api/complaints/survey/results (services/complaints). */
interface IkmResults {
  kind: 'month' | 'quarter' | 'year';
  rows: (IkmFigure & { kecamatan: string | null })[];
}

const formatIkm = (n: number) => n.toLocaleString('id-ID', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

const KINDS = { month: 'Bulan', quarter: 'Triwulan', year: 'Tahun' } as const;
type Kind = keyof typeof KINDS;

/** "2026-03" -> "Maret 2026", "2026-Q1" -> "Triwulan I 2026", "2026" stays. */
function periodLabel(period: string): string {
  const quarter = /^(\d{4})-Q([1-4])$/.exec(period);
  if (quarter) return `Triwulan ${['I', 'II', 'III', 'IV'][Number(quarter[2]) - 1]} ${quarter[1]}`;
  const month = /^(\d{4})-(\d{2})$/.exec(period);
  if (month)
    return new Date(Date.UTC(Number(month[1]), Number(month[2]) - 1, 1)).toLocaleDateString('id-ID', {
      month: 'long',
      year: 'numeric',
      timeZone: 'UTC',
    });
  return period;
}

/**
 * The IKM (PermenPANRB 14/2017) from the anonymous survey: per period, for the regency or one
 * kecamatan (an operator sees their own). The newest period as a chart of the nine elements with
 * the IKM and its grade, every period in a table.
 */
export default function IkmResultsPage({ session }: PageProps) {
  const region = useWilayah();
  const operator = session?.user.role === 'operator-kecamatan';
  const [kind, setKind] = useState<Kind>('month');
  const [kecamatan, setKecamatan] = useState('');
  const q = new URLSearchParams({ kind, ...(kecamatan && !operator ? { kecamatan } : {}) });
  const results = useApi<IkmResults>(`/api/complaints/survey/results?${q}`);
  const rows = results.data?.rows ?? [];
  const latest = rows[rows.length - 1];
  const scope = operator
    ? `Kecamatan ${region(session?.user.kecamatan)}`
    : kecamatan
      ? `Kecamatan ${region(kecamatan)}`
      : 'Seluruh kecamatan';

  return (
    <>
      <section class="kartu">
        <h1>Indeks Kepuasan Masyarakat (IKM)</h1>
        <p>
          Hasil survei kepuasan yang diisi pemohon secara anonim setelah KK diterima. IKM = rata-rata nilai sembilan unsur (bobot
          masing-masing 1/9) × 25. Mutu: A 88,31–100; B 76,61–88,30; C 65,00–76,60; D 25,00–64,99.
        </p>
        <form class="tombol-baris" onSubmit={(e) => e.preventDefault()} aria-label="Pilih periode dan kecamatan">
          <p>
            <label for="jenis-periode">Periode</label>
            <select id="jenis-periode" value={kind} onChange={(e) => setKind(e.currentTarget.value as Kind)}>
              {Object.entries(KINDS).map(([value, label]) => (
                <option key={value} value={value}>
                  {label}
                </option>
              ))}
            </select>
          </p>
          {!operator && (
            <p>
              <label for="kode-kecamatan">Kode kecamatan (kosongkan untuk seluruh kecamatan)</label>
              <input
                id="kode-kecamatan"
                value={kecamatan}
                placeholder="35.15.12"
                onChange={(e) => setKecamatan(e.currentTarget.value.trim())}
                autoComplete="off"
              />
            </p>
          )}
        </form>
      </section>
      <section class="kartu" aria-live="polite">
        <h2>{scope}</h2>
        {results.loading && <p class="memuat">Memuat hasil survei…</p>}
        <ProblemAlert problem={results.problem} />
        {results.data && rows.length === 0 && <p>Belum ada responden pada periode ini.</p>}
        {latest && (
          <>
            <p class="hasil">
              {periodLabel(latest.period)}: IKM <strong>{formatIkm(latest.ikm)}</strong>, mutu <strong>{latest.grade}</strong> (
              {IKM_GRADE_LABELS[latest.grade]}), {latest.respondents} responden
            </p>
            <BarChart
              title={`Nilai rata-rata per unsur (skala 1-4), ${periodLabel(latest.period)}`}
              valueHeader="Nilai rata-rata"
              scaleMax={4}
              labelWidth={260}
              data={IKM_ELEMENTS.map((e) => ({
                label: e.label,
                value: latest.elementAverages[e.id],
                text: formatIkm(latest.elementAverages[e.id]),
              }))}
            />
          </>
        )}
        {rows.length > 0 && (
          <ScrollTable label={`IKM per ${KINDS[kind].toLowerCase()}`}>
            <caption>IKM per {KINDS[kind].toLowerCase()}</caption>
            <thead>
              <tr>
                <th scope="col">Periode</th>
                <th scope="col">Responden</th>
                {IKM_ELEMENTS.map((e) => (
                  <th scope="col" key={e.id}>
                    {e.label}
                  </th>
                ))}
                <th scope="col">IKM</th>
                <th scope="col">Mutu</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.period}>
                  <th scope="row">{periodLabel(r.period)}</th>
                  <td>{r.respondents}</td>
                  {IKM_ELEMENTS.map((e) => (
                    <td key={e.id}>{formatIkm(r.elementAverages[e.id])}</td>
                  ))}
                  <td data-kolom="ikm">{formatIkm(r.ikm)}</td>
                  <td>
                    {r.grade} ({IKM_GRADE_LABELS[r.grade]})
                  </td>
                </tr>
              ))}
            </tbody>
          </ScrollTable>
        )}
      </section>
    </>
  );
}
