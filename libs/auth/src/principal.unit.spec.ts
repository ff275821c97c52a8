import { InvalidClaimsError, principalFromClaims } from './principal';

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
    expect(principalFromClaims({ sub: 'u4', role: 'pemohon', kecamatan: '35.15.12', desa: '35.15.12.2004' })).toEqual({
      userId: 'u4',
      role: 'pemohon',
    });
  });

  it.each([
    ['no subject', { role: 'admin' }],
    ['unknown role', { sub: 'x', role: 'superuser' }],
    ['no role', { sub: 'x' }],
    ['two realm roles', { sub: 'x', realm_access: { roles: ['admin', 'auditor'] } }],
    ['operator without kecamatan', { sub: 'x', role: 'operator-kecamatan' }],
    ['village officer without desa', { sub: 'x', role: 'petugas-desa', kecamatan: '35.15.12' }],
    ['desa outside the stated kecamatan', { sub: 'x', role: 'petugas-desa', kecamatan: '35.15.01', desa: '35.15.12.2004' }],
    ['malformed kecamatan code', { sub: 'x', role: 'operator-kecamatan', kecamatan: '351512' }],
  ])('rejects %s', (_name, claims) => {
    expect(() => principalFromClaims(claims)).toThrow(InvalidClaimsError);
  });
});
