import { kkKelahiranCatalog, type Channel, type ServiceCatalog } from '@adminduk/domain';
import { BALONGBENDO_OFFICE } from '@adminduk/notifications';
import type { PublicService } from './public-service.schema';

/** Every service a citizen can read the standard of. */
export const PUBLIC_CATALOGS: ServiceCatalog[] = [kkKelahiranCatalog];

/** The kecamatan whose published standard the catalog copies (Balongbendo, the seed). */
export const DEFAULT_KECAMATAN = '35.15.12';

export const CHANNEL_LABELS: Record<Channel, string> = {
  'tatap-muka': 'Datang ke kantor kecamatan',
  'daring-mandiri': 'Daring (mandiri dari rumah)',
  'daring-desa': 'Daring melalui petugas desa',
};

/** The national complaint channel every public service names (SP4N-LAPOR!). */
const NATIONAL_COMPLAINTS = 'SP4N-LAPOR! www.lapor.go.id atau SMS 1708';

/** The catalog version in force for the kecamatan now, reduced to its public fields. */
export function publicService(catalog: ServiceCatalog, kecamatan: string, now: Date): PublicService {
  const v = catalog.resolve(kecamatan, now);
  const office = BALONGBENDO_OFFICE;
  return {
    serviceId: catalog.serviceType,
    name: v.serviceName,
    kecamatan,
    product: v.product,
    fee: { rupiah: v.feeRupiah, label: `Rp ${v.feeRupiah.toLocaleString('id-ID')}${v.feeRupiah === 0 ? ' (GRATIS)' : ''}` },
    time: { workingDays: v.sla.workingDays, label: `${v.sla.workingDays} hari kerja`, condition: v.sla.condition },
    channels: (Object.keys(CHANNEL_LABELS) as Channel[]).map((id) => ({
      id,
      label: CHANNEL_LABELS[id],
      requirements: v.requirements[id].map((r) => ({ id: r.id, label: r.label })),
      procedure: v.procedure[id],
    })),
    collection: { note: v.collection.note, selfPrint: v.collection.orSelfPrint },
    complaints: {
      office: office.name,
      address: office.address,
      telepon: office.complaints.telepon,
      email: office.complaints.email,
      national: NATIONAL_COMPLAINTS,
    },
    legalBasis: v.legalBasis,
    source: v.source,
    effectiveFrom: v.effectiveFrom,
  };
}
