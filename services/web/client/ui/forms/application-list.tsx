import { useApi } from '../use-api';
import { Notice } from '../notice';
import type { ApplicationRow } from './application-types';
import { formatWibDateTimeIso } from '../wib';

/** The caller's applications (a citizen: their family's; a village officer: their desa's), newest first. */
export function ApplicationList({ title, intro, newPath }: { title: string; intro: string; newPath: string }) {
  const { data, problem } = useApi<{ items: ApplicationRow[] }>('/api/applications?limit=100');
  if (problem) return <Notice title={title} text={problem.message} link="/beranda" />;
  const items = data ? [...data.items].sort((a, b) => b.submittedAt.localeCompare(a.submittedAt)) : undefined;
  return (
    <section class="kartu">
      <h1>{title}</h1>
      <p>{intro}</p>
      <p>
        <a class="tombol" href={newPath}>
          Ajukan permohonan baru
        </a>
      </p>
      {!items && <p class="memuat">Memuat daftar permohonan…</p>}
      {items?.length === 0 && <p>Belum ada permohonan.</p>}
      {items && items.length > 0 && (
        <ul class="daftar-permohonan">
          {items.map((a) => (
            <li key={a.applicationId}>
              <a href={`/permohonan/${a.applicationId}`}>
                {a.receiptNumber ? `Tanda terima ${a.receiptNumber}` : `Diajukan ${formatWibDateTimeIso(a.submittedAt)}`}
              </a>
              <span class="keadaan">{a.statusLabel}</span>
              {a.correctionDueAt && <span class="peringatan">Perbaiki sebelum {formatWibDateTimeIso(a.correctionDueAt)}</span>}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
