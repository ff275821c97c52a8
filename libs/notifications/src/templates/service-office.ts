/**
 * Where and how the service is delivered, as the published service standard states it
 * (/work/shared/seed: "Standar Pelayanan ... Kecamatan Balongbendo"). Text shown to citizens.
 * The standard publishes no opening hours: they are configuration (`openingHours`), and when not
 * configured the mail says "hari dan jam kerja" rather than invent hours.
 */
export interface ServiceOffice {
  /** "Kantor Kecamatan Balongbendo". */
  name: string;
  address: string;
  /** e.g. "Senin-Jumat pukul 08.00-15.00 WIB"; absent when the office has not published them. */
  openingHours?: string;
  /** Complaint channels of the standard ("Penanganan pengaduan, saran dan masukan"). */
  complaints: { telepon: string; email: string };
  /** Public status page, for the "cek status" line. */
  statusUrl?: string;
}

/** The kecamatan office of the seed standard, verbatim. */
export const BALONGBENDO_OFFICE: ServiceOffice = {
  name: 'Kantor Kecamatan Balongbendo',
  address: 'Jl. Mayjend Bambang Yuwono 2 Ds. Wonokupang Kec. Balongbendo',
  complaints: { telepon: '031-8971003', email: 'balongbendo@sidoarjokab.go.id' },
};

/** Who may collect a document: the standard's "Catatan", verbatim. */
export const WHO_MAY_COLLECT = 'pemohon atau anggota keluarga dalam satu Kartu Keluarga';
