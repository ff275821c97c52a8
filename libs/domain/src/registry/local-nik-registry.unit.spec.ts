import { validateNik } from '../identifiers/nik';
import { InMemorySequenceSource, LocalNikRegistry } from './local-nik-registry';

describe('local NIK registry', () => {
  const request = (applicationId: string, jenisKelamin: 'LAKI-LAKI' | 'PEREMPUAN' = 'PEREMPUAN') => ({
    applicationId,
    kecamatan: '35.15.12',
    tanggalLahir: '2025-01-03',
    jenisKelamin,
  });

  it('assigns structurally valid, unique NIKs', async () => {
    const registry = new LocalNikRegistry(new InMemorySequenceSource());
    const niks = await Promise.all(
      Array.from({ length: 50 }, (_, i) => registry.assignNewbornNik(request(`app-${i}`, i % 2 ? 'LAKI-LAKI' : 'PEREMPUAN'))),
    );
    expect(new Set(niks).size).toBe(50);
    niks.forEach((nik, i) => {
      expect(validateNik(nik, { jenisKelamin: i % 2 ? 'LAKI-LAKI' : 'PEREMPUAN', tanggalLahir: '2025-01-03' })).toMatchObject({
        ok: true,
        warnings: [],
      });
    });
    expect(niks[0]).toBe('3515124301250001');
    expect(niks[1]).toBe('3515120301250001');
  });

  it('returns the same NIK when asked again for the same application', async () => {
    const registry = new LocalNikRegistry(new InMemorySequenceSource());
    const a = await registry.assignNewbornNik(request('app-1'));
    expect(await registry.assignNewbornNik(request('app-1'))).toBe(a);
    expect(await registry.assignNewbornNik(request('app-2'))).not.toBe(a);
  });

  it('fails loudly when the serials of a prefix run out', async () => {
    const registry = new LocalNikRegistry({ next: async () => 10_000 });
    await expect(registry.assignNewbornNik(request('app-1'))).rejects.toThrow(/exhausted/);
  });
});
