import { api } from '../../api';
import type { PageProps } from '../../routes';
import { LookupForm } from '../../ui/lookup-form';
import { useApi } from '../../ui/use-api';
import { formatWibDateTimeIso } from '../../ui/wib';
import { COMPLAINT_STATUS, labelIn, OUTCOME_LABEL, type ComplaintCatalog } from '../petugas-pengaduan/complaint-labels';

/** POST /api/public/pengaduan/lacak: the status, the steps and the answer; never who complained. */
interface TrackedComplaint {
  nomor: string;
  kind: string;
  category: string;
  status: string;
  receivedAt: string;
  verifyBy: string | null;
  answerBy: string | null;
  answer: string | null;
  forwardedTo: string | null;
  closedAt: string | null;
  steps: { type: string; at: string; outcome?: string }[];
}

/** The steps as the complainant reads them (no staff notes, units or instructions). */
const PUBLIC_STEP: Record<string, string> = {
  ComplaintReceived: 'Pengaduan diterima',
  ComplaintVerified: 'Pengaduan diverifikasi',
  ComplaintInformationSupplied: 'Informasi tambahan Anda dicatat',
  ComplaintDisposed: 'Diteruskan kepada unit yang menangani',
  ComplaintAnswered: 'Pengaduan dijawab',
  ComplaintEscalated: 'Tenggat terlewati: dilaporkan kepada camat',
  ComplaintFollowUpInstructed: 'Camat memberi instruksi tindak lanjut',
  ComplaintClosed: 'Pengaduan ditutup',
  ComplaintReopened: 'Pengaduan dibuka kembali',
};

/** The complainant's lookup: the number and the secret code they were given when they sent it (and in the "diterima" mail). */
export default function ComplaintTracking({ url }: PageProps) {
  const catalog = useApi<Pick<ComplaintCatalog, 'kinds' | 'categories'>>('/api/public/pengaduan');
  const lookup = (v: Record<string, string>) => api<TrackedComplaint>('/api/public/pengaduan/lacak', { method: 'POST', json: v });

  return (
    <section class="kartu">
      <h1>Lacak pengaduan</h1>
      <p>
        Isi nomor pengaduan dan kode rahasia yang Anda terima saat mengirim pengaduan, juga tercantum di e-mail “Pengaduan diterima” bila
        Anda meninggalkan alamat e-mail.
      </p>
      <LookupForm
        fields={[
          { name: 'nomor', label: 'Nomor pengaduan', initial: url.searchParams.get('nomor') ?? '' },
          { name: 'kode', label: 'Kode rahasia' },
        ]}
        lookup={lookup}
      >
        {(answer: TrackedComplaint) => (
          <div class="hasil">
            <h2>{COMPLAINT_STATUS[answer.status] ?? answer.status}</h2>
            <p>
              <span data-verbatim>{answer.nomor}</span> · {labelIn(catalog.data?.kinds, answer.kind)},{' '}
              {labelIn(catalog.data?.categories, answer.category)}
            </p>
            {answer.status === 'received' && answer.verifyBy && <p>Diverifikasi paling lambat {formatWibDateTimeIso(answer.verifyBy)}.</p>}
            {answer.answerBy && !answer.answer && <p>Dijawab paling lambat {formatWibDateTimeIso(answer.answerBy)}.</p>}
            {answer.forwardedTo && <p>Diteruskan kepada: {answer.forwardedTo}</p>}
            {answer.answer && (
              <>
                <h3>Jawaban</h3>
                <p>{answer.answer}</p>
              </>
            )}
            <h3>Langkah penanganan</h3>
            <ol class="langkah">
              {answer.steps.map((s, i) => (
                <li key={i}>
                  <strong>{PUBLIC_STEP[s.type] ?? s.type}</strong> — {formatWibDateTimeIso(s.at)}
                  {s.outcome && <div>{OUTCOME_LABEL[s.outcome] ?? s.outcome}</div>}
                </li>
              ))}
            </ol>
          </div>
        )}
      </LookupForm>
    </section>
  );
}
