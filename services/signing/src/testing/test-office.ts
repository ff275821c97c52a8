import type { SignApplicationDeps } from '../sign-application-kk';

/** The issuing office the tests sign as (the KK's head of the civil registry office, the regency). */
export const TEST_OFFICE: SignApplicationDeps['office'] = {
  publicBaseUrl: 'https://layanan.example.go.id',
  kepalaDinas: { nama: 'DRS. CONTOH PEJABAT', nip: '197001011990031001' },
  kabupatenKota: 'Sidoarjo',
  provinsi: 'Jawa Timur',
};
