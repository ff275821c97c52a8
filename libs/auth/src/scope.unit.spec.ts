import fc from 'fast-check';
import { ROLES, type Principal } from './principal';
import {
  applicationReadFilter,
  canActOnDesa,
  canActOnKecamatan,
  canReadApplication,
  matchesReadFilter,
  type ApplicationScope,
} from './scope';

const BALONGBENDO = '35.15.12';
const TARIK = '35.15.01';
const BAKUNGPRINGGODANI = '35.15.12.2004'; // a desa of Balongbendo
const WONOKUPANG = '35.15.12.2001'; // another desa of Balongbendo
const MLIRIPROWO = '35.15.01.2001'; // a desa of Tarik
const OUTSIDE_REGENCY = '35.78.01'; // a kecamatan of Kota Surabaya

const SITI = '3515125907900002';
const BUDI = '3515121203880001';
const OTHER = '3515011505850003';

const p = {
  pemohon: { userId: 'u-siti', role: 'pemohon', nik: SITI },
  desa: { userId: 'u-desa', role: 'petugas-desa', kecamatan: BALONGBENDO, desa: BAKUNGPRINGGODANI },
  operator: { userId: 'u-op', role: 'operator-kecamatan', kecamatan: BALONGBENDO },
  penandatangan: { userId: 'u-ttd', role: 'penandatangan' },
  pengaduan: { userId: 'u-pg', role: 'petugas-pengaduan' },
  pengaduanKec: { userId: 'u-pg2', role: 'petugas-pengaduan', kecamatan: TARIK },
  auditor: { userId: 'u-aud', role: 'auditor' },
  admin: { userId: 'u-adm', role: 'admin' },
} satisfies Record<string, Principal>;

/** `niks`: the applicant's and the family members' NIKs on the application. */
const app = (kecamatan: string, desa?: string, niks?: string[]): ApplicationScope => ({ kecamatan, desa, niks });

describe('canReadApplication', () => {
  const own = app(BALONGBENDO, BAKUNGPRINGGODANI, [SITI]);
  const family = app(BALONGBENDO, undefined, [BUDI, SITI]); // e.g. taken at the counter, Budi applying
  const otherDesaSameKec = app(BALONGBENDO, WONOKUPANG, [OTHER]);
  const otherKec = app(TARIK, MLIRIPROWO, [OTHER]);
  const outside = app(OUTSIDE_REGENCY, undefined, [OTHER]);

  it.each([
    // principal, application, allowed
    ['pemohon: applicant', p.pemohon, own, true],
    ['pemohon: in the family, whoever applied, whatever the channel', p.pemohon, family, true],
    ['pemohon: someone else in the same desa', p.pemohon, otherDesaSameKec, false],
    ['pemohon: application without NIKs', p.pemohon, app(BALONGBENDO), false],
    [
      'pemohon without a NIK (never issued): nothing',
      { userId: 'u-x', role: 'pemohon' } as Principal,
      app(BALONGBENDO, undefined, ['']),
      false,
    ],
    ['petugas-desa: own desa', p.desa, own, true],
    ['petugas-desa: other desa of the same kecamatan', p.desa, otherDesaSameKec, false],
    ['petugas-desa: counter application with no desa', p.desa, app(BALONGBENDO), false],
    ['operator: own kecamatan, any desa', p.operator, otherDesaSameKec, true],
    ['operator: other kecamatan', p.operator, otherKec, false],
    ['penandatangan: any kecamatan of the regency', p.penandatangan, otherKec, true],
    ['penandatangan: outside the regency', p.penandatangan, outside, false],
    ['auditor: any kecamatan of the regency', p.auditor, otherKec, true],
    ['auditor: outside the regency', p.auditor, outside, false],
    ['pengaduan without kecamatan: regency-wide', p.pengaduan, own, true],
    ['pengaduan without kecamatan: outside the regency', p.pengaduan, outside, false],
    ['pengaduan of Tarik: Tarik', p.pengaduanKec, otherKec, true],
    ['pengaduan of Tarik: Balongbendo', p.pengaduanKec, own, false],
    ['admin: anything', p.admin, outside, true],
  ])('%s', (_name, principal, application, allowed) => {
    expect(canReadApplication(principal, application)).toBe(allowed);
  });
});

