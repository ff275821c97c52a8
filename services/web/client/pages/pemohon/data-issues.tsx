import { SelectField, TextField, type FieldErrors, type Values } from '../../ui/forms/fields';
import { fieldLabel } from '../../ui/forms/field-labels';
import { JENIS_KELAMIN, KK_VALUES, NEWBORN_HUBUNGAN } from '../../ui/forms/kk-values';

/** GET /api/applications/{id}/data, the parts a correction reads. */
export interface SubmittedData {
  applicant: Record<string, string>;
  newborn: Record<string, string | number>;
  dataVerification: { decision: string; issues: { field: string; reason: string }[] };
}

/** What a correction may change online (POST .../corrections: the applicant's contact and the newborn's data). */
export const correctable = (field: string) => /^(applicant\.(telepon|email)|newborn\.\w+)$/.test(field);

const CHOICES: Record<string, readonly string[]> = {
  'newborn.jenisKelamin': JENIS_KELAMIN,
  'newborn.agama': KK_VALUES.agama,
  'newborn.golonganDarah': KK_VALUES.golonganDarah,
  'newborn.kewarganegaraan': KK_VALUES.kewarganegaraan,
  'newborn.statusHubungan': NEWBORN_HUBUNGAN,
};
const TYPES: Record<string, 'date' | 'time' | 'number' | 'tel' | 'email'> = {
  'newborn.tanggalLahir': 'date',
  'newborn.jamLahir': 'time',
  'newborn.kelahiranKe': 'number',
  'newborn.beratBayiGram': 'number',
  'newborn.panjangBayiCm': 'number',
  'applicant.telepon': 'tel',
  'applicant.email': 'email',
};

/** The values a correction form starts from: what was submitted, for each field the operator refused. */
export function startingValues(data: SubmittedData): Values {
  const out: Values = {};
  for (const { field } of data.dataVerification.issues.filter((i) => correctable(i.field))) {
    const [part, key] = field.split('.');
    const v = (part === 'applicant' ? data.applicant : data.newborn)[key];
    out[field] = v === undefined ? '' : String(v);
  }
  return out;
}

/** The data fields refused by the operator, each with its reason and, where it can be fixed online, its input. */
export function DataIssues({
  data,
  values,
  errors,
  set,
}: {
  data: SubmittedData;
  values: Values;
  errors: FieldErrors;
  set: (n: string, v: string) => void;
}) {
  const issues = data.dataVerification.issues;
  if (!issues.length) return null;
  return (
    <>
      <h3>Data yang perlu diperbaiki</h3>
      {issues.map((i) => {
        const label = `${fieldLabel(i.field)} (alasan: ${i.reason})`;
        if (!correctable(i.field))
          return <p key={i.field}>{label}. Kolom ini tidak dapat diubah secara daring: hubungi kantor kecamatan.</p>;
        const p = { name: i.field, label, values, errors, set };
        return CHOICES[i.field] ? (
          <SelectField key={i.field} {...p} options={CHOICES[i.field]} />
        ) : (
          <TextField key={i.field} {...p} type={TYPES[i.field]} />
        );
      })}
    </>
  );
}

/** `changes` of the correction: the corrected contact and newborn fields (numbers as numbers). */
export function correctionChanges(values: Values): Record<string, Record<string, string | number>> | undefined {
  const changes: Record<string, Record<string, string | number>> = {};
  for (const [field, raw] of Object.entries(values)) {
    const v = raw.trim();
    if (!v || !correctable(field)) continue;
    const [part, key] = field.split('.');
    (changes[part] ??= {})[key] = TYPES[field] === 'number' ? Number(v.replace(',', '.')) : v;
  }
  return Object.keys(changes).length ? changes : undefined;
}
