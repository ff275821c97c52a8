import { findKecamatan, findVillage, type ApplicationState, type FamilyMember } from '@adminduk/domain';
import { verificationUrl, type KkCardData, type KkMember, type PlainDate } from '@adminduk/kk-document';

/** What the card needs beyond the application: the issuing office and this document's identity. */
export interface KkIssueContext {
  documentId: string;
  publicBaseUrl: string;
  /** Issue date in WIB, `YYYY-MM-DD`. */
  dikeluarkanTanggal: PlainDate;
  kepalaDinas: { nama: string; nip: string; jabatan?: string };
  /** Printed region names (the bundled wilayah data has codes and village/kecamatan names only). */
  kabupatenKota: string;
  provinsi: string;
}

export class KkCardDataError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'KkCardDataError';
  }
}

const row = (m: FamilyMember): KkMember => ({
  namaLengkap: m.namaLengkap,
  nik: m.nik,
  jenisKelamin: m.jenisKelamin,
  tempatLahir: m.tempatLahir,
  tanggalLahir: m.tanggalLahir,
  agama: m.agama,
  pendidikan: m.pendidikan,
  jenisPekerjaan: m.jenisPekerjaan,
  golonganDarah: m.golonganDarah,
  statusPerkawinan: m.statusPerkawinan,
  tanggalPerkawinan: m.tanggalPerkawinan ?? null,
  statusHubungan: m.statusHubungan,
  kewarganegaraan: m.kewarganegaraan,
  noPaspor: m.noPaspor ?? null,
  noKitap: m.noKitap ?? null,
  namaAyah: m.namaAyah,
  namaIbu: m.namaIbu,
});

/**
 * The new KK of a verified birth application: the family as registered plus the newborn (with the
 * NIK assigned after verification) as the last row. Region codes become printed names.
 */
export function kkCardFromApplication(state: ApplicationState, ctx: KkIssueContext): KkCardData {
  const { family, newborn, newbornNik } = state;
  if (!family || !newborn) throw new KkCardDataError('application has no family or newborn data');
  if (!newbornNik) throw new KkCardDataError('the newborn has no NIK yet');
  const village = findVillage(family.alamat.desa);
  const kecamatan = findKecamatan(family.alamat.kecamatan);
  if (!village || !kecamatan) throw new KkCardDataError('address region codes are not in the wilayah data');
  const kepala = family.anggota.find((m) => m.statusHubungan === 'KEPALA KELUARGA');

  const baby: KkMember = {
    namaLengkap: newborn.namaLengkap,
    nik: newbornNik,
    jenisKelamin: newborn.jenisKelamin,
    tempatLahir: newborn.tempatLahir,
    tanggalLahir: newborn.tanggalLahir,
    agama: newborn.agama,
    pendidikan: 'TIDAK/BELUM SEKOLAH',
    jenisPekerjaan: 'BELUM/TIDAK BEKERJA',
    golonganDarah: newborn.golonganDarah,
    statusPerkawinan: 'BELUM KAWIN',
    tanggalPerkawinan: null,
    statusHubungan: newborn.statusHubungan,
    kewarganegaraan: newborn.kewarganegaraan,
    noPaspor: null,
    noKitap: null,
    namaAyah: newborn.namaAyah ?? '-',
    namaIbu: newborn.namaIbu,
  };

  return {
    documentId: ctx.documentId,
    verificationUrl: verificationUrl(ctx.publicBaseUrl, ctx.documentId),
    header: {
      noKk: family.noKk,
      namaKepalaKeluarga: family.namaKepalaKeluarga,
      alamat: family.alamat.alamat,
      rt: family.alamat.rt,
      rw: family.alamat.rw,
      desaKelurahan: village.name.toUpperCase(),
      kecamatan: kecamatan.name.toUpperCase(),
      kabupatenKota: ctx.kabupatenKota.toUpperCase(),
      kodePos: family.alamat.kodePos ?? '-',
      provinsi: ctx.provinsi.toUpperCase(),
    },
    members: [...family.anggota.map(row), baby],
    footer: {
      dikeluarkanTanggal: ctx.dikeluarkanTanggal,
      kepalaKeluarga: kepala?.namaLengkap ?? family.namaKepalaKeluarga,
      kepalaDinas: ctx.kepalaDinas,
    },
  };
}
