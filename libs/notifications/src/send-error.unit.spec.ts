import { withoutPersonalData } from './send-error';

describe('server replies without personal data', () => {
  it('replaces addresses and long numbers', () => {
    expect(withoutPersonalData('550 5.1.1 <budi.santoso@example.com>: user unknown')).toBe('550 5.1.1 <[alamat]>: user unknown');
    expect(withoutPersonalData('invalid number 0812 3456 7890 for NIK 3515121203880001')).toBe('invalid number [angka] for NIK [angka]');
  });
});
