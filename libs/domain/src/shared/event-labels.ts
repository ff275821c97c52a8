// What each event means and why it happened, in words (Bahasa Indonesia): the one list that the
// auditor's timeline in the web app and `adminduk history` both use. Imports nothing but the
// domain's reprint-reason data, so the web app can take it as it is (like kk-field-names.ts).
import reprintReasons from '../../data/reprint-reasons.json';

export const EVENT_LABELS: Record<string, string> = {
  // Applications (application-<id>)
  ApplicationSubmitted: 'Permohonan diajukan',
  PossibleDuplicateFlagged: 'Ditandai mungkin ganda',
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
  // Complaints (complaint-<id>)
  ComplaintReceived: 'Pengaduan diterima',
  ComplaintVerified: 'Pengaduan diverifikasi',
  ComplaintInformationSupplied: 'Keterangan tambahan dari pengadu',
  ComplaintDisposed: 'Pengaduan didisposisikan',
  ComplaintAnswered: 'Pengaduan dijawab',
  ComplaintEscalated: 'Pengaduan dinaikkan ke camat (tenggat terlewati)',
  ComplaintFollowUpInstructed: 'Instruksi tindak lanjut dari camat',
  ComplaintClosed: 'Pengaduan ditutup',
  ComplaintReopened: 'Pengaduan dibuka kembali',
  // Access streams (access-<id>)
  PersonalDataViewed: 'Data pribadi dibuka',
};

export const eventLabel = (type: string): string => EVENT_LABELS[type] ?? `Kejadian lain (${type})`;

/** The label of a reprint reason code; undefined for a code not in the list (other events' reason codes). */
export const reprintReasonLabel = (code: string): string | undefined =>
  Object.hasOwn(reprintReasons, code) ? (reprintReasons as Record<string, string>)[code] : undefined;

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
