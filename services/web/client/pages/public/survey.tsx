import { useState } from 'preact/hooks';
import { api, ApiProblem } from '../../api';
import type { PageProps } from '../../routes';
import { Notice } from '../../ui/notice';
import { asProblem, ProblemAlert } from '../../ui/staff/problem-text';
import { useApi } from '../../ui/use-api';
import { formatWibDateTimeIso } from '../../ui/wib';
import { useWilayah } from '../../ui/wilayah';
import { IKM_ELEMENTS } from '../../../../../libs/domain/src/survey/ikm';

/** GET /api/public/survei/{token} (services/complaints). */
interface SurveyPage {
  kecamatan: string;
  serviceName: string;
  expiresAt: string;
}

/** What a refused link means to the visitor, by the API's code. */
const REFUSALS: Record<string, string> = {
  SURVEY_ALREADY_ANSWERED: 'Survei sudah diisi',
  SURVEY_LINK_EXPIRED: 'Tautan survei sudah tidak berlaku',
  SURVEY_LINK_INVALID: 'Tautan survei tidak dikenal',
};

/**
 * The IKM survey of the invitation mail (PermenPANRB 14/2017): nine questions, four answers each,
 * and an optional suggestion. Public, mobile-first; the token in the address is the credential.
 */
export default function Survey({ params }: PageProps) {
  const path = `/api/public/survei/${encodeURIComponent(params.token)}`;
  const page = useApi<SurveyPage>(path);
  const region = useWilayah();
  const [scores, setScores] = useState<Record<string, number>>({});
  const [saran, setSaran] = useState('');
  const [problem, setProblem] = useState<ApiProblem | null>(null);
  const [sent, setSent] = useState(false);
  const [busy, setBusy] = useState(false);

  if (page.loading) return <p class="memuat">Memuat survei…</p>;
  const refusal = problem && REFUSALS[problem.code] ? problem : page.problem;
  if (refusal) return <Notice title={REFUSALS[refusal.code] ?? 'Survei tidak dapat dibuka'} text={refusal.message} link="/" />;
  if (sent)
    return (
      <Notice
        title="Terima kasih"
        text="Penilaian Anda sudah kami terima. Jawaban disimpan tanpa identitas Anda dan membantu kami memperbaiki pelayanan."
        link="/"
      />
    );
  const info = page.data!;
  const fieldError = (field: string) => problem?.errors.find((e) => e.field === field)?.message;

  const submit = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setProblem(null);
    try {
      await api(path, { method: 'POST', json: { scores, ...(saran.trim() ? { saran } : {}) } });
      setSent(true);
    } catch (err) {
      setProblem(asProblem(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section class="kartu">
      <h1>Survei kepuasan masyarakat</h1>
      <p>
        {info.serviceName}, Kecamatan {region(info.kecamatan)}. Survei ini anonim: jawaban disimpan tanpa nama, NIK, atau alamat e-mail, dan
        hanya dapat diisi satu kali. Tautan berlaku sampai {formatWibDateTimeIso(info.expiresAt)}.
      </p>
      <form onSubmit={submit} noValidate>
        {IKM_ELEMENTS.map((element, n) => {
          const error = fieldError(`scores.${element.id}`);
          return (
            <fieldset key={element.id} aria-describedby={error ? `salah-${element.id}` : undefined}>
              <legend>
                {n + 1}. {element.label}
              </legend>
              <p>{element.question}</p>
              {element.answers.map((answer, i) => (
                <div class="pilihan" key={answer}>
                  <input
                    type="radio"
                    id={`${element.id}-${i + 1}`}
                    name={element.id}
                    value={i + 1}
                    checked={scores[element.id] === i + 1}
                    onChange={() => setScores({ ...scores, [element.id]: i + 1 })}
                  />
                  <label for={`${element.id}-${i + 1}`}>{answer}</label>
                </div>
              ))}
              {error && (
                <p class="salah" id={`salah-${element.id}`}>
                  {error}
                </p>
              )}
            </fieldset>
          );
        })}
        <p>
          <label for="saran">Saran dan masukan (boleh dikosongkan)</label>
          <textarea id="saran" name="saran" rows={4} maxLength={1000} value={saran} onInput={(e) => setSaran(e.currentTarget.value)} />
          {fieldError('saran') && <span class="salah">{fieldError('saran')}</span>}
        </p>
        <ProblemAlert problem={problem} />
        <button class="tombol" type="submit" disabled={busy}>
          Kirim penilaian
        </button>
      </form>
    </section>
  );
}
