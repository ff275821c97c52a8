/**
 * Indonesian reasons for the KkSigningFailed event, by failure code (SigningError codes plus the
 * storage failures of the signing service). Staff read them in the application history; they never
 * carry the passphrase, a NIK or document content.
 */
const REASONS: Record<string, string> = {
  SIGNER_UNREACHABLE: 'Layanan tanda tangan elektronik tidak dapat dihubungi; penandatanganan dapat diulang nanti.',
  BAD_PASSPHRASE: 'Passphrase penandatangan ditolak; penandatangan perlu memasukkannya kembali.',
  SIGNER_NOT_AUTHORIZED: 'Penandatangan tidak terdaftar atau sertifikatnya tidak aktif.',
  CREDENTIALS_REQUIRED: 'NIK dan passphrase penandatangan diperlukan untuk tanda tangan elektronik.',
  INVALID_SIGNER_RESPONSE: 'Jawaban layanan tanda tangan elektronik bukan tanda tangan yang sah atas dokumen ini.',
  INVALID_DOCUMENT: 'Dokumen KK tidak dapat disiapkan untuk ditandatangani.',
  STORAGE_UNAVAILABLE: 'Penyimpanan dokumen tidak dapat dihubungi; penandatanganan dapat diulang nanti.',
  STORAGE_MISMATCH: 'Dokumen yang tersimpan tidak sama dengan dokumen yang ditandatangani; penandatanganan dapat diulang.',
};

export function signingFailureReason(code: string): string {
  return REASONS[code] ?? 'Penandatanganan KK gagal.';
}
