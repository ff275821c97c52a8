import { composeNik, validateNik } from './nik';

describe('NIK', () => {
  it('accepts a woman born 14 May 1990 in Balongbendo (day + 40)', () => {
    const r = validateNik('3515125405900001', { jenisKelamin: 'PEREMPUAN', tanggalLahir: '1990-05-14' });
    expect(r).toMatchObject({ ok: true, errors: [], warnings: [] });
    expect(r.parsed).toEqual({ regionCode: '35.15.12', day: 14, month: 5, yy: 90, jenisKelamin: 'PEREMPUAN', serial: 1 });
  });

  it('accepts a man with the plain day', () => {
    expect(validateNik('3515120101000001', { jenisKelamin: 'LAKI-LAKI', tanggalLahir: '2000-01-01' }).ok).toBe(true);
  });

  it.each([
    ['351512540590000', 'NIK_FORMAT'],
    ['35151254059000011', 'NIK_FORMAT'],
    ['35151254059O0001', 'NIK_FORMAT'],
    ['3515123205900001', 'NIK_BIRTH_DATE'], // day 32
    ['3515127205900001', 'NIK_BIRTH_DATE'], // day 72 - 40 = 32
    ['3515121413900001', 'NIK_BIRTH_DATE'], // month 13
    ['3515123002900001', 'NIK_BIRTH_DATE'], // 30 February
    ['3515120000900001', 'NIK_BIRTH_DATE'],
    ['3515121405900000', 'NIK_SERIAL'],
    ['0515121405900001', 'WILAYAH_PROVINCE'],
    ['3500121405900001', 'WILAYAH_REGENCY'],
    ['3570121405900001', 'WILAYAH_REGENCY'],
    ['3515001405900001', 'WILAYAH_KECAMATAN'],
  ])('rejects %s with %s', (nik, code) => {
    const r = validateNik(nik);
    expect(r.ok).toBe(false);
    expect(r.errors.map((e) => e.code)).toContain(code);
    expect(r.errors.every((e) => e.field === 'nik' && e.message.length > 0)).toBe(true);
  });

  it('accepts 29 February when the year allows it in some century', () => {
    expect(validateNik('3515122902000001').ok).toBe(true); // 2000-02-29
    expect(validateNik('3515122902010001').ok).toBe(false); // neither 1901 nor 2001
  });

  it('rejects a NIK that contradicts the stated sex', () => {
    const r = validateNik('3515121405900001', { jenisKelamin: 'PEREMPUAN' }, 'anggota[1].nik');
    expect(r.errors).toEqual([expect.objectContaining({ field: 'anggota[1].nik', code: 'NIK_SEX_MISMATCH' })]);
    expect(r.errors[0].message).toMatch(/jenis kelamin/);
  });

  it('rejects a NIK that contradicts the stated birth date', () => {
    expect(validateNik('3515121405900001', { tanggalLahir: '1990-05-15' }).errors[0].code).toBe('NIK_BIRTH_DATE_MISMATCH');
    expect(validateNik('3515121405900001', { tanggalLahir: '1991-05-14' }).errors[0].code).toBe('NIK_BIRTH_DATE_MISMATCH');
  });

  it('warns, without rejecting, about a region prefix missing from the code list', () => {
    const r = validateNik('3515191405900001'); // Sidoarjo has 18 kecamatan
    expect(r.ok).toBe(true);
    expect(r.warnings.map((w) => w.code)).toEqual(['WILAYAH_UNKNOWN']);
  });

  it('warns that a prefix outside the bundled data cannot be checked', () => {
    const r = validateNik('3578011405900001'); // Kota Surabaya
    expect(r.ok).toBe(true);
    expect(r.warnings.map((w) => w.code)).toEqual(['WILAYAH_OUTSIDE_DATA']);
  });

  it('composes a NIK that validates against its own inputs', () => {
    const nik = composeNik('35.15.12', '2025-03-09', 'PEREMPUAN', 42);
    expect(nik).toBe('3515124903250042');
    expect(validateNik(nik, { jenisKelamin: 'PEREMPUAN', tanggalLahir: '2025-03-09' }).ok).toBe(true);
    expect(() => composeNik('35.15.12', '2025-03-09', 'LAKI-LAKI', 10000)).toThrow(RangeError);
  });
});
