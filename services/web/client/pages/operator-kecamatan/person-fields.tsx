import type { FieldDef } from './kk-fields';

export type Values = Record<string, string>;

interface Props {
  /** Unique id prefix ("anggota-1") so every label points at its own input. */
  idPrefix: string;
  fields: FieldDef[];
  values: Values;
  onChange: (key: string, value: string) => void;
  /** Field errors from the API, by field key within this group. */
  errors?: Record<string, string>;
}

/** A group of KK fields as labelled inputs: selects for fixed lists, suggestions for open ones. */
export function PersonFields({ idPrefix, fields, values, onChange, errors = {} }: Props) {
  return (
    <div style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(15rem, 1fr))', gap: '0 1rem' }}>
      {fields.map((f) => {
        const id = `${idPrefix}-${f.key}`;
        const value = values[f.key] ?? '';
        const set = (e: { currentTarget: { value: string } }) => onChange(f.key, e.currentTarget.value);
        const error = errors[f.key];
        const common = { id, value, 'aria-invalid': error ? true : undefined, 'aria-describedby': error ? `${id}-salah` : undefined };
        return (
          <div key={f.key}>
            <label for={id}>
              {f.verbatim ? <span data-verbatim>{f.label}</span> : f.label}
              {f.optional && <span class="catatan"> (bila ada)</span>}
            </label>
            {f.choice ? (
              <select {...common} onChange={set} required={!f.optional}>
                <option value="">Pilih…</option>
                {f.values?.map((v) => (
                  <option key={v} value={v}>
                    {v}
                  </option>
                ))}
              </select>
            ) : (
              <input
                {...common}
                type={f.type === 'number' ? 'text' : (f.type ?? 'text')}
                inputMode={f.digits || f.type === 'number' ? 'numeric' : undefined}
                maxLength={f.digits}
                list={f.values ? `${id}-pilihan` : undefined}
                autoComplete="off"
                required={!f.optional}
                onInput={set}
              />
            )}
            {f.values && !f.choice && (
              <datalist id={`${id}-pilihan`}>
                {f.values.map((v) => (
                  <option key={v} value={v} />
                ))}
              </datalist>
            )}
            {error && (
              <p id={`${id}-salah`} class="salah" style={{ margin: 0 }}>
                {error}
              </p>
            )}
          </div>
        );
      })}
    </div>
  );
}

/** The form's text values as the API takes them: numbers as numbers, empty optional fields left out. */
export function toBody(fields: FieldDef[], values: Values): Record<string, string | number> {
  const out: Record<string, string | number> = {};
  for (const f of fields) {
    const v = (values[f.key] ?? '').trim();
    if (v === '') continue;
    out[f.key] = f.type === 'number' && /^\d+(\.\d+)?$/.test(v) ? Number(v) : v;
  }
  return out;
}
