import wilayahJson from '../../data/wilayah-sidoarjo.json';

/**
 * Kemendagri region codes (not BPS codes). The bundled data covers Kabupaten Sidoarjo (35.15) only;
 * codes elsewhere cannot be checked, which is a warning, never a rejection.
 */

interface WilayahVillage {
  code: string;
  name: string;
  type?: string;
  retired?: boolean;
}
interface WilayahKecamatan {
  code: string;
  name: string;
  villages: WilayahVillage[];
  retiredVillages: WilayahVillage[];
}
interface WilayahData {
  province: { code: string; name: string };
  regency: { code: string; name: string };
  kecamatan: WilayahKecamatan[];
}

const data = wilayahJson as WilayahData;

export const COVERED_REGENCY = data.regency.code; // "35.15"

export type RegionStatus = 'active' | 'retired' | 'unknown' | 'outside-data';

export interface KecamatanInfo {
  code: string;
  name: string;
}
export interface VillageInfo {
  code: string;
  name: string;
  kind: 'desa' | 'kelurahan';
  kecamatanCode: string;
  retired: boolean;
}

const kecamatanByCode = new Map<string, KecamatanInfo>(data.kecamatan.map((k) => [k.code, { code: k.code, name: k.name }]));
const villageByCode = new Map<string, VillageInfo>();
for (const k of data.kecamatan) {
  for (const v of k.villages) villageByCode.set(v.code, toVillage(v, k.code, false));
  for (const v of k.retiredVillages) villageByCode.set(v.code, toVillage(v, k.code, true));
}

function toVillage(v: WilayahVillage, kecamatanCode: string, retired: boolean): VillageInfo {
  // 10 digits PP.KK.CC.TNNN: T = 1 kelurahan, T = 2 desa.
  const kind = v.code.charAt(9) === '1' ? 'kelurahan' : 'desa';
  return { code: v.code, name: v.name, kind, kecamatanCode, retired };
}

/** "351512" or "35.15.12" -> "35.15.12"; "3515122001" -> "35.15.12.2001". Undefined if not 6 or 10 digits. */
export function dottedRegionCode(code: string): string | undefined {
  const digits = code.replace(/\./g, '');
  if (!/^\d+$/.test(digits)) return undefined;
  if (digits.length === 6) return `${digits.slice(0, 2)}.${digits.slice(2, 4)}.${digits.slice(4, 6)}`;
  if (digits.length === 10) return `${digits.slice(0, 2)}.${digits.slice(2, 4)}.${digits.slice(4, 6)}.${digits.slice(6)}`;
  return undefined;
}

export function kecamatanStatus(code: string): RegionStatus {
  const dotted = dottedRegionCode(code);
  if (!dotted || dotted.length !== 8) return 'unknown';
  if (!dotted.startsWith(`${COVERED_REGENCY}.`)) return 'outside-data';
  return kecamatanByCode.has(dotted) ? 'active' : 'unknown';
}

export function findKecamatan(code: string): KecamatanInfo | undefined {
  const dotted = dottedRegionCode(code);
  return dotted ? kecamatanByCode.get(dotted) : undefined;
}

export function findVillage(code: string): VillageInfo | undefined {
  const dotted = dottedRegionCode(code);
  return dotted ? villageByCode.get(dotted) : undefined;
}

export function villageStatus(code: string): RegionStatus {
  const dotted = dottedRegionCode(code);
  if (!dotted || dotted.length !== 13) return 'unknown';
  if (!dotted.startsWith(`${COVERED_REGENCY}.`)) return 'outside-data';
  const v = villageByCode.get(dotted);
  if (!v) return 'unknown';
  return v.retired ? 'retired' : 'active';
}

export function listKecamatan(): KecamatanInfo[] {
  return [...kecamatanByCode.values()];
}

/** Every village of the bundled data, retired ones included (old applications still name them). */
export function listVillages(): VillageInfo[] {
  return [...villageByCode.values()];
}
