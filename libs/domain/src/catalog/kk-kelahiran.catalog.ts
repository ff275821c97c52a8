import catalogJson from '../../data/catalog/kk-tambah-anggota-kelahiran.json';
import type { ServiceCatalogData } from './catalog.types';
import { ServiceCatalog } from './service-catalog';

export const KK_KELAHIRAN = 'kk-tambah-anggota-kelahiran';

/** KK re-issued after a birth, as the Sidoarjo kecamatan's standar pelayanan describes it. */
export const kkKelahiranCatalog = new ServiceCatalog(catalogJson as ServiceCatalogData);
