import type { Principal } from '@adminduk/auth';
import { initialState, type ApplicationState } from '@adminduk/domain';
import { canReadSubmittedData } from './application-data.query';

const app = (over: Partial<ApplicationState> = {}): ApplicationState => ({
  ...initialState(),
  status: 'submitted',
  kecamatan: '35.15.12',
  desa: '35.15.12.2004',
  submittedBy: { userId: 'desa-1', role: 'petugas-desa' },
  applicant: { nik: '3515124508900003', namaLengkap: 'SITI', telepon: '081234567890', email: 's@example.id' },
  ...over,
});
const who = (p: Partial<Principal> & Pick<Principal, 'role'>): Principal => ({ userId: 'u-1', ...p });

describe('who may read an application`s submitted data', () => {
  it('the operator of its kecamatan, not of another', () => {
    expect(canReadSubmittedData(who({ role: 'operator-kecamatan', kecamatan: '35.15.12' }), app())).toBe(true);
    expect(canReadSubmittedData(who({ role: 'operator-kecamatan', kecamatan: '35.15.11' }), app())).toBe(false);
  });

  it('the village officer who submitted it, not another officer of the same desa', () => {
    expect(canReadSubmittedData(who({ role: 'petugas-desa', userId: 'desa-1', desa: '35.15.12.2004' }), app())).toBe(true);
    expect(canReadSubmittedData(who({ role: 'petugas-desa', userId: 'desa-2', desa: '35.15.12.2004' }), app())).toBe(false);
  });

  it('a citizen who is a party to it; the regency`s auditor', () => {
    expect(canReadSubmittedData(who({ role: 'pemohon', nik: '3515124508900003' }), app())).toBe(true);
    expect(canReadSubmittedData(who({ role: 'pemohon', nik: '3515120101900001' }), app())).toBe(false);
    expect(canReadSubmittedData(who({ role: 'auditor' }), app())).toBe(true);
    expect(canReadSubmittedData(who({ role: 'auditor' }), app({ kecamatan: '35.16.01' }))).toBe(false);
  });

  it('nobody else: signer, complaints officer, admin', () => {
    for (const role of ['penandatangan', 'petugas-pengaduan', 'admin'] as const) {
      expect({ role, ok: canReadSubmittedData(who({ role, kecamatan: '35.15.12' }), app()) }).toEqual({ role, ok: false });
    }
  });
});
