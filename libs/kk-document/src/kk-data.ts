/**
 * The input model of one Kartu Keluarga card, column for column as printed
 * (shared/domain/enums-kk.json: header, table 1, table 2, footer). It is deliberately flat and
 * already "print-ready" (upper-case values from the SIAK lists, plain dates); an adapter maps the
 * domain's application state onto it, so this library never depends on the decider.
 */

/** A calendar date as printed, `YYYY-MM-DD` (no time, no zone). */
export type PlainDate = string;

export interface KkHeader {
  noKk: string;
  namaKepalaKeluarga: string;
  alamat: string;
  rt: string;
  rw: string;
  desaKelurahan: string;
  kecamatan: string;
  kabupatenKota: string;
  kodePos: string;
  provinsi: string;
}

/** One family member: the columns of both member tables. */
export interface KkMember {
  // Table 1
  namaLengkap: string;
  nik: string;
  jenisKelamin: string; // LAKI-LAKI | PEREMPUAN
  tempatLahir: string;
  tanggalLahir: PlainDate;
  agama: string;
  pendidikan: string;
  jenisPekerjaan: string;
  golonganDarah: string;
  // Table 2
  statusPerkawinan: string;
  tanggalPerkawinan?: PlainDate | null;
  statusHubungan: string; // Status Hubungan Dalam Keluarga
  kewarganegaraan: string; // WNI | WNA
  noPaspor?: string | null;
  noKitap?: string | null;
  namaAyah: string;
  namaIbu: string;
}

export interface KkFooter {
  dikeluarkanTanggal: PlainDate;
  /** Name printed under "KEPALA KELUARGA". */
  kepalaKeluarga: string;
  kepalaDinas: {
    nama: string;
    nip: string;
    /** Printed title; defaults to "KEPALA DINAS ... KABUPATEN <kabupatenKota>". */
    jabatan?: string;
  };
}

export interface KkCardData {
  /** Opaque id of this issued document (not the No. KK); the QR code points at its public page. */
  documentId: string;
  /** Public verification URL encoded in the QR code (see verificationUrl()). */
  verificationUrl: string;
  header: KkHeader;
  /** Every member in family order, the newborn included. */
  members: KkMember[];
  footer: KkFooter;
}

/** More rows than this do not fit one A4 landscape page at a legible size. */
export const MAX_KK_MEMBERS = 16;

/** `YYYY-MM-DD` -> `DD-MM-YYYY`, the way dates are printed on a KK. */
export function formatKkDate(date: PlainDate | null | undefined): string {
  if (!date) return '-';
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m) throw new Error(`not a plain date (YYYY-MM-DD): ${JSON.stringify(date)}`);
  return `${m[3]}-${m[2]}-${m[1]}`;
}

/**
 * The public verification URL for a document: `<base>/verifikasi/<documentId>`. The id is opaque
 * (random), so the URL reveals no personal data.
 */
export function verificationUrl(baseUrl: string, documentId: string): string {
  return `${baseUrl.replace(/\/+$/, '')}/verifikasi/${encodeURIComponent(documentId)}`;
}
