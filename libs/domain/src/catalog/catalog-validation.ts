import {
  CHANNELS,
  COLLECTORS,
  COUNTER_INCOMPLETE_FILE,
  REQUIREMENT_CONDITIONS,
  SLA_PAUSES,
  SLA_STARTS,
  type CatalogVersionData,
  type ServiceCatalogData,
} from './catalog.types';

/** A catalog file the code cannot follow. Thrown at load, so a bad edit stops start-up, not a citizen's application. */
export class CatalogInvalidError extends Error {
  override readonly name = 'CatalogInvalidError';
  readonly code = 'catalog.invalid';
  constructor(
    readonly serviceType: string,
    readonly problems: readonly string[],
  ) {
    super(`Catalog ${serviceType} is invalid: ${problems.join('; ')}`);
  }
}

type Problems = string[];

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isText = (v: unknown): v is string => typeof v === 'string' && v.trim() !== '';

function oneOf(p: Problems, where: string, value: unknown, allowed: readonly string[]): void {
  if (!allowed.includes(value as string)) p.push(`${where} must be one of ${allowed.join(', ')} (got ${JSON.stringify(value)})`);
}

/** Every problem of the catalog at once (the editor fixes them in one go), or nothing. */
export function catalogProblems(data: ServiceCatalogData): string[] {
  const p: Problems = [];
  if (!isText(data?.serviceType)) p.push('serviceType is required');
  if (!isText(data?.name)) p.push('name is required');
  if (!Array.isArray(data?.versions) || data.versions.length === 0) p.push('versions must list at least one version');
  const seen = new Set<string>();
  for (const [i, v] of (Array.isArray(data?.versions) ? data.versions : []).entries()) {
    const where = `versions[${i}]${isText(v?.version) ? ` (${v.version})` : ''}`;
    if (!isObject(v)) {
      p.push(`${where} must be an object`);
      continue;
    }
    const key = `${v.version}@${v.scope}`;
    if (seen.has(key)) p.push(`${where}: version ${v.version} is declared twice for scope ${v.scope}`);
    seen.add(key);
    versionProblems(p, where, v);
  }
  return p;
}

/** The fields of a version; anything else is an edit the code would silently ignore. */
const VERSION_FIELDS = new Set([
  'version',
  'effectiveFrom',
  'scope',
  'source',
  'product',
  'feeRupiah',
  'sla',
  'correctionDeadline',
  'counterIncompleteFile',
  'collection',
  'requirements',
  'procedure',
  'legalBasis',
]);

function versionProblems(p: Problems, where: string, v: CatalogVersionData): void {
  for (const k of Object.keys(v)) if (!VERSION_FIELDS.has(k)) p.push(`${where}.${k} is not a catalog field`);
  if (!isText(v.version) || v.version.includes('/')) p.push(`${where}.version is required and has no "/"`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(v.effectiveFrom)) p.push(`${where}.effectiveFrom must be YYYY-MM-DD`);
  if (typeof v.scope !== 'string' || !/^\d{2}(\.\d{2}){1,2}$/.test(v.scope))
    p.push(`${where}.scope must be a regency ("35.15") or kecamatan ("35.15.12") code`);
  for (const field of ['source', 'product'] as const) if (!isText(v[field])) p.push(`${where}.${field} is required`);
  if (typeof v.feeRupiah !== 'number' || !Number.isInteger(v.feeRupiah) || v.feeRupiah < 0)
    p.push(`${where}.feeRupiah must be a whole number >= 0`);
  slaProblems(p, `${where}.sla`, v.sla);
  correctionProblems(p, where, v);
  if (!isObject(v.collection)) p.push(`${where}.collection is required`);
  else {
    const by = v.collection.by;
    if (!Array.isArray(by) || by.length === 0) p.push(`${where}.collection.by must name at least one collector`);
    else by.forEach((c, n) => oneOf(p, `${where}.collection.by[${n}]`, c, COLLECTORS));
    if (typeof v.collection.orSelfPrint !== 'boolean') p.push(`${where}.collection.orSelfPrint must be true or false`);
  }
  requirementProblems(p, where, v);
  for (const channel of CHANNELS) {
    const steps = v.procedure?.[channel];
    if (!Array.isArray(steps) || !steps.every(isText)) p.push(`${where}.procedure.${channel} must list the steps as text`);
  }
  if (!Array.isArray(v.legalBasis) || !v.legalBasis.every(isText)) p.push(`${where}.legalBasis must list text`);
}

