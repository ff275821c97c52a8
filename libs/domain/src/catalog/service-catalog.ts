import type { CatalogEntry, CatalogVersionData, ServiceCatalogData } from './catalog.types';

const WIB_OFFSET_MS = 7 * 3_600_000;

export class CatalogNotFoundError extends Error {
  override readonly name = 'CatalogNotFoundError';
  readonly code = 'catalog.not-found';
  constructor(serviceType: string, kecamatan: string, at: Date) {
    super(`No catalog version of ${serviceType} for kecamatan ${kecamatan} effective at ${at.toISOString()}`);
  }
}

/** The versions of one service type's catalog, resolved per kecamatan and moment. */
export class ServiceCatalog {
  constructor(readonly data: ServiceCatalogData) {
    for (const v of data.versions) assertVersionShape(data.serviceType, v);
  }

  get serviceType(): string {
    return this.data.serviceType;
  }

  /** The version in force for a kecamatan at `at`: the most specific scope, then the latest effectiveFrom. */
  resolve(kecamatan: string, at: Date): CatalogEntry {
    const today = new Date(at.getTime() + WIB_OFFSET_MS).toISOString().slice(0, 10);
    const candidates = this.data.versions
      .filter((v) => (kecamatan === v.scope || kecamatan.startsWith(`${v.scope}.`)) && v.effectiveFrom <= today)
      .sort((a, b) => b.scope.length - a.scope.length || b.effectiveFrom.localeCompare(a.effectiveFrom));
    const chosen = candidates[0];
    if (!chosen) throw new CatalogNotFoundError(this.serviceType, kecamatan, at);
    return this.entry(chosen, kecamatan);
  }

  /** A recorded catalog version id back to its entry (to judge an old application by its own rules). */
  byVersionId(catalogVersionId: string): CatalogEntry | undefined {
    const [serviceType, kecamatan, version] = catalogVersionId.split('/');
    if (serviceType !== this.serviceType || !kecamatan) return undefined;
    const v = this.data.versions
      .filter((x) => x.version === version && (kecamatan === x.scope || kecamatan.startsWith(`${x.scope}.`)))
      .sort((a, b) => b.scope.length - a.scope.length)[0];
    return v ? this.entry(v, kecamatan) : undefined;
  }

  private entry(v: CatalogVersionData, kecamatan: string): CatalogEntry {
    return {
      ...v,
      catalogVersionId: `${this.serviceType}/${kecamatan}/${v.version}`,
      serviceType: this.serviceType,
      serviceName: this.data.name,
      kecamatan,
    };
  }
}

function assertVersionShape(serviceType: string, v: CatalogVersionData): void {
  const where = `${serviceType}@${v.version}`;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(v.effectiveFrom)) throw new Error(`${where}: effectiveFrom must be YYYY-MM-DD`);
  if (!Number.isInteger(v.sla?.workingDays) || v.sla.workingDays < 1)
    throw new Error(`${where}: sla.workingDays must be a whole number >= 1`);
  if (typeof v.feeRupiah !== 'number' || v.feeRupiah < 0) throw new Error(`${where}: feeRupiah must be >= 0`);
  for (const [channel, reqs] of Object.entries(v.requirements)) {
    const ids = new Set(reqs.map((r) => r.id));
    if (ids.size !== reqs.length) throw new Error(`${where}: duplicate requirement id in channel ${channel}`);
  }
}
