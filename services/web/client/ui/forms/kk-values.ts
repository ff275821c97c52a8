// The KK value lists as the domain keeps them (libs/domain/data/enums-kk.json): the form offers exactly
// the values the API accepts. Imported as JSON (esbuild keeps only the lists used), not through the
// domain's entry, which is Node code (node:assert) and has no browser entry; only this data file is read.
// eslint-disable-next-line @nx/enforce-module-boundaries -- the domain's value lists (data, no code), one source for API and form
import {
  agama,
  golonganDarah,
  jenisPekerjaan,
  kewarganegaraan,
  pendidikan,
  statusHubungan,
  statusPerkawinan,
} from '../../../../../libs/domain/data/enums-kk.json';

export const KK_VALUES = { agama, golonganDarah, jenisPekerjaan, kewarganegaraan, pendidikan, statusHubungan, statusPerkawinan };
export const JENIS_KELAMIN = ['LAKI-LAKI', 'PEREMPUAN'];
/** A newborn is a child or grandchild of the head of the family, or other kin (the API's list). */
export const NEWBORN_HUBUNGAN = ['ANAK', 'CUCU', 'FAMILI LAIN', 'LAINNYA'];
