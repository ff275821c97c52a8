import type { PageProps } from '../../routes';
import { ROLE_LABELS, type Role } from '../../auth/session';
import { brokenRevision, ChainVerdict, type ChainProblem } from '../../ui/staff/chain-verdict';
import { eventLabel, eventReason, eventSubject } from '../../ui/staff/event-labels';
import { useRequirementLabels } from '../../ui/staff/requirement-labels';
import { ScrollTable } from '../../ui/staff/scroll-table';
import { ProblemAlert } from '../../ui/staff/problem-text';
import { useApi } from '../../ui/use-api';
import { formatWibDateTimeIso } from '../../ui/wib';

/** GET /api/applications/{id}/history (services/gateway): the stream with the hash chain checked. */
interface History {
  chainIntact: boolean;
  chainProblem?: ChainProblem | null;
  entries: { revision: number; type: string; occurredAt: string; actor?: { userId: string; role: string }; data?: unknown }[];
}

/** GET /api/applications/{id}/access-log: who read the personal data, what, when. */
interface AccessLog {
  records: {
    at: string;
    viewer: { userId: string; role: string; kecamatan?: string; desa?: string };
    view:
      | { kind: 'data' | 'kk-preview' | 'receipt' }
      | { kind: 'scan'; documentId: string; disposition: 'attachment' | 'inline' }
      | { kind: 'signed-kk'; documentId: string };
  }[];
}

const roleLabel = (role: string) => ROLE_LABELS[role as Role] ?? (role === 'system' ? 'Sistem' : role);
const who = (a?: { userId: string; role: string }) => (a ? `${a.userId} (${roleLabel(a.role)})` : 'Sistem');
function whatRead(v: AccessLog['records'][number]['view']): string {
  switch (v.kind) {
    case 'data':
      return 'Data permohonan';
    case 'kk-preview':
      return 'Pratinjau KK (belum ditandatangani)';
    case 'receipt':
      return 'Tanda terima berkas';
    case 'scan':
      return `Pindaian ${v.documentId.slice(0, 8)} (${v.disposition === 'inline' ? 'dilihat' : 'diunduh'})`;
    case 'signed-kk':
      return `KK bertanda tangan ${v.documentId.slice(0, 8)} (dicetak)`;
    default:
      return 'Data pribadi lain';
  }
}

/** The auditor's view of one application: its timeline in WIB, the chain verdict, the access log. */
export default function AuditTimeline({ params }: PageProps) {
  const history = useApi<History>(`/api/applications/${params.id}/history`);
  const access = useApi<AccessLog>(`/api/applications/${params.id}/access-log`);
  const requirementLabels = useRequirementLabels(params.id);
  const broken = brokenRevision(history.data?.chainProblem);
  const types = new Map((history.data?.entries ?? []).map((e) => [e.revision, e.type]));

  return (
    <>
      <section class="kartu">
        <p>
          <a href="/audit">Kembali ke daftar permohonan</a>
        </p>
        <h1>Riwayat permohonan</h1>
        <p class="catatan">ID {params.id}. Waktu dalam WIB.</p>
        <ProblemAlert problem={history.problem} />
        {history.loading && <p class="memuat">Memuat riwayat…</p>}
        {history.data && (
          <>
            <ChainVerdict intact={history.data.chainIntact} problem={history.data.chainProblem} types={types} />
            <ol class="garis-waktu">
              {history.data.entries.map((e) => {
                const reason = eventReason(e.data);
                const subject = eventSubject(e.data, requirementLabels);
                return (
                  <li key={e.revision} class={e.revision === broken ? 'diubah' : undefined} data-jenis={e.type}>
                    <p class="kapan">{formatWibDateTimeIso(e.occurredAt)}</p>
                    <p class="apa">
                      <strong>{eventLabel(e.type)}</strong>
                      {subject && <> — {subject}</>}
                    </p>
                    <p>Oleh {who(e.actor)}</p>
                    {reason && <p>Alasan: {reason}</p>}
                    {e.revision === broken && <p class="salah">Kejadian ini tidak cocok dengan rantai hash.</p>}
                  </li>
                );
              })}
            </ol>
          </>
        )}
      </section>
      <section class="kartu">
        <h2>Catatan akses data pribadi</h2>
        <p class="catatan">Setiap kali petugas membuka data pribadi atau pindaian permohonan ini (UU 27/2022).</p>
        {access.loading && <p class="memuat">Memuat catatan akses…</p>}
        {access.problem && access.problem.status !== 404 && <ProblemAlert problem={access.problem} />}
        {access.data && access.data.records.length === 0 && <p>Belum ada petugas yang membuka data pribadi permohonan ini.</p>}
        {access.data && access.data.records.length > 0 && (
          <ScrollTable label="Catatan akses data pribadi">
            <thead>
              <tr>
                <th scope="col">Kapan</th>
                <th scope="col">Siapa</th>
                <th scope="col">Apa</th>
              </tr>
            </thead>
            <tbody>
              {access.data.records.map((r, i) => (
                <tr key={i}>
                  <td>{formatWibDateTimeIso(r.at)}</td>
                  <td>{who(r.viewer)}</td>
                  <td>{whatRead(r.view)}</td>
                </tr>
              ))}
            </tbody>
          </ScrollTable>
        )}
      </section>
    </>
  );
}
