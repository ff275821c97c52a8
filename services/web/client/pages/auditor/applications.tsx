import { useState } from 'preact/hooks';
import type { PageProps } from '../../routes';
import { navigate } from '../../router';
import { ScrollTable } from '../../ui/staff/scroll-table';
import { ProblemAlert } from '../../ui/staff/problem-text';
import { useApi } from '../../ui/use-api';
import { useWilayah } from '../../ui/wilayah';
import { formatWibDateTimeIso } from '../../ui/wib';

/** GET /api/applications (the auditor's scope: the whole regency). */
interface Item {
  applicationId: string;
  kecamatan: string;
  receiptNumber: string | null;
  statusLabel: string;
  submittedAt: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The auditor picks an application (from the latest, or by its id) to read its timeline. */
export default function AuditApplications(_: PageProps) {
  const list = useApi<{ items: Item[] }>('/api/applications?limit=100');
  const region = useWilayah();
  const [id, setId] = useState('');
  const [idError, setIdError] = useState<string | null>(null);

  const open = (e: Event) => {
    e.preventDefault();
    const value = id.trim();
    if (!UUID.test(value)) return setIdError('ID permohonan harus berupa UUID, misalnya 0b6f…-…');
    navigate(`/audit/permohonan/${value.toLowerCase()}`);
  };

  return (
    <>
      <section class="kartu">
        <h1>Pemeriksaan riwayat permohonan</h1>
        <p>
          Pilih permohonan untuk melihat riwayatnya (kapan, oleh siapa, apa, dan mengapa), keutuhan rantai hash, dan catatan akses data
          pribadinya.
        </p>
        <form onSubmit={open} noValidate>
          <label for="id-permohonan">ID permohonan</label>
          <input
            id="id-permohonan"
            value={id}
            onInput={(e) => setId(e.currentTarget.value)}
            autoComplete="off"
            aria-describedby="id-salah"
          />
          <p id="id-salah" class="salah">
            {idError}
          </p>
          <button class="tombol" type="submit">
            Buka riwayat
          </button>
        </form>
      </section>
      <section class="kartu">
        <h2>Permohonan terbaru</h2>
        <ProblemAlert problem={list.problem} />
        {list.loading && <p class="memuat">Memuat daftar…</p>}
        {list.data && list.data.items.length === 0 && <p>Belum ada permohonan.</p>}
        {list.data && list.data.items.length > 0 && (
          <ScrollTable label="Permohonan terbaru">
            <thead>
              <tr>
                <th scope="col">Nomor tanda terima</th>
                <th scope="col">Keadaan</th>
                <th scope="col">Kecamatan</th>
                <th scope="col">Diajukan</th>
              </tr>
            </thead>
            <tbody>
              {list.data.items.map((i) => (
                <tr key={i.applicationId}>
                  <td>
                    <a href={`/audit/permohonan/${i.applicationId}`}>Riwayat {i.receiptNumber ?? i.applicationId.slice(0, 8)}</a>
                  </td>
                  <td>{i.statusLabel}</td>
                  <td data-verbatim title={i.kecamatan}>
                    {region(i.kecamatan)}
                  </td>
                  <td>{formatWibDateTimeIso(i.submittedAt)}</td>
                </tr>
              ))}
            </tbody>
          </ScrollTable>
        )}
      </section>
    </>
  );
}