function slaProblems(p: Problems, where: string, sla: CatalogVersionData['sla']): void {
  if (!isObject(sla)) {
    p.push(`${where} is required`);
    return;
  }
  if (!Number.isInteger(sla.workingDays) || sla.workingDays < 1) p.push(`${where}.workingDays must be a whole number >= 1`);
  oneOf(p, `${where}.startsWhen`, sla.startsWhen, SLA_STARTS);
  oneOf(p, `${where}.pausedWhile`, sla.pausedWhile, SLA_PAUSES);
}

function correctionProblems(p: Problems, where: string, v: CatalogVersionData): void {
  const c = v.correctionDeadline;
  oneOf(p, `${where}.counterIncompleteFile`, v.counterIncompleteFile, COUNTER_INCOMPLETE_FILE);
  if (!isObject(c)) {
    p.push(`${where}.correctionDeadline is required`);
    return;
  }
  oneOf(p, `${where}.correctionDeadline.rule`, c.rule, ['next-calendar-day-at']);
  if (!Number.isInteger(c.hourWib) || c.hourWib < 0 || c.hourWib > 23)
    p.push(`${where}.correctionDeadline.hourWib must be a whole hour from 0 to 23`);
  if (!Array.isArray(c.channels)) p.push(`${where}.correctionDeadline.channels must be a list of channels`);
  else {
    c.channels.forEach((ch, n) => oneOf(p, `${where}.correctionDeadline.channels[${n}]`, ch, CHANNELS));
    if (new Set(c.channels).size !== c.channels.length) p.push(`${where}.correctionDeadline.channels names a channel twice`);
    // An incomplete counter file can only wait for a correction where the counter takes corrections.
    if (v.counterIncompleteFile === 'correction-requested' && !c.channels.includes('tatap-muka'))
      p.push(`${where}: counterIncompleteFile "correction-requested" needs "tatap-muka" in correctionDeadline.channels`);
  }
}

function requirementProblems(p: Problems, where: string, v: CatalogVersionData): void {
  for (const channel of CHANNELS) {
    const reqs = v.requirements?.[channel];
    const at = `${where}.requirements.${channel}`;
    if (!Array.isArray(reqs)) {
      p.push(`${at} must list the requirements`);
      continue;
    }
    const ids = new Set<string>();
    reqs.forEach((r, n) => {
      if (!isText(r?.id) || !/^[a-z0-9-]+$/.test(r.id)) p.push(`${at}[${n}].id must be lower-case letters, digits and "-"`);
      else if (ids.has(r.id)) p.push(`${at}: duplicate requirement id ${r.id}`);
      else if (r.id === 'data') p.push(`${at}[${n}].id "data" is reserved for the typed data`);
      ids.add(r?.id);
      oneOf(p, `${at}[${n}].kind`, r?.kind, ['document', 'data']);
      if (!isText(r?.label)) p.push(`${at}[${n}].label is required`);
      if (r?.condition !== undefined) oneOf(p, `${at}[${n}].condition`, r.condition, REQUIREMENT_CONDITIONS);
      const known = new Set(['id', 'kind', 'label', 'condition']);
      for (const k of Object.keys(r ?? {})) if (!known.has(k)) p.push(`${at}[${n}].${k} is not a catalog field`);
    });
  }
  for (const k of Object.keys(v.requirements ?? {}))
    if (!CHANNELS.includes(k as never)) p.push(`${where}.requirements.${k} is not a channel`);
}

/** Refuses a catalog the code cannot follow, naming every problem. */
export function assertValidCatalog(data: ServiceCatalogData): void {
  const problems = catalogProblems(data);
  if (problems.length > 0) throw new CatalogInvalidError(String(data?.serviceType ?? '?'), problems);
}
