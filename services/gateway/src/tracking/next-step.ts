import { formatWibDateTime } from '@adminduk/calendar';

/**
 * What the applicant does next, by status: the public lookup's second line (the first is the
 * status label). Written for a family that applied at the counter or through the desa.
 */
export function nextStep(status: { code: string; correctionDueAt?: string }): string {
  switch (status.code) {
    case 'submitted':
      return 'Berkas sedang diperiksa oleh petugas kecamatan. Tunggu kabar berikutnya; tidak ada yang perlu Anda lakukan sekarang.';
    case 'correction-requested': {
      const due = status.correctionDueAt ? ` paling lambat ${formatWibDateTime(new Date(status.correctionDueAt))}` : '';
      return `Berkas perlu diperbaiki${due}. Perbaiki melalui petugas registrasi desa atau kantor kecamatan tempat Anda mengajukan.`;
    }
    case 'awaiting-signature':
      return 'Berkas sudah lengkap dan sedang menunggu tanda tangan elektronik (TTE) KK. Tunggu kabar berikutnya.';
    case 'signed':
      return 'KK sudah terbit. Ambil di kantor kecamatan (oleh pemohon atau anggota keluarga dalam satu KK) atau cetak mandiri melalui tautan yang dikirim ke email Anda.';
    case 'collected':
    case 'self-printed':
      return 'KK sudah diterima. Tidak ada langkah lain.';
    case 'returned':
      return 'Berkas dikembalikan. Lengkapi persyaratan, lalu ajukan permohonan kembali.';
    case 'withdrawn':
      return 'Permohonan sudah dibatalkan. Ajukan permohonan baru bila masih diperlukan.';
    case 'rejected':
      return 'Permohonan ditolak. Hubungi kantor kecamatan untuk keterangan lebih lanjut.';
    default:
      return 'Hubungi kantor kecamatan untuk keterangan lebih lanjut.';
  }
}
