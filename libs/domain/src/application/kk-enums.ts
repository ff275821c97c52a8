import enumsJson from '../../data/enums-kk.json';

/** Value lists of the KK columns (shared/domain/enums-kk.json, with the SIAK occupation list added). */
export const KK_ENUMS = enumsJson as {
  agama: string[];
  pendidikan: string[];
  statusHubungan: string[];
  statusPerkawinan: string[];
  golonganDarah: string[];
  /** The SIAK occupation list (89 values). */
  jenisPekerjaan: string[];
  jenisKelamin: string[];
  kewarganegaraan: string[];
  kkColumns: { header: string[]; table1: string[]; table2: string[]; footer: string[] };
};
