/**
 * The service catalog: what a service requires, per channel, and its service levels. Data, not code.
 * Every field is either a rule the decider or the SLA clock reads (docs/catalog.md names which), or
 * text shown to people (name, source, product, fee, procedure, legal basis). A rule that has to stay
 * code is not declared here.
 */

export type Channel = 'tatap-muka' | 'daring-mandiri' | 'daring-desa';
export const CHANNELS: readonly Channel[] = ['tatap-muka', 'daring-mandiri', 'daring-desa'];

/** Declarations an applicant makes at submission that make a conditional requirement apply. */
export type RequirementCondition = 'memiliki-ijazah';
export const REQUIREMENT_CONDITIONS: readonly RequirementCondition[] = ['memiliki-ijazah'];

export interface RequirementDefinition {
  id: string;
  /** A document is handed in (counter) or uploaded (online); data is typed into the application. */
  kind: 'document' | 'data';
  /** Verbatim from the service standard. */
  label: string;
  /** A conditional requirement applies only when the applicant declares it. */
  condition?: RequirementCondition;
}

/** When the SLA clock starts: when the file is complete ("jika berkas lengkap"), or at submission. */
export type SlaStart = 'file-complete' | 'submitted';
export const SLA_STARTS: readonly SlaStart[] = ['file-complete', 'submitted'];
/** While a correction is awaited the clock pauses, or it never pauses. */
export type SlaPause = 'correction-awaited' | 'never';
export const SLA_PAUSES: readonly SlaPause[] = ['correction-awaited', 'never'];

/** What happens to a file handed in incomplete at the counter. */
export type CounterIncompleteFile =
  /** "Berkas kurang lengkap ... akan dikembalikan ke pemohon": FileReturned at submission. */
  | 'returned-at-once'
  /** Recorded, and a correction of the missing documents is requested with the correction deadline. */
  | 'correction-requested';
export const COUNTER_INCOMPLETE_FILE: readonly CounterIncompleteFile[] = ['returned-at-once', 'correction-requested'];

/** Who may collect the printed product at the kecamatan. */
export type Collector = 'pemohon' | 'anggota-keluarga-satu-kk';
export const COLLECTORS: readonly Collector[] = ['pemohon', 'anggota-keluarga-satu-kk'];

export interface CatalogVersionData {
  version: string;
  effectiveFrom: string; // YYYY-MM-DD (WIB)
  /** A regency ("35.15") or a kecamatan ("35.15.12"); the most specific scope wins. */
  scope: string;
  /** Shown to people only. */
  source: string;
  /** Shown to people only. */
  product: string;
  /** Shown to people only (no payment is taken; a fee asked for a free service is a complaint). */
  feeRupiah: number;
  /** `condition` is the standard's wording, shown to people. */
  sla: { workingDays: number; startsWhen: SlaStart; pausedWhile: SlaPause; condition?: string };
  /** Due at `hourWib`:00 WIB on the calendar day after the request; only `channels` take corrections. */
  correctionDeadline: { rule: 'next-calendar-day-at'; hourWib: number; channels: Channel[] };
  counterIncompleteFile: CounterIncompleteFile;
  /** `note` is the standard's wording, shown to people. */
  collection: { by: Collector[]; orSelfPrint: boolean; note?: string };
  requirements: Record<Channel, RequirementDefinition[]>;
  /** Shown to people only: the steps as the standard words them. */
  procedure: Record<Channel, string[]>;
  /** Shown to people only. */
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
