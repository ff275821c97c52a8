import type { ComplaintPage, ComplaintSummary } from '@adminduk/api-contracts';
import { useEffect, useState } from 'preact/hooks';
import { api, type ApiProblem } from '../../api';
import { currentSession } from '../../auth/session';
import type { PageProps } from '../../routes';
import { asProblem, ProblemAlert } from '../../ui/staff/problem-text';
import { ScrollTable } from '../../ui/staff/scroll-table';
import { useApi } from '../../ui/use-api';
import { countdown, formatWibDateTimeIso } from '../../ui/wib';
import { useWilayah } from '../../ui/wilayah';
import { AgeChart } from './age-chart';
import { COMPLAINT_STATUS, DUE_STAGE, labelIn, type ComplaintCatalog } from './complaint-labels';

const KECAMATAN_PATH = '/api/public/wilayah';

/**
 * The complaint queue, nearest deadline first, with filters by kecamatan and category. The petugas
 * pengaduan and auditors see every complaint; an operator (read-only) sees their own kecamatan's,
 * without the complainant's identity and never a pungli report (the API's scope).
 */
export default function ComplaintQueue({ url }: PageProps) {
  const role = currentSession()?.user.role;
  const handler = role === 'petugas-pengaduan';
  const base = role === 'operator-kecamatan' ? '/operator/pengaduan' : '/petugas-pengaduan';
  const [kecamatan, setKecamatan] = useState(url.searchParams.get('kecamatan') ?? '');
  const [category, setCategory] = useState(url.searchParams.get('kategori') ?? '');
  const [closed, setClosed] = useState(false);
  const query = new URLSearchParams({ limit: '200' });
  if (kecamatan) query.set('kecamatan', kecamatan);
  if (category) query.set('category', category);
  if (closed) query.set('closed', 'true');
  // "Muat ulang" asks again (new complaints arrive while the screen is open).
  const [round, setRound] = useState(0);
  const queue = useQueue(`/api/complaints?${query}`, round);
  const catalog = useApi<ComplaintCatalog>('/api/complaints/catalog');
  const wilayah = useApi<{ kecamatan: { kode: string; nama: string }[] }>(role === 'operator-kecamatan' ? null : KECAMATAN_PATH);
  const region = useWilayah();
  const now = queue.data ? new Date(queue.data.now) : new Date();

  return (
    <>
      <section class="kartu">
        <h1>{handler ? 'Antrean pengaduan' : 'Pengaduan masyarakat'}</h1>
        <p>
          Pengaduan, saran dan apresiasi yang masih terbuka, tenggat terdekat di atas: verifikasi dalam 3 hari kerja, jawaban sesuai tingkat
          penanganannya. Tenggat yang terlewati dieskalasi kepada camat.
        </p>
        {role === 'operator-kecamatan' && <p class="catatan">Hanya baca. Identitas pelapor tidak ditampilkan.</p>}
        {handler && (
          <p>
            <a class="tombol" href="/petugas-pengaduan/baru">
              Catat pengaduan baru
            </a>{' '}
            <a class="tombol garis" href="/petugas-pengaduan/lapor">
              SP4N-LAPOR: impor dan perkembangan
            </a>
          </p>
        )}
        <form class="saring" onSubmit={(e) => e.preventDefault()}>
          {role !== 'operator-kecamatan' && (
            <div class="isian">
              <label for="saring-kecamatan">Kecamatan</label>
              <select id="saring-kecamatan" value={kecamatan} onChange={(e) => setKecamatan(e.currentTarget.value)}>
                <option value="">Semua kecamatan</option>
                {wilayah.data?.kecamatan.map((k) => (
                  <option key={k.kode} value={k.kode}>
                    {k.nama}
                  </option>
                ))}
              </select>
            </div>
          )}
          <div class="isian">
            <label for="saring-kategori">Kategori</label>
            <select id="saring-kategori" value={category} onChange={(e) => setCategory(e.currentTarget.value)}>
              <option value="">Semua kategori</option>
              {Object.entries(catalog.data?.categories ?? {}).map(([code, label]) => (
                <option key={code} value={code}>
                  {label}
                </option>
              ))}
            </select>
          </div>
          <button type="button" class="tombol garis" onClick={() => setRound(round + 1)}>
            Muat ulang
          </button>
          <label>
            <input type="checkbox" class="centang" checked={closed} onChange={(e) => setClosed(e.currentTarget.checked)} /> Tampilkan juga
            yang sudah selesai
          </label>
        </form>
        <ProblemAlert problem={queue.problem} />
        {queue.loading && <p class="memuat">Memuat antrean…</p>}
        {queue.data && queue.data.items.length === 0 && <p>Tidak ada pengaduan pada pilihan ini.</p>}
        {queue.data && queue.data.items.length > 0 && (
          <ScrollTable label="Antrean pengaduan">
            <caption class="catatan">{queue.data.total} pengaduan</caption>
            <thead>
              <tr>
                <th scope="col">Pengaduan</th>
                <th scope="col">Kategori</th>
                <th scope="col">Kanal</th>
                <th scope="col">Kecamatan</th>
                <th scope="col">Tahap</th>
                <th scope="col">Tenggat</th>
              </tr>
            </thead>
            <tbody>
              {queue.data.items.map((c) => {
                const overdue = c.nextDueAt !== null && new Date(c.nextDueAt) < now;
                return (
                  <tr key={c.complaintId}>
                    <td>
                      <a href={`${base}/${c.complaintId}`}>{c.summary}</a>
                      <br />
                      <span class="catatan">
                        {labelIn(catalog.data?.kinds, c.kind)}, diterima {formatWibDateTimeIso(c.receivedAt)}
                      </span>
                    </td>
                    <td>{labelIn(catalog.data?.categories, c.category)}</td>
                    <td>
                      {labelIn(catalog.data?.channels, c.channel)}
                      {c.laporTrackingNumber && <span class="catatan"> ({c.laporTrackingNumber})</span>}
                    </td>
                    <td data-verbatim>{region(c.kecamatan)}</td>
                    <td>{COMPLAINT_STATUS[c.status] ?? c.status}</td>
                    <td class={overdue ? 'peringatan' : undefined}>
                      {c.nextDueAt ? (
                        <>
                          {DUE_STAGE[c.nextDueStage ?? ''] ?? ''}: {formatWibDateTimeIso(c.nextDueAt)} (
                          {countdown(new Date(c.nextDueAt), now)}){c.escalations > 0 && <span> · dieskalasi kepada camat</span>}
                        </>
                      ) : (
                        '–'
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </ScrollTable>
        )}
      </section>
      {role !== 'operator-kecamatan' && <AgeChart kecamatan={kecamatan} />}
    </>
  );
}

type Queue = ComplaintPage<ComplaintSummary>;

/** The queue at `path`, asked again whenever `round` changes (the "Muat ulang" button). */
function useQueue(path: string, round: number): { data?: Queue; problem?: ApiProblem; loading: boolean } {
  const [state, setState] = useState<{ data?: Queue; problem?: ApiProblem; loading: boolean }>({ loading: true });
  useEffect(() => {
    let live = true;
    setState((s) => ({ ...s, loading: true }));
    api<Queue>(path).then(
      (data) => live && setState({ data, loading: false }),
      (e: unknown) => live && setState({ problem: asProblem(e), loading: false }),
    );
    return () => void (live = false);
  }, [path, round]);
  return state;
}
