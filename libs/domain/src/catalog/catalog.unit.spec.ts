import { CHANNELS } from './catalog.types';
import { kkKelahiranCatalog } from './kk-kelahiran.catalog';
import { CatalogNotFoundError, ServiceCatalog } from './service-catalog';

const at = new Date('2025-06-02T03:00:00Z');

describe('service catalog: KK tambah anggota karena kelahiran', () => {
  const entry = kkKelahiranCatalog.resolve('35.15.12', at);

  it('has the 8 requirements of the standard for every channel, phone/email as data, ijazah conditional', () => {
    for (const channel of CHANNELS) {
      const reqs = entry.requirements[channel];
      expect(reqs).toHaveLength(8);
      expect(reqs.filter((r) => r.kind === 'data').map((r) => r.id)).toEqual(['nomor-telepon-email']);
      expect(reqs.find((r) => r.id === 'ijazah')).toMatchObject({ condition: 'memiliki-ijazah' });
      expect(reqs.find((r) => r.id === 'ijazah')?.label).toMatch(/bagi yang sudah memiliki/);
    }
  });

  it('keeps the labels of the standard verbatim per channel', () => {
    expect(entry.requirements['tatap-muka'].map((r) => r.label)).toEqual([
      'Kartu Keluarga',
      'Surat kelahiran dari RS/ Bidan / Klinik / Puskesmas',
      'Mengisi Formulir F-1.01 dan F-1.02',
      'KTP-el orang tua',
      'Buku Nikah/ Akta Perkawinan orangtua',
      'Nomor handphone dan email pribadi',
      'Surat Pengantar RT, RW',
      'Ijazah sekolah (bagi yang sudah memiliki)',
    ]);
    expect(entry.requirements['daring-desa']).toEqual(entry.requirements['daring-mandiri']);
    expect(entry.requirements['daring-mandiri'][0].label).toBe('Hasil Scan Kartu Keluarga Asli');
  });

  it('has the service levels: 3 working days, Rp 0, correction by 12:00 WIB next day online only', () => {
    expect(entry).toMatchObject({
      feeRupiah: 0,
      sla: { workingDays: 3, startsWhen: 'file-complete', pausedWhile: 'correction-awaited' },
      correctionDeadline: { rule: 'next-calendar-day-at', hourWib: 12, channels: ['daring-mandiri', 'daring-desa'] },
      product: 'Kartu Keluarga (KK)',
    });
  });

  it('names the version it resolves for each kecamatan', () => {
    expect(entry.catalogVersionId).toBe('kk-tambah-anggota-kelahiran/35.15.12/2025-01-02');
    expect(kkKelahiranCatalog.resolve('35.15.01', at).catalogVersionId).toBe('kk-tambah-anggota-kelahiran/35.15.01/2025-01-02');
    expect(kkKelahiranCatalog.byVersionId(entry.catalogVersionId)?.feeRupiah).toBe(0);
  });

  it('is not in force before its effective date, nor outside its regency', () => {
    expect(() => kkKelahiranCatalog.resolve('35.15.12', new Date('2025-01-01T16:59:00Z'))).toThrow(CatalogNotFoundError);
    expect(kkKelahiranCatalog.resolve('35.15.12', new Date('2025-01-01T17:00:00Z')).version).toBe('2025-01-02'); // 00:00 WIB
    expect(() => kkKelahiranCatalog.resolve('35.78.01', at)).toThrow(CatalogNotFoundError);
  });

  it('prefers a kecamatan-specific version, then the latest effective one', () => {
    const base = kkKelahiranCatalog.data.versions[0];
    const catalog = new ServiceCatalog({
      ...kkKelahiranCatalog.data,
      versions: [
        base,
        { ...base, version: '2025-07-01', effectiveFrom: '2025-07-01' },
        { ...base, version: 'balongbendo-2025-03', effectiveFrom: '2025-03-01', scope: '35.15.12', feeRupiah: 0 },
      ],
    });
    expect(catalog.resolve('35.15.12', at).version).toBe('balongbendo-2025-03');
    expect(catalog.resolve('35.15.11', at).version).toBe('2025-01-02');
    expect(catalog.resolve('35.15.11', new Date('2025-07-02T00:00:00Z')).version).toBe('2025-07-01');
  });

  it('rejects malformed catalog data at load', () => {
    const base = kkKelahiranCatalog.data.versions[0];
    expect(() => new ServiceCatalog({ ...kkKelahiranCatalog.data, versions: [{ ...base, sla: { ...base.sla, workingDays: 0 } }] })).toThrow(
      /workingDays/,
    );
  });
});
