import { useState } from 'preact/hooks';
import { api, ApiProblem } from '../../api';
import type { PageProps } from '../../routes';
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

/** The complainant's lookup: the number and the secret code they were given when they sent it. */
export default function ComplaintTracking({ url }: PageProps) {
  const [nomor, setNomor] = useState(url.searchParams.get('nomor') ?? '');
  const [kode, setKode] = useState('');
  const [answer, setAnswer] = useState<TrackedComplaint | null>(null);
  const [problem, setProblem] = useState<ApiProblem | null>(null);
  const [busy, setBusy] = useState(false);
  const catalog = useApi<Pick<ComplaintCatalog, 'kinds' | 'categories'>>('/api/public/pengaduan');

  const submit = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setProblem(null);
    setAnswer(null);
    try {
      setAnswer(
        await api<TrackedComplaint>('/api/public/pengaduan/lacak', { method: 'POST', json: { nomor: nomor.trim(), kode: kode.trim() } }),
      );
    } catch (err) {
      setProblem(err instanceof ApiProblem ? err : new ApiProblem(0, 'UNKNOWN', 'Terjadi kesalahan.'));
    } finally {
      setBusy(false);
    }
  };
  const fieldError = (field: string) => problem?.errors.find((x) => x.field === field)?.message;

  return (
    <section class="kartu">
      <h1>Lacak pengaduan</h1>
      <p>Isi nomor pengaduan dan kode rahasia yang Anda terima saat mengirim pengaduan.</p>
      <form onSubmit={submit} noValidate>
        <label for="nomor">Nomor pengaduan</label>
        <input id="nomor" name="nomor" value={nomor} onInput={(e) => setNomor(e.currentTarget.value)} autoComplete="off" />
        {fieldError('nomor') && <p class="salah">{fieldError('nomor')}</p>}
        <label for="kode">Kode rahasia</label>
        <input id="kode" name="kode" value={kode} onInput={(e) => setKode(e.currentTarget.value)} autoComplete="off" />
        {fieldError('kode') && <p class="salah">{fieldError('kode')}</p>}
        <button class="tombol" type="submit" disabled={busy}>
          {busy ? 'Mencari…' : 'Lacak'}
        </button>
      </form>
      <div aria-live="polite">
        {problem && (
          <p class="peringatan" role="alert">
            {problem.message}
          </p>
        )}
        {answer && (
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
      </div>
    </section>
  );
}
