import type { ApplicationHistory } from '@adminduk/api-contracts';
import type { PageProps } from '../../routes';
import { brokenRevision, ChainVerdict, HashMark } from '../../ui/staff/chain-verdict';
import { personalDataSummary } from '../../ui/staff/personal-data-summary';
import { whatRead, who, type AccessView } from '../../ui/staff/access-labels';
import { eventLabel, eventReason, eventSubject } from '../../ui/staff/event-labels';
import { useRequirementLabels } from '../../ui/staff/requirement-labels';
import { ScrollTable } from '../../ui/staff/scroll-table';
import { ProblemAlert } from '../../ui/staff/problem-text';
import { useApi } from '../../ui/use-api';
import { formatWibDateTimeIso } from '../../ui/wib';

/** GET /api/applications/{id}/access-log: who read the personal data, what, when. */
interface AccessLog {
  records: {
    at: string;
    viewer: { userId: string; role: string; kecamatan?: string; desa?: string };
    view: AccessView;
  }[];
}

/** The auditor's view of one application: its timeline in WIB, the chain verdict, the access log. */
export default function AuditTimeline({ params }: PageProps) {
  // GET /api/applications/{id}/history (services/gateway): the stream with the hash chain checked.
  const history = useApi<ApplicationHistory>(`/api/applications/${params.id}/history`);
  // After the history: opening it is itself a recorded read, which the log below then shows.
  const access = useApi<AccessLog>(history.loading ? null : `/api/applications/${params.id}/access-log`);
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
        <p class="catatan">
          ID {params.id}. Waktu dalam WIB. Data pribadi dalam riwayat ini ditampilkan untuk pemeriksaan dan pembukaannya dicatat.
        </p>
        <ProblemAlert problem={history.problem} />
        {history.loading && <p class="memuat">Memuat riwayat…</p>}
        {history.data && (
          <>
            <ChainVerdict intact={history.data.chainIntact} problem={history.data.chainProblem} types={types} />
            <ol class="garis-waktu">
              {history.data.entries.map((e) => {
                const reason = eventReason(e.data);
                const subject = eventSubject(e.data, requirementLabels);
                const personal = e.personalData === 'shown' ? personalDataSummary(e.type, e.data) : null;
                return (
                  <li
                    key={e.revision}
                    class={e.revision === broken || e.hashStatus !== 'ok' ? 'diubah' : undefined}
                    data-jenis={e.type}
                    data-hash={e.hashStatus}
                  >
                    <p class="kapan">{formatWibDateTimeIso(e.occurredAt)}</p>
                    <p class="apa">
                      <strong>{eventLabel(e.type)}</strong>
                      {subject && <> — {subject}</>}
                    </p>
                    <p>Oleh {who(e.actor)}</p>
                    {reason && <p>Alasan: {reason}</p>}
                    {personal && <p class="data-pribadi">{personal}</p>}
                    {e.personalData === 'masked' && <p class="catatan">Data pribadi disamarkan.</p>}
                    <HashMark status={e.hashStatus} eventId={e.eventId} />
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
