import { AccessLogRecorder, loadApplication } from '@adminduk/application-commands';
import type { Principal } from '@adminduk/auth';
import type { EventStore } from '@adminduk/event-store';
import { ApiError, apiError } from '@adminduk/http';
import { renderKkPdf } from '@adminduk/kk-document';
import { kkDocumentId } from './document-id';
import { KkCardDataError, kkCardFromApplication } from './kk-card-from-application';
import { wibDate, type SignApplicationDeps } from './sign-application-kk';

export interface KkPreviewDeps {
  store: EventStore;
  office: SignApplicationDeps['office'];
  documentIdSecret: string;
  now?: () => Date;
}

/**
 * The unsigned KK a penandatangan looks at before signing: rendered from the application's stream
 * exactly as the batch would render it (same card, same document id), but not signed or stored.
 * It shows the family's personal data, so the read is recorded first (decision 0016).
 */
export class KkPreview {
  private readonly accessLog: AccessLogRecorder;

  constructor(private readonly deps: KkPreviewDeps) {
    this.accessLog = new AccessLogRecorder(deps.store, { now: () => deps.now?.() ?? new Date() });
  }

  async render(principal: Principal, applicationId: string, correlationId: string): Promise<Buffer> {
    const { state } = await loadApplication(this.deps.store, applicationId);
    if (state.status === 'none') throw ApiError.notFound('Permohonan tidak ditemukan', 'APPLICATION_NOT_FOUND');
    if (!state.newbornNik || !state.family || !state.newborn) {
      throw new ApiError(
        apiError(409, 'PREVIEW_NOT_READY', 'Pratinjau KK belum tersedia: permohonan belum terverifikasi atau NIK bayi belum terbit.'),
      );
    }
    const now = this.deps.now?.() ?? new Date();
    let card;
    try {
      const documentId = kkDocumentId(applicationId, this.deps.documentIdSecret);
      card = kkCardFromApplication(state, { ...this.deps.office, documentId, dikeluarkanTanggal: wibDate(now) });
    } catch (e) {
      if (e instanceof KkCardDataError) throw new ApiError(apiError(409, 'PREVIEW_NOT_READY', 'Data permohonan belum lengkap untuk KK.'));
      throw e;
    }
    await this.accessLog.record(principal, applicationId, state.kecamatan, { kind: 'kk-preview' }, correlationId);
    return (await renderKkPdf(card)).pdf;
  }
}
