import { Injectable } from '@nestjs/common';
import { AccessLogRecorder, loadApplication, readAccessLog, systemClock, type AccessRecord } from '@adminduk/application-commands';
import { isInRegency, type Principal } from '@adminduk/auth';
import { applicationStreamId, isPartyTo, type ApplicationState } from '@adminduk/domain';
import { ApiError } from '@adminduk/http';
import type { ApplicationData } from './application-data.schema';
import { GatewayEventStore } from './gateway-event-store';

/**
 * Who may see an application's submitted data (names, NIKs, family, newborn, contact, scans): the
 * operator of its kecamatan, the village officer who submitted it, a citizen who is a party to it and
 * the regency's auditors. Signers see the KK they sign; admins and complaint officers do not need it.
 */
export function canReadSubmittedData(p: Principal, app: ApplicationState): boolean {
  switch (p.role) {
    case 'operator-kecamatan':
      return p.kecamatan === app.kecamatan;
    case 'petugas-desa':
      return app.submittedBy?.userId === p.userId;
    case 'pemohon':
      return isPartyTo(p.nik, app);
    case 'auditor':
      return isInRegency(app.kecamatan);
    default:
      return false;
  }
}

/**
 * The submitted data, folded from the application's own stream (always current, no personal data in
 * a read model; decision 0016). A staff read is recorded on the access stream before it is answered.
 */
@Injectable()
export class ApplicationDataQuery {
  private readonly clock = systemClock;

  constructor(private readonly store: GatewayEventStore) {}

  async data(principal: Principal, applicationId: string, correlationId: string): Promise<ApplicationData> {
    const store = await this.store.get();
    const { state } = await loadApplication(store, applicationId);
    if (state.status === 'none') throw ApiError.notFound('Permohonan tidak ditemukan', 'APPLICATION_NOT_FOUND');
    if (!canReadSubmittedData(principal, state)) throw ApiError.forbidden();
    await new AccessLogRecorder(store, this.clock).record(principal, applicationId, state.kecamatan, { kind: 'data' }, correlationId);
    return toApplicationData(applicationId, state);
  }

  /** The auditor's view of who read the application's personal data; 404 for an unknown application. */
  async accessLog(applicationId: string): Promise<{ applicationId: string; records: AccessRecord[] }> {
    const store = await this.store.get();
    const [first] = await store.readStream(applicationStreamId(applicationId), { maxCount: 1 });
    if (!first) throw ApiError.notFound('Permohonan tidak ditemukan', 'APPLICATION_NOT_FOUND');
    if (!isInRegency(first.metadata.kecamatan)) throw ApiError.forbidden();
    return { applicationId, records: await readAccessLog(store, applicationId) };
  }
}

function toApplicationData(applicationId: string, s: ApplicationState): ApplicationData {
  return {
    applicationId,
    status: s.status,
    channel: s.channel!,
    kecamatan: s.kecamatan!,
    desa: s.desa ?? null,
    submittedAt: s.submittedAt!,
    submittedBy: { userId: s.submittedBy!.userId, role: s.submittedBy!.role },
    applicant: s.applicant!,
    family: s.family! as ApplicationData['family'],
    newborn: s.newborn! as ApplicationData['newborn'],
    newbornNik: s.newbornNik ?? null,
    memilikiIjazah: s.memilikiIjazah,
    dataVerification: s.dataVerification,
    scans: s.requirements.flatMap((r) =>
      r.documents.map((d) => ({
        requirementId: r.id,
        requirementLabel: r.label,
        documentId: d.documentId,
        mediaType: d.mediaType,
        sizeBytes: d.sizeBytes,
        uploadedAt: d.at,
        href: `/api/documents/${d.documentId}`,
      })),
    ),
  };
}
