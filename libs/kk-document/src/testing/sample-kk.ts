import { KkCardData, KkMember, verificationUrl } from '../kk-data';

const base = (over: Partial<KkMember>): KkMember => ({
  namaLengkap: 'ANGGOTA',
  nik: '3515010101900001',
  jenisKelamin: 'LAKI-LAKI',
  tempatLahir: 'SIDOARJO',
  tanggalLahir: '1990-01-01',
  agama: 'ISLAM',
  pendidikan: 'SLTA/SEDERAJAT',
  jenisPekerjaan: 'WIRASWASTA',
  golonganDarah: 'TIDAK TAHU',
  statusPerkawinan: 'BELUM KAWIN',
  tanggalPerkawinan: null,
  statusHubungan: 'ANAK',
  kewarganegaraan: 'WNI',
  noPaspor: null,
  noKitap: null,
  namaAyah: 'BUDI SANTOSO',
  namaIbu: 'SITI AMINAH',
  ...over,
});

/**
 * A fictitious family (invented names and numbers) with `memberCount` members, the last one a
 * newborn. For tests and benchmarks.
 */
export function sampleKkCard(memberCount = 8, documentId = 'c0ffee00-0000-4000-8000-000000000001'): KkCardData {
  const head = base({
    namaLengkap: 'BUDI SANTOSO',
    nik: '3515011203800003',
    tanggalLahir: '1980-03-12',
    statusPerkawinan: 'KAWIN',
    tanggalPerkawinan: '2005-06-18',
    statusHubungan: 'KEPALA KELUARGA',
    pendidikan: 'DIPLOMA IV/STRATA I',
    jenisPekerjaan: 'KARYAWAN SWASTA',
    golonganDarah: 'O',
    namaAyah: 'SUPARMAN',
    namaIbu: 'SUMIATI',
  });
  const wife = base({
    namaLengkap: 'SITI AMINAH',
    nik: '3515015507830002',
    jenisKelamin: 'PEREMPUAN',
    tempatLahir: 'SURABAYA',
    tanggalLahir: '1983-07-15',
    statusPerkawinan: 'KAWIN',
    tanggalPerkawinan: '2005-06-18',
    statusHubungan: 'ISTRI',
    jenisPekerjaan: 'MENGURUS RUMAH TANGGA',
    namaAyah: 'ABDUL KARIM',
    namaIbu: 'ROHMAH',
  });
  const members: KkMember[] = [head, wife];
  for (let i = 0; members.length < memberCount - 1; i++) {
    members.push(
      base({
        namaLengkap: `ANAK KE ${i + 1} SANTOSO`,
        nik: `35150101${String(10 + i).padStart(2, '0')}0700${String(i).padStart(2, '0')}`,
        jenisKelamin: i % 2 ? 'PEREMPUAN' : 'LAKI-LAKI',
        tanggalLahir: `${2007 + i}-0${(i % 9) + 1}-10`,
        pendidikan: 'BELUM TAMAT SD/SEDERAJAT',
        jenisPekerjaan: 'PELAJAR/MAHASISWA',
      }),
    );
  }
  members.push(
    base({
      namaLengkap: 'BAYI PUTRI SANTOSO',
      nik: '3515016502250001',
      jenisKelamin: 'PEREMPUAN',
      tanggalLahir: '2025-02-25',
      pendidikan: 'TIDAK/BELUM SEKOLAH',
      jenisPekerjaan: 'BELUM/TIDAK BEKERJA',
    }),
  );
  return {
    documentId,
    verificationUrl: verificationUrl('https://layanan.example.go.id', documentId),
    header: {
      noKk: '3515010101250007',
      namaKepalaKeluarga: head.namaLengkap,
      alamat: 'JL. MAWAR NO. 12',
      rt: '003',
      rw: '005',
      desaKelurahan: 'BALONGBENDO',
      kecamatan: 'BALONGBENDO',
      kabupatenKota: 'SIDOARJO',
      kodePos: '61263',
      provinsi: 'JAWA TIMUR',
    },
    members: members.slice(0, memberCount),
    footer: {
      dikeluarkanTanggal: '2025-03-03',
      kepalaKeluarga: head.namaLengkap,
      kepalaDinas: { nama: 'DRS. CONTOH PEJABAT, M.SI', nip: '197001011990031001' },
    },
  };
}
