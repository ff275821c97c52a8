import { nextStep } from './next-step';

describe('the public lookup next step', () => {
  it('a correction names its deadline as a day, date and time in WIB', () => {
    expect(nextStep({ code: 'correction-requested', correctionDueAt: '2026-03-03T05:00:00.000Z' })).toContain(
      'paling lambat Selasa, 3 Maret 2026 pukul 12.00 WIB',
    );
  });

  it('a signed KK: collect at the kecamatan (applicant or a member of the same KK) or print from the mailed link', () => {
    const step = nextStep({ code: 'signed' });
    expect(step).toContain('kantor kecamatan');
    expect(step).toContain('anggota keluarga dalam satu KK');
    expect(step).toContain('cetak mandiri');
  });

  it('every status has an Indonesian next step; an unknown one sends the family to the kecamatan', () => {
    for (const code of ['submitted', 'awaiting-signature', 'collected', 'self-printed', 'returned', 'withdrawn', 'rejected'])
      expect(nextStep({ code })).toMatch(/\S{3,}/);
    expect(nextStep({ code: 'something-new' })).toContain('kecamatan');
  });
});
