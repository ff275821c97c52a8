import { findKecamatan, findVillage, kecamatanStatus, listKecamatan, villageStatus } from './wilayah';

describe('wilayah (Kemendagri codes, Sidoarjo)', () => {
  it('knows the 18 kecamatan of Sidoarjo, Balongbendo among them', () => {
    expect(listKecamatan()).toHaveLength(18);
    expect(findKecamatan('351512')?.name).toBe('Balongbendo');
    expect(kecamatanStatus('35.15.12')).toBe('active');
    expect(kecamatanStatus('35.15.19')).toBe('unknown');
    expect(kecamatanStatus('35.78.01')).toBe('outside-data');
  });

  it('tells desa from kelurahan by the first of the last four digits', () => {
    expect(findVillage('35.15.12.2001')).toMatchObject({ name: 'Wonokupang', kind: 'desa', kecamatanCode: '35.15.12', retired: false });
    expect(findVillage('3515122001')?.name).toBe('Wonokupang');
  });

  it('reports retired village codes as retired, not unknown', () => {
    expect(villageStatus('35.15.04.1005')).toBe('retired'); // Mindi, Porong
    expect(villageStatus('35.15.12.2999')).toBe('unknown');
    expect(villageStatus('35.15.12.2001')).toBe('active');
  });
});
