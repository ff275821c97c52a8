import { useState } from 'preact/hooks';
import { api } from '../../api';
import { navigate } from '../../router';
import type { PageProps } from '../../routes';
import { newIdempotencyKey } from '../../ui/staff/idempotency';
import { ProblemAlert } from '../../ui/staff/problem-text';
import { useApi } from '../../ui/use-api';
import { WILAYAH_PATH } from '../../ui/wilayah';
import { ComplaintForm } from './complaint-form';
import type { ComplaintCatalog } from './complaint-labels';

/** The petugas pengaduan records a complaint received on any channel (a letter, a call, a post...). */
export default function RecordComplaint(_: PageProps) {
  const catalog = useApi<ComplaintCatalog>('/api/complaints/catalog');
  const wilayah = useApi<{ kecamatan: { kode: string; nama: string }[] }>(WILAYAH_PATH);
  // One key per screen visit: a double click or a retry records the complaint once.
  const [key] = useState(newIdempotencyKey);
  return (
    <section class="kartu">
      <h1>Catat pengaduan</h1>
      <p>Pengaduan, saran atau apresiasi dari kanal mana pun. Rujukan kanal disimpan bersama pengaduannya.</p>
      <ProblemAlert problem={catalog.problem} />
      {catalog.data && (
        <ComplaintForm
          catalog={catalog.data}
          kecamatan={wilayah.data?.kecamatan ?? []}
          staff
          submitLabel="Catat pengaduan"
          send={async (body) => {
            const r = await api<{ complaintId: string }>('/api/complaints', {
              method: 'POST',
              json: body,
              headers: { 'idempotency-key': key },
            });
            navigate(`/petugas-pengaduan/${r.complaintId}`);
          }}
        />
      )}
    </section>
  );
}
