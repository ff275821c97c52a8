import catalogJson from '../../data/complaint-catalog.json';

/**
 * The complaint catalog (libs/domain/data/complaint-catalog.json): kinds, categories, the channels
 * the service standard names plus SP4N-LAPOR's and this platform's own form, the answer tiers with
 * their working days, the satisfaction answers. Data, not code, so the office can change a tier's
 * days without a release; validated when the module loads so a broken file stops the service at
 * start instead of refusing complaints later.
 */
export interface ComplaintCatalog {
  verificationWorkingDays: number;
  kinds: Record<string, string>;
  categories: Record<string, string>;
  channels: Record<string, { label: string; group: 'standar' | 'lapor' | 'platform' }>;
  tiers: Record<string, { label: string; workingDays: number }>;
  satisfaction: Record<string, string>;
  /** Where to complain, as the service standard lists it (the public form shows them); null: none published. */
  contacts: Record<string, string | null | Record<string, string>>;
}

export const COMPLAINT_KINDS = ['pengaduan', 'saran', 'apresiasi'] as const;
export type ComplaintKind = (typeof COMPLAINT_KINDS)[number];
/** The categories the rules name (confidentiality of pungli reports); the rest are plain catalog data. */
export const PUNGUTAN_LIAR = 'pungutan-liar';
/** The channel of the platform's own public form. */
export const WEB_FORM_CHANNEL = 'web-adminduk';

const isLabel = (v: unknown) => typeof v === 'string' && v.trim().length > 0;
const isDays = (v: unknown) => typeof v === 'number' && Number.isInteger(v) && v > 0 && v <= 365;

/** Every problem of a catalog candidate (empty when valid). Exported for the test of a broken file. */
export function complaintCatalogProblems(c: ComplaintCatalog): string[] {
  const problems: string[] = [];
  if (!isDays(c.verificationWorkingDays)) problems.push('verificationWorkingDays must be a whole number of days 1-365');
  for (const k of COMPLAINT_KINDS) if (!isLabel(c.kinds?.[k])) problems.push(`kinds.${k} needs a label`);
  if (!isLabel(c.categories?.[PUNGUTAN_LIAR])) problems.push(`categories.${PUNGUTAN_LIAR} needs a label`);
  for (const [code, label] of Object.entries(c.categories ?? {})) if (!isLabel(label)) problems.push(`categories.${code} needs a label`);
  if (!c.channels?.[WEB_FORM_CHANNEL]) problems.push(`channels.${WEB_FORM_CHANNEL} is missing`);
  for (const [code, ch] of Object.entries(c.channels ?? {})) {
    if (!isLabel(ch?.label) || !['standar', 'lapor', 'platform'].includes(ch?.group))
      problems.push(`channels.${code} needs a label and group`);
  }
  const tiers = Object.entries(c.tiers ?? {});
  if (tiers.length === 0) problems.push('tiers must not be empty');
  for (const [code, t] of tiers)
    if (!isLabel(t?.label) || !isDays(t?.workingDays)) problems.push(`tiers.${code} needs a label and workingDays 1-365`);
  if (Object.keys(c.satisfaction ?? {}).length === 0) problems.push('satisfaction must not be empty');
  if (!isLabel(c.contacts?.office)) problems.push('contacts.office needs a name');
  return problems;
}

function validated(c: ComplaintCatalog): ComplaintCatalog {
  const problems = complaintCatalogProblems(c);
  if (problems.length > 0) throw new Error(`complaint-catalog.json is invalid: ${problems.join('; ')}`);
  return c;
}

export const COMPLAINT_CATALOG: Readonly<ComplaintCatalog> = validated(catalogJson as ComplaintCatalog);

export const isComplaintKind = (v: unknown): v is ComplaintKind =>
  typeof v === 'string' && (COMPLAINT_KINDS as readonly string[]).includes(v);
const hasCode =
  (table: Record<string, unknown>) =>
  (v: unknown): v is string =>
    typeof v === 'string' && Object.hasOwn(table, v);
export const isComplaintCategory = hasCode(COMPLAINT_CATALOG.categories);
export const isComplaintChannel = hasCode(COMPLAINT_CATALOG.channels);
export const isComplaintTier = hasCode(COMPLAINT_CATALOG.tiers);
export const isSatisfaction = hasCode(COMPLAINT_CATALOG.satisfaction);
/** SP4N-LAPOR's channels: a complaint from one of them carries LAPOR's tracking number. */
export const isLaporChannel = (channel: string): boolean => COMPLAINT_CATALOG.channels[channel]?.group === 'lapor';
