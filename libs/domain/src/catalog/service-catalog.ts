import { assertValidCatalog } from './catalog-validation';
import type { CatalogEntry, CatalogVersionData, ServiceCatalogData } from './catalog.types';

const WIB_OFFSET_MS = 7 * 3_600_000;

export class CatalogNotFoundError extends Error {
  override readonly name = 'CatalogNotFoundError';
  readonly code = 'CATALOG_NOT_FOUND';
  constructor(serviceType: string, kecamatan: string, at: Date) {
    super(`No catalog version of ${serviceType} for kecamatan ${kecamatan} effective at ${at.toISOString()}`);
  }
}

/**
 * An application names a catalog version this catalog does not hold. Versions are never removed
 * from the catalog file (applications are judged by the version they were submitted under), so this
 * is a deployment error, not bad input.
 */
export class CatalogVersionUnknownError extends Error {
  override readonly name = 'CatalogVersionUnknownError';
  readonly code = 'catalog.version-unknown';
  constructor(catalogVersionId: string | undefined, serviceType: string) {
    super(`Catalog version ${catalogVersionId ?? '(none)'} is not in the ${serviceType} catalog`);
  }
}

/** The versions of one service type's catalog, resolved per kecamatan and moment. Refuses invalid data at load. */
export class ServiceCatalog {
  /** byVersionId is read on every SLA evaluation and correction: resolved entries are kept (they never change). */
  private readonly byId = new Map<string, CatalogEntry | undefined>();

  constructor(readonly data: ServiceCatalogData) {
    assertValidCatalog(data);
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
    if (this.byId.has(catalogVersionId)) return this.byId.get(catalogVersionId);
    const [serviceType, kecamatan, version] = catalogVersionId.split('/');
    let found: CatalogEntry | undefined;
    if (serviceType === this.serviceType && kecamatan) {
      const v = this.data.versions
        .filter((x) => x.version === version && (kecamatan === x.scope || kecamatan.startsWith(`${x.scope}.`)))
        .sort((a, b) => b.scope.length - a.scope.length)[0];
      found = v ? this.entry(v, kecamatan) : undefined;
    }
    this.byId.set(catalogVersionId, found);
    return found;
  }

  /** The entry an application was submitted under; throws CatalogVersionUnknownError when the catalog lacks it. */
  entryOf(application: { catalogVersionId?: string }): CatalogEntry {
    const entry = application.catalogVersionId ? this.byVersionId(application.catalogVersionId) : undefined;
    if (!entry) throw new CatalogVersionUnknownError(application.catalogVersionId, this.serviceType);
    return entry;
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
