/** How a data field the API names ("newborn.tempatLahir", "family.anggota[1].nik") reads to the applicant. */
const NAMES: Record<string, string> = {
  nik: 'NIK',
  namaLengkap: 'Nama lengkap',
  telepon: 'Nomor handphone',
  email: 'Alamat email',
  noKk: 'Nomor KK',
  namaKepalaKeluarga: 'Nama kepala keluarga',
  alamat: 'Alamat',
  rt: 'RT',
  rw: 'RW',
  desa: 'Desa/kelurahan',
  kecamatan: 'Kecamatan',
  kodePos: 'Kode pos',
  jenisKelamin: 'Jenis kelamin',
  tempatLahir: 'Tempat lahir',
  tanggalLahir: 'Tanggal lahir',
  jamLahir: 'Jam lahir',
  agama: 'Agama',
  pendidikan: 'Pendidikan',
  jenisPekerjaan: 'Jenis pekerjaan',
  golonganDarah: 'Golongan darah',
  statusPerkawinan: 'Status Perkawinan',
  tanggalPerkawinan: 'Tanggal perkawinan',
  statusHubungan: 'Status Hubungan Dalam Keluarga',
  kewarganegaraan: 'Kewarganegaraan',
  noPaspor: 'Nomor paspor',
  noKitap: 'Nomor KITAP',
  namaAyah: 'Nama ayah',
  namaIbu: 'Nama ibu',
  nikAyah: 'NIK ayah',
  nikIbu: 'NIK ibu',
  kelahiranKe: 'Kelahiran ke-',
  penolongKelahiran: 'Penolong kelahiran',
  beratBayiGram: 'Berat bayi (gram)',
  panjangBayiCm: 'Panjang bayi (cm)',
};

export function fieldLabel(field: string): string {
  const m = /^(applicant|family|newborn)(?:\.anggota\[(\d+)\]|\.alamat)?\.(\w+)$/.exec(field);
  if (!m) return field;
  const name = NAMES[m[3]] ?? m[3];
  if (m[2] !== undefined) return `Anggota ${Number(m[2]) + 1}: ${name}`;
  return `${{ applicant: 'Pemohon', family: 'Keluarga', newborn: 'Bayi' }[m[1]]}: ${name}`;
}
