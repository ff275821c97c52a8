import { createHash, X509Certificate } from 'node:crypto';
import { certificateInfo } from './certificate-info';
import { addSignatureField, byteRangeDigest, embedSignature, SUBFILTER_CADES_DETACHED } from './pdf/signature-field';
import { SignedPdf, SigningError, SignRequest } from './signer.port';

/** Produces a detached CMS SignedData over content whose SHA-256 is given, and names its signer certificate. */
export type CmsProducer = (contentDigest: Buffer, signingTime: Date) => Promise<{ cms: Buffer; signerCertificateDer: Buffer }>;

/** PDF dates carry whole seconds; keep the reported time equal to the /M entry. */
export const wholeSeconds = (d: Date): Date => new Date(Math.floor(d.getTime() / 1000) * 1000);

/**
 * PAdES signing shared by every adapter: reserve the signature in an incremental update, hash the
 * byte ranges, let the producer make the CMS, embed it.
 */
export async function signPades(request: SignRequest, produce: CmsProducer, signatureLength = 8192): Promise<SignedPdf> {
  const signingTime = wholeSeconds(request.signingTime ?? new Date());
  let prepared;
  try {
    prepared = addSignatureField(request.pdf, {
      rect: request.placement,
      signingTime,
      reason: request.reason,
      location: request.location,
      signatureLength,
    });
  } catch (e) {
    throw new SigningError('INVALID_DOCUMENT', `cannot prepare the PDF for signing: ${(e as Error).message}`, false, { cause: e });
  }
  const { cms, signerCertificateDer } = await produce(byteRangeDigest(prepared.pdf, prepared.byteRange), signingTime);
  const pdf = embedSignature(prepared, cms);
  const cert = certificateInfo(new X509Certificate(signerCertificateDer));
  return {
    pdf,
    sha256: createHash('sha256').update(pdf).digest('hex'),
    certificateSerial: cert.serial,
    signerSubject: cert.subject,
    signerCommonName: cert.commonName,
    signingTime,
    subFilter: SUBFILTER_CADES_DETACHED,
  };
}
