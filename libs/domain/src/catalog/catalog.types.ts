/** The service catalog: what a service requires, per channel, and its service levels. Data, not code. */

export type Channel = 'tatap-muka' | 'daring-mandiri' | 'daring-desa';
export const CHANNELS: readonly Channel[] = ['tatap-muka', 'daring-mandiri', 'daring-desa'];

export interface RequirementDefinition {
  id: string;
  /** A document is handed in (counter) or uploaded (online); data is typed into the application. */
  kind: 'document' | 'data';
  /** Verbatim from the service standard. */
  label: string;
  /** A conditional requirement applies only when the applicant declares it (e.g. "memiliki-ijazah"). */
  condition?: string;
  dataFields?: string[];
}

export interface CatalogVersionData {
  version: string;
  effectiveFrom: string; // YYYY-MM-DD (WIB)
  /** A regency ("35.15") or a kecamatan ("35.15.12"); the most specific scope wins. */
  scope: string;
  source: string;
  product: string;
  feeRupiah: number;
  sla: { workingDays: number; startsWhen: string; pausedWhile: string; condition?: string };
  correctionDeadline: { rule: 'next-calendar-day-at'; hourWib: number; channels: Channel[] };
  counterIncompleteFile: 'returned-at-once';
  collection: { by: string[]; orSelfPrint: boolean; note?: string };
  requirements: Record<Channel, RequirementDefinition[]>;
  procedure: Record<Channel, string[]>;
  legalBasis: string[];
}

export interface ServiceCatalogData {
  serviceType: string;
  name: string;
  note?: string;
  versions: CatalogVersionData[];
}

/** One catalog version resolved for one kecamatan: what an application is judged against. */
export interface CatalogEntry extends Omit<CatalogVersionData, 'scope'> {
  /** Recorded on each application, e.g. "kk-tambah-anggota-kelahiran/35.15.12/2025-01-02". */
  catalogVersionId: string;
  serviceType: string;
  serviceName: string;
  kecamatan: string;
  scope: string;
}
