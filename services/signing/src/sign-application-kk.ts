import type { ApplicationState } from '@adminduk/domain';
import { qrCodePng, renderKkPdf, type PdfSigner, type SignerCredentials } from '@adminduk/kk-document';
import { kkDocumentId } from './document-id';
import { kkCardFromApplication, type KkIssueContext } from './kk-card-from-application';

export interface SignApplicationDeps {
  signer: PdfSigner;
  office: Omit<KkIssueContext, 'documentId' | 'dikeluarkanTanggal'>;
  documentIdSecret: string;
  now?: () => Date;
}

/** Everything the KkSigned event and the documents storage need. */
export interface SignedKk {
  documentId: string;
  verificationUrl: string;
  pdf: Buffer;
  sha256: string;
  certificateSerial: string;
  signerSubject: string;
  signingTime: Date;
}

/** Business dates are WIB (UTC+7, no daylight saving). */
export const wibDate = (d: Date): string => new Date(d.getTime() + 7 * 3_600_000).toISOString().slice(0, 10);

/**
 * Renders and signs the new KK of one verified application. Pure of storage and messaging: the
 * caller stores `pdf` under `documentId` and records the signature through the decider (which
 * refuses a second signature), so a retry after any failure is safe.
 */
export async function signApplicationKk(
  applicationId: string,
  state: ApplicationState,
  deps: SignApplicationDeps,
  credentials?: SignerCredentials,
): Promise<SignedKk> {
  const now = deps.now?.() ?? new Date();
  const documentId = kkDocumentId(applicationId, deps.documentIdSecret);
  const card = kkCardFromApplication(state, { ...deps.office, documentId, dikeluarkanTanggal: wibDate(now) });
  const rendered = await renderKkPdf(card);
  // Only a remote provider stamps the QR image itself; locally it is already on the page.
  const qrPng = deps.signer.kind === 'remote-tte' ? await qrCodePng(card.verificationUrl) : undefined;
  const signed = await deps.signer.sign({
    pdf: rendered.pdf,
    placement: { ...rendered.signatureRect, qrPng },
    reason: 'Penerbitan Kartu Keluarga',
    location: card.header.kabupatenKota,
    signingTime: now,
    credentials,
  });
  return {
    documentId,
    verificationUrl: card.verificationUrl,
    pdf: signed.pdf,
    sha256: signed.sha256,
    certificateSerial: signed.certificateSerial,
    signerSubject: signed.signerSubject,
    signingTime: signed.signingTime,
  };
}
