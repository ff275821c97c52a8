import { listKecamatan, listVillages } from '@adminduk/domain';
import type { PublicWilayah } from './public-wilayah.schema';

/**
 * The region names of the domain's data (Kemendagri codes of Kabupaten Sidoarjo), so screens show
 * "Balongbendo" instead of "35.15.12". Built once: the data ships with the code and never changes at run time.
 */
export const PUBLIC_WILAYAH: PublicWilayah = {
  kecamatan: listKecamatan().map((k) => ({ kode: k.code, nama: k.name })),
  desa: listVillages().map((v) => ({
    kode: v.code,
    nama: v.name,
    kecamatan: v.kecamatanCode,
    jenis: v.kind,
    ...(v.retired ? { dihapus: true } : {}),
  })),
};
