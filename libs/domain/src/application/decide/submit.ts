import { CHANNELS, type CatalogEntry, type RequirementCondition } from '../../catalog/catalog.types';
import { CatalogNotFoundError } from '../../catalog/service-catalog';
import { kecamatanStatus } from '../../identifiers/wilayah';
import { assertNoIssues, conflict, forbidden, invalid } from '../../shared/domain-error';
import type { DecideContext, SubmitApplication } from '../application.commands';
import { event, type ApplicationEvent, type ApplicationState, type RequirementSnapshot } from '../application.events';
import { findDuplicate } from '../duplicate-detection';
import { isPartyTo } from '../parties';
import { iso, staffRef } from '../guards';
import { validateApplicant, validateFamily, validateNewborn, type ValidationOutcome } from '../submission-validation';
import { catalogOf, correctionDueAt } from './catalog-rules';
import { missingAtCounter } from './requirements';

/**
 * Submission from any channel. The counter operator enters a file the applicant hands in; the applicant
 * submits online; a village officer submits for a family of their own desa only.
 */
export function decideSubmit(cmd: SubmitApplication, state: ApplicationState, ctx: DecideContext): ApplicationEvent[] {
  if (state.status !== 'none') throw conflict('APPLICATION_EXISTS', 'Permohonan dengan nomor ini sudah ada.');
  const d = cmd.data;
  authorizeSubmission(cmd);

  const out: ValidationOutcome = { errors: [], warnings: [] };
  if (typeof d.applicationId !== 'string' || d.applicationId.trim() === '') {
    out.errors.push({ field: 'applicationId', code: 'REQUIRED', message: 'Nomor permohonan wajib diisi.' });
  }
  if (kecamatanStatus(d.kecamatan ?? '') !== 'active') {
    out.errors.push({ field: 'kecamatan', code: 'KECAMATAN_UNKNOWN', message: 'Kecamatan tidak dikenal.' });
  }
  validateFamily(out, d.family, d.kecamatan, ctx.now);
  validateApplicant(out, d.applicant, d.family);
  validateNewborn(out, d.newborn, ctx.now);
  const catalog = out.errors.length === 0 ? resolveCatalog(d.serviceType, d.kecamatan, ctx) : undefined;
  const requirements = catalog ? snapshotRequirements(catalog, cmd) : [];
  if (d.channel === 'tatap-muka') {
    const known = new Set(requirements.map((r) => r.id));
    if (!Array.isArray(d.presentedRequirementIds)) {
      out.errors.push({
        field: 'presentedRequirementIds',
        code: 'REQUIRED',
        message: 'Daftar persyaratan yang diserahkan di loket wajib diisi.',
      });
    } else if (catalog) {
      for (const id of d.presentedRequirementIds) {
        if (!known.has(id))
          out.errors.push({
            field: 'presentedRequirementIds',
            code: 'REQUIREMENT_UNKNOWN',
            message: `Persyaratan "${id}" tidak dikenal untuk layanan ini.`,
          });
      }
    }
  }
  assertNoIssues(out.errors);
  const entry = catalog as CatalogEntry;
  const at = iso(ctx.now);

  const events: ApplicationEvent[] = [
    event('ApplicationSubmitted', {
      applicationId: d.applicationId,
      serviceType: entry.serviceType,
      catalogVersionId: entry.catalogVersionId,
      channel: d.channel,
      kecamatan: d.kecamatan,
      desa: d.family.alamat.desa,
      submittedBy: staffRef(cmd.actor),
      applicant: d.applicant,
      family: d.family,
      newborn: d.newborn,
      memilikiIjazah: d.memilikiIjazah === true,
      requirements,
      presentedRequirementIds: d.channel === 'tatap-muka' ? d.presentedRequirementIds : undefined,
      slaWorkingDays: entry.sla.workingDays,
      warnings: out.warnings,
      at,
    }),
  ];

  const duplicate = findDuplicate(
    { applicationId: d.applicationId, motherNik: d.newborn.nikIbu, birthDate: d.newborn.tanggalLahir, newbornName: d.newborn.namaLengkap },
    ctx.openApplications ?? [],
  );
  if (duplicate)
    events.push(
      event('PossibleDuplicateFlagged', { duplicateOfApplicationId: duplicate.applicationId, similarity: duplicate.similarity, at }),
    );

  if (d.channel === 'tatap-muka') events.push(...counterIntake(cmd, entry, requirements, at));
  return events;
}

