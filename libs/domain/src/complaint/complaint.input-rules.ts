import type { FieldIssue } from '../identifiers/identifier-result';
import { findKecamatan } from '../identifiers/wilayah';
import { unsafeTextProblem } from '../shared/safe-text';
import { isComplaintCategory, isComplaintChannel, isComplaintKind, isLaporChannel, WEB_FORM_CHANNEL } from './complaint-catalog';
import type { ComplaintCommandActor, ReceiveComplaintData } from './complaint.commands';
import type { ComplainantIdentity } from './complaint.events';

// The input rules of the complaint commands: every field's problem named at once (400 VALIDATION_FAILED).

/** One text field's problem (missing, too short/long, control characters), or none. */
export function textIssue(
  field: string,
  value: unknown,
  min: number,
  max: number,
  label: string,
  multiline = false,
): FieldIssue | undefined {
  if (typeof value !== 'string' || value.trim().length < min)
    return { field, code: 'REQUIRED', message: `${label} wajib diisi (paling sedikit ${min} karakter).` };
  if (value.length > max) return { field, code: 'TOO_LONG', message: `${label} paling banyak ${max} karakter.` };
  const unsafe = unsafeTextProblem(value, { multiline });
  return unsafe ? { field, code: 'UNSAFE_TEXT', message: `${label}: ${unsafe}` } : undefined;
}

function optionalTextIssue(field: string, value: unknown, max: number, label: string): FieldIssue | undefined {
  return value === undefined ? undefined : textIssue(field, value, 1, max, label);
}

const EMAIL = /^[^\s@]{1,64}@[^\s@]+\.[^\s@]{2,}$/;
const PHONE = /^\+?[0-9][0-9 -]{5,19}$/;
const LAPOR_NUMBER = /^[A-Za-z0-9-]{4,40}$/;

export function receiveIssues(d: ReceiveComplaintData, actor: ComplaintCommandActor): FieldIssue[] {
  const issues: (FieldIssue | undefined)[] = [
    isComplaintKind(d.kind) ? undefined : { field: 'kind', code: 'UNKNOWN', message: 'Jenis harus pengaduan, saran atau apresiasi.' },
    isComplaintCategory(d.category) ? undefined : { field: 'category', code: 'UNKNOWN', message: 'Kategori pengaduan tidak dikenal.' },
    isComplaintChannel(d.channel) ? undefined : { field: 'channel', code: 'UNKNOWN', message: 'Kanal pengaduan tidak dikenal.' },
    textIssue('summary', d.summary, 5, 200, 'Judul'),
    textIssue('description', d.description, 10, 4000, 'Uraian', true),
    optionalTextIssue('channelReference', d.channelReference, 200, 'Rujukan kanal'),
  ];
  if (
    typeof d.channel === 'string' &&
    isLaporChannel(d.channel) &&
    !(typeof d.laporTrackingNumber === 'string' && LAPOR_NUMBER.test(d.laporTrackingNumber))
  )
    issues.push({
      field: 'laporTrackingNumber',
      code: 'REQUIRED',
      message: 'Nomor pelacakan SP4N-LAPOR wajib diisi untuk kanal SP4N-LAPOR.',
    });
  if (d.laporTrackingNumber !== undefined && !isLaporChannel(String(d.channel)))
    issues.push({ field: 'laporTrackingNumber', code: 'NOT_LAPOR', message: 'Nomor pelacakan SP4N-LAPOR hanya untuk kanal SP4N-LAPOR.' });
  if (actor.role === 'publik' && d.channel !== WEB_FORM_CHANNEL)
    issues.push({ field: 'channel', code: 'PUBLIC_CHANNEL', message: 'Formulir publik hanya untuk kanal situs layanan ini.' });
  if (d.kecamatan !== undefined && !(typeof d.kecamatan === 'string' && findKecamatan(d.kecamatan)))
    issues.push({ field: 'kecamatan', code: 'UNKNOWN', message: 'Kecamatan tidak dikenal.' });
  if (d.reportedAt !== undefined && Number.isNaN(Date.parse(String(d.reportedAt))))
    issues.push({ field: 'reportedAt', code: 'FORMAT', message: 'Tanggal laporan tidak valid.' });
  const app = d.application;
  if (app !== undefined) {
    issues.push(optionalTextIssue('application.applicationId', app.applicationId, 64, 'Nomor permohonan'));
    issues.push(optionalTextIssue('application.receiptNumber', app.receiptNumber, 64, 'Nomor tanda terima'));
  }
  const c = identityOf(d.complainant);
  if (c !== undefined) {
    issues.push(optionalTextIssue('complainant.name', c.name, 120, 'Nama'));
    if (c.email !== undefined && !(typeof c.email === 'string' && EMAIL.test(c.email) && c.email.length <= 200))
      issues.push({ field: 'complainant.email', code: 'FORMAT', message: 'Alamat email tidak valid.' });
    if (c.phone !== undefined && !(typeof c.phone === 'string' && PHONE.test(c.phone)))
      issues.push({ field: 'complainant.phone', code: 'FORMAT', message: 'Nomor telepon tidak valid.' });
  }
  return issues.filter((i): i is FieldIssue => i !== undefined);
}

/** Only what was given: an identity with no field left is no identity (anonymous). */
export function identityOf(c: ComplainantIdentity | undefined): ComplainantIdentity | undefined {
  if (!c || typeof c !== 'object') return undefined;
  const given = (v: unknown) => (typeof v === 'string' ? v.trim() : v);
  const out: ComplainantIdentity = {};
  for (const key of ['name', 'email', 'phone'] as const) {
    const v = given(c[key]);
    if (v !== undefined && v !== '') out[key] = v as string;
  }
  return Object.keys(out).length > 0 ? out : undefined;
}