describe('canActOnKecamatan', () => {
  it.each([
    ['operator: own', p.operator, BALONGBENDO, true],
    ['operator: other', p.operator, TARIK, false],
    ['penandatangan: regency', p.penandatangan, TARIK, true],
    ['penandatangan: outside', p.penandatangan, OUTSIDE_REGENCY, false],
    ['pengaduan of Tarik: Tarik', p.pengaduanKec, TARIK, true],
    ['pengaduan of Tarik: other', p.pengaduanKec, BALONGBENDO, false],
    ['petugas-desa: even its own kecamatan', p.desa, BALONGBENDO, false],
    ['pemohon', p.pemohon, BALONGBENDO, false],
    ['auditor is read-only', p.auditor, BALONGBENDO, false],
    ['admin', p.admin, OUTSIDE_REGENCY, true],
  ])('%s', (_name, principal, code, allowed) => {
    expect(canActOnKecamatan(principal, code)).toBe(allowed);
  });
});

describe('canActOnDesa', () => {
  it.each([
    ['petugas-desa: own desa', p.desa, BAKUNGPRINGGODANI, true],
    ['petugas-desa: neighbouring desa', p.desa, WONOKUPANG, false],
    ['petugas-desa: desa of another kecamatan', p.desa, MLIRIPROWO, false],
    ['operator: desa of own kecamatan', p.operator, WONOKUPANG, true],
    ['operator: desa of another kecamatan', p.operator, MLIRIPROWO, false],
    ['pemohon', p.pemohon, BAKUNGPRINGGODANI, false],
    ['auditor', p.auditor, BAKUNGPRINGGODANI, false],
    ['penandatangan: desa in the regency', p.penandatangan, MLIRIPROWO, true],
    ['admin', p.admin, MLIRIPROWO, true],
  ])('%s', (_name, principal, code, allowed) => {
    expect(canActOnDesa(principal, code)).toBe(allowed);
  });
});

describe('applicationReadFilter', () => {
  // The list filter and the single-read rule must never disagree, or a list could show what a
  // direct read refuses (or the reverse).
  const kecamatan = fc.constantFrom(BALONGBENDO, TARIK, '35.15.05', OUTSIDE_REGENCY);
  const desaOf = (k: string) => fc.constantFrom(`${k}.2001`, `${k}.2004`, `${k}.1002`);
  const user = fc.constantFrom('u-1', 'u-2', 'u-3');
  const nik = fc.constantFrom(SITI, BUDI, OTHER);
  const principal: fc.Arbitrary<Principal> = fc
    .tuple(fc.constantFrom(...ROLES), kecamatan, user, fc.boolean(), fc.option(nik, { nil: undefined }))
    .chain(([role, k, userId, withKec, citizenNik]) =>
      desaOf(k).map((desa): Principal => {
        if (role === 'petugas-desa') return { userId, role, kecamatan: k, desa };
        if (role === 'operator-kecamatan') return { userId, role, kecamatan: k };
        if (role === 'pemohon') return citizenNik === undefined ? { userId, role } : { userId, role, nik: citizenNik };
        return withKec ? { userId, role, kecamatan: k } : { userId, role };
      }),
    );
  const application: fc.Arbitrary<ApplicationScope> = kecamatan.chain((k) =>
    fc.record({
      kecamatan: fc.constant(k),
      desa: fc.option(desaOf(k), { nil: undefined }),
      niks: fc.option(fc.uniqueArray(nik, { maxLength: 3 }), { nil: undefined }),
    }),
  );

  it('agrees with canReadApplication for every role and application', () => {
    fc.assert(
      fc.property(principal, application, (pr, a) => {
        expect(matchesReadFilter(applicationReadFilter(pr), a)).toBe(canReadApplication(pr, a));
      }),
      { numRuns: 2000 },
    );
  });
});
