import enumsJson from '../../data/enums-kk.json';

/** Value lists of the KK columns (copy of shared/domain/enums-kk.json). */
export const KK_ENUMS = enumsJson as {
  agama: string[];
  pendidikan: string[];
  statusHubungan: string[];
  statusPerkawinan: string[];
  golonganDarah: string[];
  jenisKelamin: string[];
  kewarganegaraan: string[];
  kkColumns: { header: string[]; table1: string[]; table2: string[]; footer: string[] };
};
