/** The complaint catalog as GET /api/complaints/catalog (and, in part, GET /api/public/pengaduan) answer it. */
export interface ComplaintCatalog {
  kinds: Record<string, string>;
  categories: Record<string, string>;
  channels: Record<string, { label: string; group: 'standar' | 'lapor' | 'platform' }>;
  tiers?: Record<string, { label: string; workingDays: number }>;
  satisfaction?: Record<string, string>;
}

export const COMPLAINT_STATUS: Record<string, string> = {
  received: 'Menunggu verifikasi',
  'needs-information': 'Menunggu informasi pelapor',
  forwarded: 'Diteruskan ke instansi lain',
  verified: 'Terverifikasi, menunggu jawaban',
  disposed: 'Didisposisikan, menunggu jawaban',
  answered: 'Sudah dijawab',
  closed: 'Selesai',
};

export const DUE_STAGE: Record<string, string> = { verification: 'Verifikasi', answer: 'Jawaban' };

export const STEP_LABEL: Record<string, string> = {
  ComplaintReceived: 'Diterima',
  ComplaintVerified: 'Diverifikasi',
  ComplaintInformationSupplied: 'Informasi tambahan dicatat',
  ComplaintDisposed: 'Didisposisikan',
  ComplaintAnswered: 'Dijawab',
  ComplaintEscalated: 'Dieskalasi kepada camat (tenggat terlewati)',
  ComplaintFollowUpInstructed: 'Instruksi tindak lanjut camat',
  ComplaintClosed: 'Ditutup',
  ComplaintReopened: 'Dibuka kembali',
};

export const OUTCOME_LABEL: Record<string, string> = {
  valid: 'Valid, ditangani',
  forwarded: 'Bukan kewenangan kami, diteruskan',
  'needs-information': 'Perlu informasi tambahan dari pelapor',
};

export const labelIn = (table: Record<string, string | { label: string }> | undefined, code: string | null | undefined): string => {
  if (!code) return '–';
  const v = table?.[code];
  return v === undefined ? code : typeof v === 'string' ? v : v.label;
};
