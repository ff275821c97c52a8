import type { Values } from '../fields';

// The field lists the domain checks a submission against (a module with no imports, not the
// domain's Node entry), so the body the form builds names exactly the fields the API accepts.
// eslint-disable-next-line @nx/enforce-module-boundaries -- the domain's field names (no code behind them), one source for API and form
import { MEMBER_FIELDS, NEWBORN_FIELDS as ALL_NEWBORN_FIELDS } from '../../../../../../libs/domain/src/application/kk-field-names';

export { MEMBER_FIELDS };

const NEWBORN_NUMBERS: readonly string[] = ['kelahiranKe', 'beratBayiGram', 'panjangBayiCm'];
/** The newborn's text fields; the numbers are sent as numbers. */
const NEWBORN_FIELDS = ALL_NEWBORN_FIELDS.filter((f) => !NEWBORN_NUMBERS.includes(f));

/** The steps of the guided submission; the last one sends it. */
export const STEPS = ['Pemohon', 'Keluarga', 'Anggota keluarga', 'Bayi', 'Persyaratan'] as const;

/** Which step shows the field an API error names (e.g. "family.anggota.1.nik" is on the members step). */
export function stepOfField(field: string): number {
  if (field.startsWith('applicant.')) return 0;
  if (field.startsWith('family.anggota')) return 2;
  if (field.startsWith('family.') || field === 'kecamatan') return 1;
  if (field.startsWith('newborn.')) return 3;
  return 4;
}

/** The kecamatan of a desa code: 35.15.12.2004 is in 35.15.12. */
export const kecamatanOf = (desa: string) => desa.trim().slice(0, 8);

/** Only what was filled in: an empty optional column is left out rather than sent blank. */
function pick(values: Values, prefix: string, names: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const n of names) {
    const v = (values[`${prefix}.${n}`] ?? '').trim();
    if (v) out[n] = v;
  }
  return out;
}

/** The body of POST /api/applications from the form's values (services/gateway submit-application.schema.ts). */
export function submissionBody(values: Values, memberCount: number): Record<string, unknown> {
  const desa = (values['family.alamat.desa'] ?? '').trim();
  const newborn: Record<string, unknown> = pick(values, 'newborn', NEWBORN_FIELDS);
  for (const n of NEWBORN_NUMBERS) {
    const v = (values[`newborn.${n}`] ?? '').trim();
    if (v) newborn[n] = Number(v.replace(',', '.'));
  }
  return {
    kecamatan: kecamatanOf(desa),
    applicant: pick(values, 'applicant', ['nik', 'namaLengkap', 'telepon', 'email']),
    family: {
      ...pick(values, 'family', ['noKk', 'namaKepalaKeluarga']),
      alamat: { ...pick(values, 'family.alamat', ['alamat', 'rt', 'rw', 'kodePos']), desa, kecamatan: kecamatanOf(desa) },
      anggota: Array.from({ length: memberCount }, (_, i) => pick(values, `family.anggota.${i}`, MEMBER_FIELDS)),
    },
    newborn,
    memilikiIjazah: values.memilikiIjazah === 'ya',
  };
}

/** Removes member `index` and moves the later members' values (and errors) up one place. */
export function withoutMember<T>(record: Record<string, T>, index: number): Record<string, T> {
  const out: Record<string, T> = {};
  const re = /^family\.anggota\.(\d+)\.(.+)$/;
  for (const [k, v] of Object.entries(record)) {
    const m = re.exec(k);
    if (!m) out[k] = v;
    else if (Number(m[1]) < index) out[k] = v;
    else if (Number(m[1]) > index) out[`family.anggota.${Number(m[1]) - 1}.${m[2]}`] = v;
  }
  return out;
}
