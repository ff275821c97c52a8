import { useEffect, useRef, useState } from 'preact/hooks';
import { api, ApiProblem } from '../../../api';
import { navigate } from '../../../router';
import { useApi } from '../../use-api';
import { ErrorSummary, type FieldErrors, type Values } from '../fields';
import { newIdempotencyKey } from '../idempotency';
import { stepOfField, STEPS, submissionBody, withoutMember } from './submission-body';
import { ApplicantStep, FamilyStep, MembersStep, NewbornStep, RequirementsStep } from './steps';

const SERVICE_ID = 'kk-tambah-anggota-kelahiran';

interface CatalogAnswer {
  channels: { id: string; requirements: { id: string; label: string }[] }[];
}

/**
 * The guided online submission (citizen: daring-mandiri; village officer: daring-desa; the API picks
 * the channel from the login). One step at a time on a small screen; the API's field errors are shown
 * beside their fields, on the step that holds them. Sent once: then the page of the new application
 * takes the scans.
 */
export function SubmissionWizard({
  channel,
  initial,
  afterSubmit,
}: {
  channel: 'daring-mandiri' | 'daring-desa';
  initial?: Values;
  afterSubmit: (id: string) => string;
}) {
  const [step, setStep] = useState(0);
  const [values, setValues] = useState<Values>(initial ?? {});
  const [members, setMembers] = useState(1);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [message, setMessage] = useState<string>();
  const [sending, setSending] = useState(false);
  const key = useRef(newIdempotencyKey());
  const heading = useRef<HTMLHeadingElement>(null);
  const catalog = useApi<CatalogAnswer>(step === STEPS.length - 1 ? `/api/public/layanan/${SERVICE_ID}` : null);
  const requirements = catalog.data?.channels.find((c) => c.id === channel)?.requirements;

  useEffect(() => heading.current?.focus(), [step]);
  // A long form typed on a phone: leaving the page (reload, closing the tab) asks first. Nothing is stored.
  const typed = Object.keys(values).length > (initial ? Object.keys(initial).length : 0);
  useEffect(() => {
    if (!typed) return;
    const ask = (e: BeforeUnloadEvent) => {
      e.preventDefault();
      e.returnValue = '';
    };
    window.addEventListener('beforeunload', ask);
    return () => window.removeEventListener('beforeunload', ask);
  }, [typed]);

  const set = (name: string, value: string) => {
    setValues((v) => ({ ...v, [name]: value }));
    // The API's message for a field goes once the field is changed; the next send judges it again.
    setErrors((e) => (name in e ? Object.fromEntries(Object.entries(e).filter(([f]) => f !== name)) : e));
  };
  const p = { values, errors, set };
  const last = step === STEPS.length - 1;

  const send = async () => {
    setSending(true);
    setMessage(undefined);
    try {
      const answer = await api<{ applicationId: string }>('/api/applications', {
        method: 'POST',
        json: submissionBody(values, members),
        headers: { 'idempotency-key': key.current },
      });
      navigate(afterSubmit(answer.applicationId));
    } catch (e) {
      const problem = e instanceof ApiProblem ? e : new ApiProblem(0, 'UNKNOWN', 'Permohonan tidak dapat dikirim.');
      const byField: FieldErrors = {};
      for (const f of problem.errors) byField[f.field] ??= f.message;
      setErrors(byField);
      setMessage(problem.message);
      // Back to the first step with a field the API named, so the message is beside its field.
      const steps = problem.errors.map((f) => stepOfField(f.field));
      if (steps.length) setStep(Math.min(...steps));
    } finally {
      setSending(false);
    }
  };

  const onSubmit = (e: Event) => {
    e.preventDefault();
    if (last) void send();
    else setStep(step + 1);
  };

  return (
    <form class="kartu" onSubmit={onSubmit} noValidate>
      <ol class="langkah" aria-label="Langkah pengajuan">
        {STEPS.map((s, i) => (
          <li key={s} aria-current={i === step ? 'step' : undefined} class={i === step ? 'kini' : undefined}>
            {s}
          </li>
        ))}
      </ol>
      <h2 tabIndex={-1} ref={heading}>
        Langkah {step + 1} dari {STEPS.length}: {STEPS[step]}
      </h2>
      <ErrorSummary message={message} errors={errors} shown={(f) => !last && stepOfField(f) === step} />
      {step === 0 && <ApplicantStep {...p} />}
      {step === 1 && <FamilyStep {...p} desaFixed={channel === 'daring-desa'} />}
      {step === 2 && (
        <MembersStep
          {...p}
          count={members}
          add={() => setMembers(members + 1)}
          remove={(i) => {
            setValues(withoutMember(values, i));
            setErrors(withoutMember(errors, i));
            setMembers(members - 1);
          }}
        />
      )}
      {step === 3 && <NewbornStep {...p} />}
      {last && <RequirementsStep {...p} requirements={requirements} problem={catalog.problem?.message} />}
      <div class="tombol-baris">
        {step > 0 && (
          <button type="button" class="tombol kedua-terang" onClick={() => setStep(step - 1)}>
            Sebelumnya
          </button>
        )}
        <button type="submit" class="tombol" disabled={sending}>
          {last ? (sending ? 'Mengirim…' : 'Kirim permohonan') : 'Lanjut'}
        </button>
      </div>
    </form>
  );
}