/**
 * The counter: a complete file starts verification; an incomplete one ("Berkas kurang lengkap ...
 * akan dikembalikan ke pemohon") is returned at once, or waits for the missing documents until the
 * correction deadline, as the catalog's counterIncompleteFile says.
 */
function counterIntake(cmd: SubmitApplication, entry: CatalogEntry, requirements: RequirementSnapshot[], at: string): ApplicationEvent[] {
  const missing = missingAtCounter(requirements, new Set(cmd.data.presentedRequirementIds));
  if (missing.length === 0) return [event('FileCompleted', { at })];
  const items = missing.map((r) => ({ requirementId: r.id, reason: 'Belum diserahkan' }));
  if (entry.counterIncompleteFile === 'correction-requested') {
    return [event('CorrectionRequested', { items, requestedBy: staffRef(cmd.actor), dueAt: correctionDueAt(entry, new Date(at)), at })];
  }
  return [
    event('FileReturned', {
      reasonCode: 'incomplete-at-counter',
      reason: `Berkas kurang lengkap: ${missing.map((r) => r.label).join('; ')}.`,
      items,
      returnedBy: staffRef(cmd.actor),
      at,
    }),
  ];
}

function authorizeSubmission(cmd: SubmitApplication): void {
  const { actor, data } = cmd;
  if (!CHANNELS.includes(data.channel)) {
    throw invalid('VALIDATION_FAILED', 'Kanal permohonan tidak dikenal.', [
      { field: 'channel', code: 'ENUM', message: 'Kanal harus tatap-muka, daring-mandiri atau daring-desa.' },
    ]);
  }
  const expectedRole = { 'tatap-muka': 'operator-kecamatan', 'daring-mandiri': 'pemohon', 'daring-desa': 'petugas-desa' }[data.channel];
  if (actor.role !== expectedRole) throw forbidden('AUTH_CHANNEL_ROLE', 'Peran pengguna tidak sesuai dengan kanal permohonan.');
  if (data.channel === 'tatap-muka' && actor.kecamatan !== data.kecamatan) {
    throw forbidden('AUTH_KECAMATAN', 'Operator hanya dapat menerima permohonan di kecamatannya sendiri.');
  }
  if (data.channel === 'daring-desa' && typeof data.family?.alamat?.desa === 'string' && actor.desa !== data.family.alamat.desa) {
    throw forbidden('AUTH_DESA', 'Petugas registrasi desa hanya dapat mengajukan permohonan untuk keluarga di desanya sendiri.');
  }
  // A citizen applies for their own family only: their NIK (from their login) must be on it.
  if (data.channel === 'daring-mandiri' && !isPartyTo(actor.nik, data)) {
    throw forbidden(
      'AUTH_NOT_IN_FAMILY',
      'Anda hanya dapat mengajukan permohonan untuk keluarga Anda sendiri: NIK Anda harus tercantum sebagai pemohon atau anggota keluarga pada permohonan.',
    );
  }
}

function resolveCatalog(serviceType: string | undefined, kecamatan: string, ctx: DecideContext): CatalogEntry {
  const catalog = catalogOf(ctx);
  if (serviceType !== undefined && serviceType !== catalog.serviceType) {
    throw invalid('VALIDATION_FAILED', 'Jenis layanan tidak sesuai.', [
      { field: 'serviceType', code: 'SERVICE_MISMATCH', message: `Jenis layanan harus ${catalog.serviceType}.` },
    ]);
  }
  try {
    return catalog.resolve(kecamatan, ctx.now);
  } catch (e) {
    if (e instanceof CatalogNotFoundError) {
      throw invalid('VALIDATION_FAILED', 'Layanan ini belum tersedia di kecamatan tersebut.', [
        { field: 'kecamatan', code: 'CATALOG_NOT_FOUND', message: 'Layanan ini belum tersedia di kecamatan tersebut.' },
      ]);
    }
    throw e;
  }
}

/** How the applicant declares each condition the catalog may put on a requirement (the catalog is checked against this list at load). */
const DECLARED: Record<RequirementCondition, (data: SubmitApplication['data']) => boolean> = {
  'memiliki-ijazah': (data) => data.memilikiIjazah === true,
};

function snapshotRequirements(entry: CatalogEntry, cmd: SubmitApplication): RequirementSnapshot[] {
  return entry.requirements[cmd.data.channel].map((r) => ({
    id: r.id,
    kind: r.kind,
    label: r.label,
    ...(r.condition ? { condition: r.condition } : {}),
    applicable: !r.condition || DECLARED[r.condition](cmd.data),
  }));
}
