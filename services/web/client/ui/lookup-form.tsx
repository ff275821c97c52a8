import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { ApiProblem } from '../api';
import { TextField, type FieldErrors, type Values } from './forms/fields';

/** One input of a public lookup: a number, or a factor that proves the number is the visitor's. */
export interface LookupField {
  name: string;
  label: string;
  hint?: string;
  /** From the page's query string when it names this field (a link in a mail names the number, never a secret). */
  initial?: string;
  type?: 'text' | 'date';
  inputMode?: 'numeric';
  maxLength?: number;
}

/**
 * The public lookups' one form (`/lacak`: receipt number, birth date, last four NIK digits;
 * `/pengaduan/lacak`: complaint number and secret code): the fields (client/ui/forms TextField, each
 * with the service's message for it), "Mencari…" while asking, then in a live region either the
 * service's message or the page's rendering of the answer. Values are trimmed before `lookup`; a new
 * search clears the previous answer and problem.
 */
export function LookupForm<T>({
  fields,
  lookup,
  children,
}: {
  fields: LookupField[];
  /** Asks the service; an ApiProblem it throws is shown (its field errors under their fields). */
  lookup: (values: Values) => Promise<T>;
  /** The answer, once found. */
  children: (answer: T) => ComponentChildren;
}) {
  const [values, setValues] = useState<Values>(() => Object.fromEntries(fields.map((f) => [f.name, f.initial ?? ''])));
  const [answer, setAnswer] = useState<T | null>(null);
  const [problem, setProblem] = useState<ApiProblem | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setProblem(null);
    setAnswer(null);
    try {
      setAnswer(await lookup(Object.fromEntries(fields.map((f) => [f.name, (values[f.name] ?? '').trim()]))));
    } catch (err) {
      setProblem(err instanceof ApiProblem ? err : new ApiProblem(0, 'UNKNOWN', 'Terjadi kesalahan.'));
    } finally {
      setBusy(false);
    }
  };
  const errors: FieldErrors = Object.fromEntries((problem?.errors ?? []).map((x) => [x.field, x.message]));
  const set = (name: string, value: string) => setValues((v) => ({ ...v, [name]: value }));

  return (
    <>
      <form onSubmit={submit} noValidate>
        {fields.map(({ initial: _initial, ...f }) => (
          <TextField key={f.name} {...f} values={values} errors={errors} set={set} />
        ))}
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
        {answer && children(answer)}
      </div>
    </>
  );
}
