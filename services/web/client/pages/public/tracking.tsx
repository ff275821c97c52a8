import { useState } from 'preact/hooks';
import { api, ApiProblem } from '../../api';
import type { PageProps } from '../../routes';

/** POST /api/public/survei/dari-lacak (services/complaints): the IKM survey, once the KK reached the applicant. */
interface SurveyOffer {
  survei: 'terbuka' | 'sudah-diisi' | 'kedaluwarsa' | 'belum-ada';
  tautan?: string;
}

/** GET /api/public/lacak (services/gateway/src/tracking): the status and next step only. */
interface TrackingAnswer {
  status: string;
  keterangan?: string;
  langkahBerikutnya: string;
}

export default function Tracking({ url }: PageProps) {
  const [nomor, setNomor] = useState(url.searchParams.get('nomor') ?? '');
  const [tanggalLahir, setTanggalLahir] = useState('');
  const [nik4, setNik4] = useState('');
  const [answer, setAnswer] = useState<TrackingAnswer | null>(null);
  const [survey, setSurvey] = useState<SurveyOffer | null>(null);
  const [problem, setProblem] = useState<ApiProblem | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setProblem(null);
    setAnswer(null);
    setSurvey(null);
    try {
      const q = new URLSearchParams({ nomor: nomor.trim(), tanggalLahir, nik4 });
      setAnswer(await api<TrackingAnswer>(`/api/public/lacak?${q}`));
      // The survey is a bonus: the status stands even when its service does not answer.
      api<SurveyOffer>('/api/public/survei/dari-lacak', { method: 'POST', json: { nomor: nomor.trim(), tanggalLahir, nik4 } }).then(
        setSurvey,
        () => undefined,
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
      <h1>Lacak permohonan</h1>
      <p>Untuk permohonan yang diajukan di kantor kecamatan atau melalui desa. Isi nomor tanda terima dan data pemohon.</p>
      <form onSubmit={submit} noValidate>
        <label for="nomor">Nomor tanda terima</label>
        <input id="nomor" name="nomor" value={nomor} onInput={(e) => setNomor(e.currentTarget.value)} required autoComplete="off" />
        {fieldError('nomor') && <p class="salah">{fieldError('nomor')}</p>}
        <label for="tanggalLahir">Tanggal lahir pemohon</label>
        <input
          id="tanggalLahir"
          name="tanggalLahir"
          type="date"
          value={tanggalLahir}
          onInput={(e) => setTanggalLahir(e.currentTarget.value)}
          required
        />
        {fieldError('tanggalLahir') && <p class="salah">{fieldError('tanggalLahir')}</p>}
        <label for="nik4">Empat angka terakhir NIK pemohon</label>
        <input
          id="nik4"
          name="nik4"
          inputMode="numeric"
          maxLength={4}
          pattern="[0-9]{4}"
          value={nik4}
          onInput={(e) => setNik4(e.currentTarget.value)}
          required
          autoComplete="off"
        />
        {fieldError('nik4') && <p class="salah">{fieldError('nik4')}</p>}
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
            <h2>{answer.status}</h2>
            {answer.keterangan && <p>{answer.keterangan}</p>}
            <p>
              <strong>Langkah berikutnya:</strong> {answer.langkahBerikutnya}
            </p>
            {survey?.survei === 'terbuka' && survey.tautan && (
              <p>
                Bagaimana pelayanan kami? Penilaian Anda tanpa nama.{' '}
                <a class="tombol" href={survey.tautan} rel="noreferrer">
                  Isi survei kepuasan
                </a>
              </p>
            )}
            {survey?.survei === 'sudah-diisi' && <p>Terima kasih, survei kepuasan untuk permohonan ini sudah diisi.</p>}
          </div>
        )}
      </div>
    </section>
  );
}
