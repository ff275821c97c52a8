/** A form's values and the API's field errors, both keyed by the API's field path (e.g. "family.anggota.0.nik"). */
export type Values = Record<string, string>;
export type FieldErrors = Record<string, string>;

export interface FieldProps {
  name: string;
  label: string;
  values: Values;
  errors: FieldErrors;
  set: (name: string, value: string) => void;
  hint?: string;
  optional?: boolean;
  /** The label is a column name of the KK form itself (e.g. "Status Perkawinan"), quoted as printed. */
  verbatim?: boolean;
}

const idOf = (name: string) => `f-${name.replace(/[^A-Za-z0-9]/g, '-')}`;

/** The message the API gave for this field, tied to it for screen readers. */
function Problem({ name, errors }: { name: string; errors: FieldErrors }) {
  const message = errors[name];
  return message ? (
    <p class="salah" id={`${idOf(name)}-salah`}>
      {message}
    </p>
  ) : null;
}

function described(p: FieldProps): { id: string; 'aria-invalid'?: boolean; 'aria-describedby'?: string } {
  const ids = [p.hint && `${idOf(p.name)}-petunjuk`, p.errors[p.name] && `${idOf(p.name)}-salah`].filter(Boolean).join(' ');
  return { id: idOf(p.name), 'aria-invalid': p.errors[p.name] ? true : undefined, 'aria-describedby': ids || undefined };
}

function Label(p: FieldProps) {
  return (
    <>
      <label for={idOf(p.name)}>
        {p.verbatim ? <span data-verbatim>{p.label}</span> : p.label}
        {p.optional && <span class="catatan"> (jika ada)</span>}
      </label>
      {p.hint && (
        <p class="catatan" id={`${idOf(p.name)}-petunjuk`}>
          {p.hint}
        </p>
      )}
    </>
  );
}

export function TextField(
  p: FieldProps & {
    type?: 'text' | 'email' | 'tel' | 'date' | 'time' | 'number';
    inputMode?: 'numeric' | 'tel' | 'email';
    maxLength?: number;
    autoComplete?: string;
  },
) {
  return (
    <div class="isian">
      <Label {...p} />
      <input
        {...described(p)}
        name={p.name}
        type={(p.type ?? 'text') as 'text'}
        inputMode={p.inputMode}
        maxLength={p.maxLength}
        autoComplete={p.autoComplete ?? 'off'}
        required={!p.optional}
        value={p.values[p.name] ?? ''}
        onInput={(e) => p.set(p.name, e.currentTarget.value)}
      />
      <Problem name={p.name} errors={p.errors} />
    </div>
  );
}

export function SelectField(p: FieldProps & { options: readonly string[] }) {
  return (
    <div class="isian">
      <Label {...p} />
      <select
        {...described(p)}
        name={p.name}
        required={!p.optional}
        value={p.values[p.name] ?? ''}
        onChange={(e) => p.set(p.name, e.currentTarget.value)}
      >
        <option value="">— pilih —</option>
        {p.options.map((o) => (
          <option key={o} value={o}>
            {o}
          </option>
        ))}
      </select>
      <Problem name={p.name} errors={p.errors} />
    </div>
  );
}

/** The API's errors that name no field of this form, listed once at the top. */
export function ErrorSummary({ message, errors, shown }: { message?: string; errors: FieldErrors; shown: (field: string) => boolean }) {
  if (!message) return null;
  const others = Object.entries(errors).filter(([f]) => !shown(f));
  return (
    <div class="peringatan" role="alert">
      <p>{message}</p>
      {others.length > 0 && (
        <ul>
          {others.map(([f, m]) => (
            <li key={f}>{m}</li>
          ))}
        </ul>
      )}
    </div>
  );
}
