import { useState } from 'preact/hooks';
import { api, ApiProblem } from '../../api';
import type { PageProps } from '../../routes';
import { whatRead, who, type AccessView } from '../../ui/staff/access-labels';
import { asProblem, ProblemAlert } from '../../ui/staff/problem-text';
import { ScrollTable } from '../../ui/staff/scroll-table';
import { formatWibDateTimeIso } from '../../ui/wib';

/** GET /api/audit/personal-data-access and POST .../by-nik (services/gateway). */
interface AccessRecords {
  records: { eventId: string; applicationId: string; viewedAt: string; viewer: { userId: string; role: string }; view: AccessView }[];
  more: boolean;
}

type Answer = { title: string; data: AccessRecords } | { title: string; problem: ApiProblem };

/**
 * The auditor's questions to the personal-data access log: who opened whose data and when, by
 * officer, application and period; and the report of every read of one NIK's data (UU 27/2022).
 */
export default function PersonalDataAccess(_: PageProps) {
  const [filter, setFilter] = useState({ viewer: '', applicationId: '', from: '', to: '' });
  const [nik, setNik] = useState('');
  const [answer, setAnswer] = useState<Answer | null>(null);
  const [busy, setBusy] = useState(false);

  const run = async (title: string, request: () => Promise<AccessRecords>) => {
    setBusy(true);
    try {
      setAnswer({ title, data: await request() });
    } catch (e) {
      setAnswer({ title, problem: asProblem(e) });
    } finally {
      setBusy(false);
    }
  };
  const search = (e: Event) => {
    e.preventDefault();
    const q = new URLSearchParams(Object.entries(filter).filter(([, v]) => v.trim() !== ''));
    void run('Hasil pencarian', () => api<AccessRecords>(`/api/audit/personal-data-access?${q}`));
  };
  const report = (e: Event) => {
    e.preventDefault();
    // The NIK goes in the body, never in the address (it would reach logs).
    void run('Laporan akses untuk NIK tersebut', () =>
      api<AccessRecords>('/api/audit/personal-data-access/by-nik', { method: 'POST', json: { nik: nik.trim() } }),
    );
  };
  const input = (name: keyof typeof filter) => ({
    id: `saring-${name}`,
    value: filter[name],
    onInput: (e: Event) => setFilter({ ...filter, [name]: (e.currentTarget as HTMLInputElement).value }),
    autoComplete: 'off',
  });

  return (
    <>
      <section class="kartu">
        <h1>Catatan akses data pribadi</h1>
        <p>Siapa membuka data pribadi siapa, apa, dan kapan (UU 27/2022). Waktu dalam WIB.</p>
        <form onSubmit={search} noValidate aria-label="Cari catatan akses">
          <h2>Cari menurut petugas, permohonan, dan periode</h2>
          <p>
            <label for="saring-viewer">Id pengguna petugas</label>
            <input type="text" {...input('viewer')} />
          </p>
          <p>
            <label for="saring-applicationId">ID permohonan</label>
            <input type="text" {...input('applicationId')} />
          </p>
          <p>
            <label for="saring-from">Dari tanggal</label>
            <input type="date" {...input('from')} />
          </p>
          <p>
            <label for="saring-to">Sampai tanggal</label>
            <input type="date" {...input('to')} />
          </p>
          <button class="tombol" type="submit" disabled={busy}>
            Cari catatan
          </button>
        </form>
      </section>
      <section class="kartu">
        <form onSubmit={report} noValidate aria-label="Laporan akses per NIK">
          <h2>Laporan akses untuk satu NIK</h2>
          <p class="catatan">Hak subjek data untuk mengetahui siapa saja yang membuka datanya. Log hanya menyimpan hash NIK.</p>
          <p>
            <label for="nik-subjek">NIK</label>
            <input id="nik-subjek" inputMode="numeric" value={nik} onInput={(e) => setNik(e.currentTarget.value)} autoComplete="off" />
          </p>
          <button class="tombol" type="submit" disabled={busy}>
            Buat laporan
          </button>
        </form>
      </section>
      {busy && <p class="memuat">Memuat catatan akses…</p>}
      {answer && <Records answer={answer} />}
    </>
  );
}

function Records({ answer }: { answer: Answer }) {
  if ('problem' in answer)
    return (
      <section class="kartu">
        <ProblemAlert problem={answer.problem} />
      </section>
    );
  const { records, more } = answer.data;
  return (
    <section class="kartu" aria-live="polite">
      <h2>{answer.title}</h2>
      {records.length === 0 ? (
        <p data-jumlah-akses="0">Tidak ada catatan akses yang cocok.</p>
      ) : (
        <>
          <p data-jumlah-akses={records.length}>
            {records.length} kali dibuka oleh {new Set(records.map((r) => r.viewer.userId)).size} petugas
            {more ? ' (masih ada catatan lain: persempit pencarian)' : ''}.
          </p>
          <ReadsPerOfficer records={records} />
          <ScrollTable label="Catatan akses data pribadi">
            <thead>
              <tr>
                <th scope="col">Kapan</th>
                <th scope="col">Siapa</th>
                <th scope="col">Permohonan</th>
                <th scope="col">Apa</th>
              </tr>
            </thead>
            <tbody>
              {records.map((r) => (
                <tr key={r.eventId}>
                  <td>{formatWibDateTimeIso(r.viewedAt)}</td>
                  <td>{who(r.viewer)}</td>
                  <td>
                    <a href={`/audit/permohonan/${r.applicationId}`}>{r.applicationId.slice(0, 8)}</a>
                  </td>
                  <td>{whatRead(r.view)}</td>
                </tr>
              ))}
            </tbody>
          </ScrollTable>
        </>
      )}
    </section>
  );
}

/** How often each officer opened the data: a bar per officer (inline SVG), the count beside it. */
function ReadsPerOfficer({ records }: { records: AccessRecords['records'] }) {
  const counts = new Map<string, number>();
  for (const r of records) counts.set(who(r.viewer), (counts.get(who(r.viewer)) ?? 0) + 1);
  const rows = [...counts].sort((a, b) => b[1] - a[1]);
  const max = rows[0]?.[1] ?? 1;
  const barHeight = 22;
  return (
    <figure class="grafik">
      <svg
        role="img"
        aria-label="Jumlah akses per petugas"
        width="100%"
        height={rows.length * barHeight}
        viewBox={`0 0 600 ${rows.length * barHeight}`}
      >
        {rows.map(([name, n], i) => (
          <g key={name} transform={`translate(0 ${i * barHeight})`}>
            <text x="0" y="15" font-size="12">
              {name}
            </text>
            <rect x="300" y="4" height="14" width={Math.max(2, (n / max) * 250)} fill="#0b4f8a" />
            <text x={306 + (n / max) * 250} y="15" font-size="12">
              {n}
            </text>
          </g>
        ))}
      </svg>
      <figcaption>Jumlah akses per petugas</figcaption>
    </figure>
  );
}
