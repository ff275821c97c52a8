import { createHash } from 'node:crypto';
import { issuerAndSerialOf } from './certificate-fields';
import { contextTag, der, integer, nullValue, octetString, oid, seq, setOf, TAG } from './der';
import { OID } from './oids';

/** Signs the DER of the signed attributes with the signer's private key (SHA-256, RSA PKCS#1 v1.5). */
export type RawSign = (signedAttributes: Buffer) => Buffer | Promise<Buffer>;

export interface CadesDetachedInput {
  /** SHA-256 of the signed content (for a PDF: the bytes covered by /ByteRange). */
  contentDigest: Buffer;
  signerCertificateDer: Buffer;
  /** Intermediate (and optionally root) certificates to embed after the signer's. */
  chainDer?: Buffer[];
  sign: RawSign;
  /**
   * PAdES baseline keeps the claimed signing time in the PDF's /M entry and leaves the CMS
   * signing-time attribute out; set this for verifiers that only read the attribute.
   */
  signingTimeAttribute?: Date;
}

const sha256AlgorithmId = (): Buffer => seq(oid(OID.sha256)); // parameters absent (RFC 5754)

const attribute = (type: string, value: Buffer): Buffer => seq(oid(type), setOf(value));

function generalizedOrUtcTime(date: Date): Buffer {
  const iso = date.toISOString().replace(/[-:T]/g, '').slice(0, 14); // YYYYMMDDHHMMSS
  const year = date.getUTCFullYear();
  // RFC 5652: UTCTime for 1950-2049, GeneralizedTime otherwise.
  if (year >= 1950 && year < 2050) return der(TAG.UTC_TIME, Buffer.from(`${iso.slice(2)}Z`, 'ascii'));
  return der(TAG.GENERALIZED_TIME, Buffer.from(`${iso}Z`, 'ascii'));
}

/**
 * ESS signing-certificate-v2 (RFC 5035): binds the signature to the signer's certificate by hash,
 * which CAdES (and so PAdES `ETSI.CAdES.detached`) requires.
 */
function signingCertificateV2(certificateDer: Buffer): Buffer {
  const { issuer, serial } = issuerAndSerialOf(certificateDer);
  const certHash = createHash('sha256').update(certificateDer).digest();
  const issuerSerial = seq(seq(der(contextTag(4), issuer.raw)), serial.raw);
  // hashAlgorithm is left out: its DEFAULT is SHA-256, and DER omits defaults.
  const essCertIdV2 = seq(octetString(certHash), issuerSerial);
  return seq(seq(essCertIdV2));
}

/** Builds a detached CMS SignedData with CAdES-BES signed attributes. Returns its DER. */
export async function buildCadesDetached(input: CadesDetachedInput): Promise<Buffer> {
  const { issuer, serial } = issuerAndSerialOf(input.signerCertificateDer);
  const attributes = [
    attribute(OID.contentType, oid(OID.data)),
    attribute(OID.messageDigest, octetString(input.contentDigest)),
    attribute(OID.signingCertificateV2, signingCertificateV2(input.signerCertificateDer)),
  ];
  if (input.signingTimeAttribute) attributes.push(attribute(OID.signingTime, generalizedOrUtcTime(input.signingTimeAttribute)));

  // The signature covers the attributes encoded as a SET; they are stored with an implicit [0] tag.
  const signedAttributesSet = setOf(...attributes);
  const signature = await input.sign(signedAttributesSet);
  const signedAttributesImplicit = Buffer.concat([Buffer.from([contextTag(0)]), signedAttributesSet.subarray(1)]);

  const signerInfo = seq(
    integer(1),
    seq(issuer.raw, serial.raw),
    sha256AlgorithmId(),
    signedAttributesImplicit,
    seq(oid(OID.rsaEncryption), nullValue()),
    octetString(signature),
  );
  const signedData = seq(
    integer(1),
    setOf(sha256AlgorithmId()),
    seq(oid(OID.data)), // detached: no eContent
    der(contextTag(0), input.signerCertificateDer, ...(input.chainDer ?? [])),
    setOf(signerInfo),
  );
  return seq(oid(OID.signedData), der(contextTag(0), signedData));
}
