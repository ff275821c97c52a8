import { kecamatanOfDesa, type Principal } from './principal';

/** Kabupaten Sidoarjo: every kecamatan this deployment serves is under it. */
export const REGENCY_CODE = '35.15';

export function isInRegency(code: string | undefined): boolean {
  return typeof code === 'string' && code.startsWith(`${REGENCY_CODE}.`);
}

/**
 * May the principal act (write, decide) on work belonging to this kecamatan?
 * Operators: their own kecamatan. Signers: any kecamatan of the regency (signing is central).
 * Complaint officers: their kecamatan if their token names one, else the regency.
 * Auditors are read-only; village officers and applicants act only through their own desa/applications.
 * The camat acts only on complaints escalated in their kecamatan (libs/domain's complaint decider),
 * never on applications.
 */
export function canActOnKecamatan(principal: Principal, kecamatanCode: string): boolean {
  switch (principal.role) {
    case 'admin':
      return true;
    case 'operator-kecamatan':
      return principal.kecamatan === kecamatanCode;
    case 'penandatangan':
      return isInRegency(kecamatanCode);
    case 'petugas-pengaduan':
      return principal.kecamatan ? principal.kecamatan === kecamatanCode : isInRegency(kecamatanCode);
    case 'petugas-desa':
    case 'pemohon':
    case 'auditor':
    case 'camat':
      return false;
  }
}

/** May the principal act on work belonging to this desa? Village officers: only their own desa. */
export function canActOnDesa(principal: Principal, desaCode: string): boolean {
  switch (principal.role) {
    case 'petugas-desa':
      return principal.desa === desaCode;
    case 'pemohon':
    case 'auditor':
    case 'camat':
      return false;
    default:
      return canActOnKecamatan(principal, kecamatanOfDesa(desaCode));
  }
}

export interface ApplicationScope {
  kecamatan: string;
  desa?: string;
  /** NIKs of the applicant and of every family member on the application. */
  niks?: readonly string[];
}

/**
 * May the principal read this application? Citizens: every application where their NIK is the
 * applicant's or a family member's, whatever the channel. Village officers: their desa.
 * Operators: their kecamatan. Signers and auditors: regency-wide. Admin: everything. The camat reads
 * no application (only the complaints escalated to them).
 */
export function canReadApplication(principal: Principal, application: ApplicationScope): boolean {
  switch (principal.role) {
    case 'admin':
      return true;
    case 'pemohon':
      return principal.nik !== undefined && (application.niks ?? []).includes(principal.nik);
    case 'petugas-desa':
      return application.desa !== undefined && application.desa === principal.desa;
    case 'operator-kecamatan':
      return application.kecamatan === principal.kecamatan;
    case 'penandatangan':
    case 'auditor':
      return isInRegency(application.kecamatan);
    case 'petugas-pengaduan':
      return principal.kecamatan ? principal.kecamatan === application.kecamatan : isInRegency(application.kecamatan);
    case 'camat':
      return false;
  }
}

/**
 * The same read rule as a filter for queries over read models, so lists and single reads agree.
 * `all`: no restriction; otherwise restrict by code prefix, exact kecamatan/desa, or a citizen's NIK
 * among the application's NIKs.
 */
export type ReadFilter =
  | { kind: 'all' }
  | { kind: 'regency'; prefix: string }
  | { kind: 'kecamatan'; kecamatan: string }
  | { kind: 'desa'; desa: string }
  | { kind: 'citizen'; nik: string };

export function applicationReadFilter(principal: Principal): ReadFilter {
  switch (principal.role) {
    case 'admin':
      return { kind: 'all' };
    case 'pemohon':
      return { kind: 'citizen', nik: principal.nik ?? '' }; // no NIK: '' is on no application
    case 'petugas-desa':
      return { kind: 'desa', desa: principal.desa ?? '' };
    case 'operator-kecamatan':
      return { kind: 'kecamatan', kecamatan: principal.kecamatan ?? '' };
    case 'penandatangan':
    case 'auditor':
      return { kind: 'regency', prefix: `${REGENCY_CODE}.` };
    case 'petugas-pengaduan':
      return principal.kecamatan ? { kind: 'kecamatan', kecamatan: principal.kecamatan } : { kind: 'regency', prefix: `${REGENCY_CODE}.` };
    case 'camat':
      return { kind: 'citizen', nik: '' }; // no application: '' is no applicant's NIK (canReadApplication agrees)
  }
}

export function matchesReadFilter(filter: ReadFilter, application: ApplicationScope): boolean {
  switch (filter.kind) {
    case 'all':
      return true;
    case 'regency':
      return application.kecamatan.startsWith(filter.prefix);
    case 'kecamatan':
      return application.kecamatan === filter.kecamatan;
    case 'desa':
      return application.desa === filter.desa;
    case 'citizen':
      return filter.nik !== '' && (application.niks ?? []).includes(filter.nik);
  }
}
