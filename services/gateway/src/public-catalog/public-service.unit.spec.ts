import { CatalogNotFoundError, kkKelahiranCatalog } from '@adminduk/domain';
import { BALONGBENDO_OFFICE } from '@adminduk/notifications';
import { publicService } from './public-service';
import { publicServiceSchema } from './public-service.schema';

describe('the public service standard from the catalog', () => {
  const now = new Date('2026-03-02T03:00:00Z');
  const entry = kkKelahiranCatalog.resolve('35.15.12', now);
  const shown = publicService(kkKelahiranCatalog, '35.15.12', now);

  it('carries the version in force: product, fee Rp 0 (GRATIS), time with its condition, source', () => {
    expect(publicServiceSchema.parse(shown)).toEqual(shown);
    expect(shown).toMatchObject({
      serviceId: 'kk-tambah-anggota-kelahiran',
      name: entry.serviceName,
      product: 'Kartu Keluarga (KK)',
      fee: { rupiah: 0, label: 'Rp 0 (GRATIS)' },
      time: { workingDays: 3, label: '3 hari kerja', condition: entry.sla.condition },
      source: entry.source,
      effectiveFrom: entry.effectiveFrom,
      legalBasis: entry.legalBasis,
    });
  });

  it('lists every channel with the catalog requirements and procedure, verbatim', () => {
    expect(shown.channels.map((c) => c.id)).toEqual(['tatap-muka', 'daring-mandiri', 'daring-desa']);
    for (const c of shown.channels) {
      expect(c.requirements).toEqual(
        entry.requirements[c.id as keyof typeof entry.requirements].map((r) => ({ id: r.id, label: r.label })),
      );
      expect(c.procedure).toEqual(entry.procedure[c.id as keyof typeof entry.procedure]);
      expect(c.label).not.toBe(c.id);
    }
  });

  it('names the complaint contacts of the standard and who may collect', () => {
    expect(shown.complaints).toMatchObject({
      office: BALONGBENDO_OFFICE.name,
      telepon: BALONGBENDO_OFFICE.complaints.telepon,
      email: BALONGBENDO_OFFICE.complaints.email,
    });
    expect(shown.collection).toEqual({ note: entry.collection.note, selfPrint: true });
  });

  it('refuses a kecamatan outside every version scope', () => {
    expect(() => publicService(kkKelahiranCatalog, '35.16.01', now)).toThrow(CatalogNotFoundError);
  });
});
