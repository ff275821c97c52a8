import { InvalidClaimsError, principalFromClaims } from './principal';

/** SITI AMINAH of the domain's test family (libs/domain/src/testing/kk-fixtures.ts). */
const SITI = '3515125907900002';

describe('principalFromClaims', () => {
  it('maps an operator token', () => {
    expect(principalFromClaims({ sub: 'u1', role: 'operator-kecamatan', kecamatan: '35.15.12', name: 'Op' })).toEqual({
      userId: 'u1',
      role: 'operator-kecamatan',
      kecamatan: '35.15.12',
      name: 'Op',
    });
  });

  it('derives the kecamatan of a village officer from the desa', () => {
    expect(principalFromClaims({ sub: 'u2', role: 'petugas-desa', desa: '35.15.12.2004' })).toEqual({
      userId: 'u2',
      role: 'petugas-desa',
      kecamatan: '35.15.12',
      desa: '35.15.12.2004',
    });
  });

  it('reads the role from Keycloak realm roles when there is no role claim', () => {
    expect(principalFromClaims({ sub: 'u3', realm_access: { roles: ['offline_access', 'auditor'] } }).role).toBe('auditor');
  });

  it('drops scope claims an applicant could use to widen its reach', () => {
    expect(principalFromClaims({ sub: 'u4', role: 'pemohon', nik: SITI, kecamatan: '35.15.12', desa: '35.15.12.2004' })).toEqual({
      userId: 'u4',
      role: 'pemohon',
      nik: SITI,
    });
  });

  it('binds a citizen to the NIK of the identity provider’s claim, and ignores a NIK on staff tokens', () => {
    expect(principalFromClaims({ sub: 'u5', role: 'pemohon', nik: SITI })).toEqual({ userId: 'u5', role: 'pemohon', nik: SITI });
    expect(principalFromClaims({ sub: 'u6', realm_access: { roles: ['pemohon'] }, nik: SITI }).nik).toBe(SITI);
    expect(principalFromClaims({ sub: 'u7', role: 'operator-kecamatan', kecamatan: '35.15.12', nik: SITI })).not.toHaveProperty('nik');
  });

  it.each([
    ['without a NIK', undefined],
    ['with a NIK of 15 digits', '351512590790000'],
    ['with letters in the NIK', '35151259079O0002'],
    ['with an impossible birth date in the NIK', '3515129913900002'],
    ['with serial 0000', '3515125907900000'],
    ['with a number for a NIK', 3515125907900002],
  ])('refuses a citizen token %s, without repeating the value', (_name, nik) => {
    const claims = { sub: 'x', role: 'pemohon', ...(nik === undefined ? {} : { nik }) };
    expect(() => principalFromClaims(claims)).toThrow(InvalidClaimsError);
    try {
      principalFromClaims(claims);
    } catch (e) {
      expect((e as Error).message).not.toContain(String(nik).slice(0, 6));
    }
  });

  it.each([
    ['no subject', { role: 'admin' }],
    ['unknown role', { sub: 'x', role: 'superuser' }],
    ['no role', { sub: 'x' }],
    ['two realm roles', { sub: 'x', realm_access: { roles: ['admin', 'auditor'] } }],
    ['operator without kecamatan', { sub: 'x', role: 'operator-kecamatan' }],
    ['camat without kecamatan', { sub: 'x', role: 'camat' }],
    ['village officer without desa', { sub: 'x', role: 'petugas-desa', kecamatan: '35.15.12' }],
    ['desa outside the stated kecamatan', { sub: 'x', role: 'petugas-desa', kecamatan: '35.15.01', desa: '35.15.12.2004' }],
    ['malformed kecamatan code', { sub: 'x', role: 'operator-kecamatan', kecamatan: '351512' }],
  ])('rejects %s', (_name, claims) => {
    expect(() => principalFromClaims(claims)).toThrow(InvalidClaimsError);
  });
});
