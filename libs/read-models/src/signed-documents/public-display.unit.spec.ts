import { commonName, familyKey, maskName, wibDate } from './public-display';

describe('what the public verification page may show', () => {
  it('masks each word of a name to its first and last letter', () => {
    expect(maskName('BUDI SANTOSO')).toBe('B**I S*****O');
    expect(maskName('  SITI   NUR AMINAH ')).toBe('S**I N** A****H');
    expect(maskName('MUH. AL FATIH')).toBe('M**. A* F***H');
    for (const name of ['BUDI SANTOSO', 'SITI AMINAH', 'RAFI']) expect(maskName(name)).not.toContain(name.split(' ')[0]);
  });

  it('keys a family by a hash of its No. KK, never the number itself', () => {
    expect(familyKey('3515120203150007')).toMatch(/^[0-9a-f]{64}$/);
    expect(familyKey('3515120203150007')).not.toContain('3515120203150007');
    expect(familyKey('3515120203150007')).not.toBe(familyKey('3515120203150008'));
  });

  it('issues on the WIB day: 17:00 UTC is already the next day in Sidoarjo', () => {
    expect(wibDate('2025-03-03T16:59:59.000Z')).toBe('2025-03-03');
    expect(wibDate('2025-03-03T17:00:00.000Z')).toBe('2025-03-04');
  });

  it('reads the common name of a certificate subject', () => {
    expect(commonName('CN=Kepala Dinas Dukcapil,O=Pemkab Sidoarjo,C=ID')).toBe('Kepala Dinas Dukcapil');
    expect(commonName('C=ID, O=BSrE, CN=DRS. CONTOH\\, M.SI')).toBe('DRS. CONTOH, M.SI');
    expect(commonName('O=Tanpa CN')).toBe('O=Tanpa CN');
  });
});
