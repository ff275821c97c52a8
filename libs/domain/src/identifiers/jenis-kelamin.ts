/** Values of the "Jenis Kelamin" column (enums-kk.json). */
export type JenisKelamin = 'LAKI-LAKI' | 'PEREMPUAN';
export const JENIS_KELAMIN: readonly JenisKelamin[] = ['LAKI-LAKI', 'PEREMPUAN'];
