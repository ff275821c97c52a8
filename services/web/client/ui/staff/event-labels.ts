import { reprintReasonLabel } from '../reprint-reasons';

/** What each application event means, as the auditor's timeline says it (Bahasa Indonesia). */
export const EVENT_LABELS: Record<string, string> = {
  ApplicationSubmitted: 'Permohonan diajukan',
  ReceiptIssued: 'Tanda terima diterbitkan',
  DocumentAttached: 'Pindaian persyaratan dilampirkan',
  RequirementAccepted: 'Persyaratan diterima',
  RequirementRejected: 'Persyaratan ditolak',
  DataVerified: 'Data permohonan dinyatakan benar',
  DataRejected: 'Data permohonan ditolak',
  CorrectionRequested: 'Perbaikan diminta',
  CorrectionSubmitted: 'Perbaikan dikirim',
  FileReturned: 'Berkas dikembalikan',
  FileCompleted: 'Berkas dinyatakan lengkap',
  ApplicationVerified: 'Permohonan terverifikasi',
  NewbornNikAssigned: 'NIK bayi diterbitkan',
  SignatureRequested: 'Tanda tangan elektronik diminta',
  KkSigningFailed: 'Penandatanganan KK gagal',
  KkSigned: 'KK ditandatangani secara elektronik',
  KkPrinted: 'KK dicetak',
  KkReprinted: 'KK dicetak ulang',
  SelfPrintLinkIssued: 'Tautan cetak mandiri diterbitkan',
  KkSelfPrinted: 'KK dicetak mandiri oleh pemohon',
  KkCollected: 'KK diserahkan kepada pemohon',
  KkRevoked: 'KK dicabut',
  ApplicationWithdrawn: 'Permohonan ditarik pemohon',
  ApplicationRejected: 'Permohonan ditolak',
};

export const eventLabel = (type: string): string => EVENT_LABELS[type] ?? `Kejadian lain (${type})`;

/**
 * The "why" an event carries (a reason, a note, a reprint's reason code by its label), when it carries
 * one. Other reason codes (a signing failure's BAD_PASSPHRASE) are not shown: their `reason` words them.
 */
export function eventReason(data: unknown): string | null {
  if (!data || typeof data !== 'object') return null;
  const d = data as Record<string, unknown>;
  const text = (key: string) => (typeof d[key] === 'string' && d[key] ? (d[key] as string) : null);
  const code = text('reasonCode');
  const coded = code ? reprintReasonLabel(code) : undefined;
  const free = text('reason') ?? text('note') ?? text('alasan');
  return coded && free ? `${coded} (${free})` : (coded ?? free);
}

/** Which requirement an event is about, by the catalog's label (`labels`), when it names one. */
export function eventSubject(data: unknown, labels: ReadonlyMap<string, string>): string | null {
  if (!data || typeof data !== 'object') return null;
  const d = data as Record<string, unknown>;
  return typeof d.requirementId === 'string' ? (labels.get(d.requirementId) ?? d.requirementId) : null;
}
