import { useEffect, useRef, useState } from 'preact/hooks';
import { api, ApiProblem } from '../../api';
import type { ApplicationDetail } from '../../ui/forms/application-types';
import { TextField, type FieldErrors, type Values } from '../../ui/forms/fields';
import { newIdempotencyKey } from '../../ui/forms/idempotency';
import { ScanUpload } from '../../ui/forms/scan-upload';
import { useNow } from '../../ui/forms/use-application';
import { useApi } from '../../ui/use-api';
import { countdown, formatWibDateTimeIso } from '../../ui/wib';
import { correctionChanges, DataIssues, startingValues, type SubmittedData } from './data-issues';

/**
 * A correction the operator asked for: what was refused and why, the deadline in WIB counting down,
 * a new scan for each refused document, new contact details when those were refused, then one
 * "Kirim perbaikan" (POST /api/applications/{id}/corrections).
 */
export function CorrectionPanel({ application, onSent }: { application: ApplicationDetail; onSent: () => void }) {
  const now = useNow();
  const [values, setValues] = useState<Values>({});
  const [errors, setErrors] = useState<FieldErrors>({});
  const [message, setMessage] = useState<string>();
  const [sending, setSending] = useState(false);
  const key = useRef(newIdempotencyKey());
  const due = application.status.correctionDueAt ?? application.correctionDueAt;
  const refused = application.requirements.filter((r) => r.decision === 'rejected');
  const contactRefused = refused.some((r) => r.kind === 'data');
  // The submitted data and the operator's refused fields (GET .../data), for data corrections.
  const submitted = useApi<SubmittedData>(`/api/applications/${application.applicationId}/data`);
  useEffect(() => {
    const data = submitted.data;
    if (data) setValues((v) => ({ ...startingValues(data), ...v }));
  }, [submitted.data]);
  const set = (n: string, v: string) => setValues((old) => ({ ...old, [n]: v }));

  const send = async (e: Event) => {
    e.preventDefault();
    setSending(true);
    setMessage(undefined);
    const changes = correctionChanges(values);
    try {
      await api(`/api/applications/${application.applicationId}/corrections`, {
        method: 'POST',
        json: changes ? { changes } : {},
        headers: { 'idempotency-key': key.current },
      });
      onSent();
    } catch (err) {
      const problem = err instanceof ApiProblem ? err : new ApiProblem(0, 'UNKNOWN', 'Perbaikan tidak dapat dikirim.');
      setErrors(Object.fromEntries(problem.errors.map((f) => [f.field.replace(/^changes\./, ''), f.message])));
      setMessage(problem.message);
      key.current = newIdempotencyKey(); // a refused correction appended nothing; the next try is a new one
    } finally {
      setSending(false);
    }
  };

  return (
    <section class="kartu perbaikan" aria-labelledby="judul-perbaikan">
      <h2 id="judul-perbaikan">Perbaikan diminta</h2>
      {due && (
        <p class="tenggat">
          Batas waktu perbaikan: <strong>{formatWibDateTimeIso(due)}</strong>{' '}
          <span class="sisa">({countdown(new Date(due), new Date(now))})</span>
        </p>
      )}
      <p>
        Perbaiki persyaratan berikut, lalu tekan “Kirim perbaikan”. Jika lewat batas waktu, berkas dikembalikan dan Anda perlu mengajukan
        ulang.
      </p>
      <ul>
        {refused.map((r) => (
          <li key={r.id}>
            <span data-verbatim>{r.label}</span>: {r.reason ?? 'tidak sesuai'}
          </li>
        ))}
      </ul>
      {refused
        .filter((r) => r.kind === 'document')
        .map((r) => (
          <ScanUpload key={r.id} applicationId={application.applicationId} requirement={r} />
        ))}
      <form onSubmit={send} noValidate>
        {submitted.data && <DataIssues data={submitted.data} values={values} errors={errors} set={set} />}
        {contactRefused && (
          <>
            <TextField
              values={values}
              errors={errors}
              set={set}
              name="applicant.telepon"
              label="Nomor handphone yang benar"
              type="tel"
              optional
            />
            <TextField
              values={values}
              errors={errors}
              set={set}
              name="applicant.email"
              label="Alamat email yang benar"
              type="email"
              optional
            />
          </>
        )}
        {message && (
          <p class="peringatan" role="alert">
            {message}
          </p>
        )}
        <button type="submit" class="tombol" disabled={sending}>
          {sending ? 'Mengirim…' : 'Kirim perbaikan'}
        </button>
      </form>
    </section>
  );
}
