import { validateNoKk } from './no-kk';

describe('No. KK', () => {
  it('accepts region + recording date + serial', () => {
    const r = validateNoKk('3515120203150007');
    expect(r).toMatchObject({ ok: true, errors: [], warnings: [] });
    expect(r.parsed).toEqual({ regionCode: '35.15.12', day: 2, month: 3, yy: 15, serial: 7 });
  });

  it("rejects a recording date with +40: that rule is for women's NIK only", () => {
    const r = validateNoKk('3515124203150007');
    expect(r.errors.map((e) => e.code)).toEqual(['KK_RECORD_DATE']);
    expect(r.errors[0].message).toMatch(/40/);
  });

  it.each([
    ['12345', 'KK_FORMAT'],
    ['3515123203150007', 'KK_RECORD_DATE'],
    ['3515120213150007', 'KK_RECORD_DATE'],
    ['3515120203150000', 'KK_SERIAL'],
    ['3515000203150007', 'WILAYAH_KECAMATAN'],
  ])('rejects %s with %s', (noKk, code) => {
    expect(validateNoKk(noKk).errors.map((e) => e.code)).toContain(code);
  });

  it('rejects a recording date later than asOf', () => {
    const asOf = new Date('2025-01-06T03:00:00Z');
    expect(validateNoKk('3515120701250001', { asOf }).errors.map((e) => e.code)).toEqual(['KK_RECORD_DATE_FUTURE']);
    expect(validateNoKk('3515120601250001', { asOf }).ok).toBe(true);
    expect(validateNoKk('3515120701990001', { asOf }).ok).toBe(true); // 1999
  });

  it('warns about an unknown region and names the field given', () => {
    const r = validateNoKk('3515250203150007', {}, 'keluarga.noKk');
    expect(r.ok).toBe(true);
    expect(r.warnings).toEqual([expect.objectContaining({ field: 'keluarga.noKk', code: 'WILAYAH_UNKNOWN' })]);
  });
});
