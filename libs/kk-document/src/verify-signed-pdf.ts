import { createHash, verify as verifySignature, X509Certificate } from 'node:crypto';
import { certificateInfo, CertificateInfo } from './certificate-info';
import { issuerAndSerialOf, keyUsageOf, serialHex } from './cms/certificate-fields';
import { OID } from './cms/oids';
import { parseSignedData, ParsedSignedData } from './cms/parse-signed-data';
import { byteRangeDigest, SUBFILTER_CADES_DETACHED } from './pdf/signature-field';

export interface VerifyOptions {
  /** CA certificates (PEM or DER) the signer's chain must end in. */
  trustedCertificates: Array<string | Buffer | X509Certificate>;
  /** Time at which certificates must be valid; defaults to the claimed signing time (/M). */
  validationTime?: Date;
}

/** Each check on its own, so the public verifier can say what failed. */
export interface SignatureChecks {
  /** /ByteRange starts at 0, skips exactly /Contents and reaches the end of the file. */
  coversWholeDocument: boolean;
  /** SHA-256 of the covered bytes equals the CMS messageDigest. */
  digestMatches: boolean;
  /** The CMS signature over the signed attributes verifies with the signer's public key. */
  signatureValid: boolean;
  /** signing-certificate-v2 names the certificate that signed (required for CAdES). */
  signingCertificateBound: boolean;
  /** The signer certificate chains to a trusted CA. */
  chainTrusted: boolean;
  /** The signer certificate may sign documents (keyUsage digitalSignature or nonRepudiation, when present). */
  certificateAllowsSigning: boolean;
  /** Every certificate of the chain is within its validity at the validation time. */
  certificatesValidAtTime: boolean;
}

export interface SignatureVerification {
  valid: boolean;
  checks: SignatureChecks;
  /** Human-readable reasons for failed checks (no personal data). */
  problems: string[];
  signer: CertificateInfo | null;
  /** Claimed signing time: /M of the signature dictionary, else the CMS signing-time attribute. */
  signingTime: Date | null;
  subFilter: string | null;
  /** SHA-256 of the whole file, to compare with the registered hash of the document. */
  sha256: string;
  signatureCount: number;
}

const toX509 = (c: string | Buffer | X509Certificate): X509Certificate => (c instanceof X509Certificate ? c : new X509Certificate(c));

function parsePdfDate(s: string): Date | null {
  const m = /^D:(\d{4})(\d{2})?(\d{2})?(\d{2})?(\d{2})?(\d{2})?(Z|[+-]\d{2}'?\d{2}'?)?/.exec(s);
  if (!m) return null;
  const [, y, mo = '01', d = '01', h = '00', mi = '00', se = '00', tz = 'Z'] = m;
  const offset = tz === 'Z' ? 'Z' : `${tz.slice(0, 3)}:${tz.replace(/'/g, '').slice(3, 5)}`;
  const date = new Date(`${y}-${mo}-${d}T${h}:${mi}:${se}${offset}`);
  return Number.isNaN(date.getTime()) ? null : date;
}

interface SignatureLocation {
  byteRange: number[];
  cms: Buffer;
  dictionaryText: string;
}

/** The last signature in the file (the one an incremental signature appends). */
function findLastSignature(pdf: Buffer): { location: SignatureLocation | null; count: number; problem?: string } {
  const text = pdf.toString('latin1');
  const matches = [...text.matchAll(/\/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*\]/g)];
  if (matches.length === 0) return { location: null, count: 0, problem: 'dokumen tidak memiliki tanda tangan elektronik' };
  const last = matches[matches.length - 1];
  const byteRange = last.slice(1, 5).map(Number);
  const [a, b, c, d] = byteRange;
  if (a !== 0 || b <= 0 || c <= b || c + d > pdf.length || pdf[b] !== 0x3c /* < */ || pdf[c - 1] !== 0x3e /* > */) {
    return { location: null, count: matches.length, problem: '/ByteRange tidak menunjuk ke /Contents' };
  }
  const hex = text.slice(b + 1, c - 1);
  if (!/^[0-9a-fA-F]*$/.test(hex)) return { location: null, count: matches.length, problem: '/Contents bukan heksadesimal' };
  // The dictionary around /ByteRange and /Contents: enough to read /SubFilter and /M.
  const dictionaryText = text.slice(Math.max(0, (last.index ?? 0) - 2048), b) + text.slice(c, Math.min(text.length, c + 2048));
  return { location: { byteRange, cms: Buffer.from(hex, 'hex'), dictionaryText }, count: matches.length };
}

function signerCertificate(parsed: ParsedSignedData): X509Certificate | null {
  for (const der of parsed.certificatesDer) {
    const { issuer, serial } = issuerAndSerialOf(der);
    if (serialHex(serial) === parsed.signer.serialHex && issuer.raw.equals(parsed.signer.issuerDer)) return new X509Certificate(der);
  }
  return null;
}

const validAt = (cert: X509Certificate, t: Date): boolean => new Date(cert.validFrom) <= t && t <= new Date(cert.validTo);

/** Walks issuers from the signer up to a trusted CA; intermediates come from the CMS. */
function chainToTrusted(signer: X509Certificate, pool: X509Certificate[], trusted: X509Certificate[]): X509Certificate[] | null {
  const chain = [signer];
  for (let current = signer; chain.length <= 8;) {
    const anchor = trusted.find((ca) => current.checkIssued(ca) && current.verify(ca.publicKey));
    if (anchor) return current.fingerprint256 === anchor.fingerprint256 ? chain : [...chain, anchor];
    const next = pool.find(
      (c) => c.ca && c.fingerprint256 !== current.fingerprint256 && current.checkIssued(c) && current.verify(c.publicKey),
    );
    if (!next) return null;
    chain.push(next);
    current = next;
  }
  return null;
}

/**
 * Verifies the PDF's (last) embedded PAdES/CMS signature: byte range, digest, CMS signature,
 * certificate binding and chain to a trusted CA. Any changed byte in the signed content fails it.
 */
export function verifySignedPdf(pdf: Buffer, options: VerifyOptions): SignatureVerification {
  const result = emptyResult(pdf);
  try {
    return verifyInto(result, pdf, options);
  } catch (e) {
    // Hostile uploads reach this: malformed structures are a failed check, never an exception.
    result.valid = false;
    result.problems.push(`tanda tangan tidak dapat diperiksa: ${(e as Error).message}`);
    return result;
  }
}

function emptyResult(pdf: Buffer): SignatureVerification {
  const checks: SignatureChecks = {
    coversWholeDocument: false,
    digestMatches: false,
    signatureValid: false,
    signingCertificateBound: false,
    chainTrusted: false,
    certificateAllowsSigning: false,
    certificatesValidAtTime: false,
  };
  const problems: string[] = [];
  const result: SignatureVerification = {
    valid: false,
    checks,
    problems,
    signer: null,
    signingTime: null,
    subFilter: null,
    sha256: createHash('sha256').update(pdf).digest('hex'),
    signatureCount: 0,
  };
  return result;
}

function verifyInto(result: SignatureVerification, pdf: Buffer, options: VerifyOptions): SignatureVerification {
  const { checks, problems } = result;
  const found = findLastSignature(pdf);
  result.signatureCount = found.count;
  if (!found.location) {
    problems.push(found.problem ?? 'tanda tangan tidak ditemukan');
    return result;
  }
  const { byteRange, cms, dictionaryText } = found.location;
  result.subFilter = /\/SubFilter\s*\/([A-Za-z0-9.#_-]+)/.exec(dictionaryText)?.[1] ?? null;
  const m = /\/M\s*\((D:[^)]*)\)/.exec(dictionaryText);
  result.signingTime = m ? parsePdfDate(m[1]) : null;

  checks.coversWholeDocument = byteRange[2] + byteRange[3] === pdf.length;
  if (!checks.coversWholeDocument) problems.push('dokumen diubah atau ditambah setelah ditandatangani');

  let parsed: ParsedSignedData;
  try {
    parsed = parseSignedData(cms);
  } catch (e) {
    problems.push(`tanda tangan CMS tidak dapat dibaca: ${(e as Error).message}`);
    return result;
  }
  result.signingTime ??= parsed.signingTime;
  if (parsed.digestAlgorithm !== OID.sha256) {
    problems.push('algoritma hash tidak didukung (hanya SHA-256)');
    return result;
  }
  checks.digestMatches = parsed.messageDigest !== null && parsed.messageDigest.equals(byteRangeDigest(pdf, byteRange));
  if (!checks.digestMatches) problems.push('isi dokumen tidak sesuai dengan tanda tangan');
  if (parsed.contentType !== OID.data) problems.push('atribut content-type tidak sesuai');

  const cert = signerCertificate(parsed);
  if (!cert) {
    problems.push('sertifikat penanda tangan tidak ada di dalam tanda tangan');
    return result;
  }
  result.signer = certificateInfo(cert);
  checks.signatureValid = verifySignature('sha256', parsed.signedAttributesDer, cert.publicKey, parsed.signature);
  if (!checks.signatureValid) problems.push('tanda tangan tidak sah untuk sertifikat penanda tangan');

  const certHash = createHash('sha256').update(cert.raw).digest();
  if (parsed.signingCertificateV2Hash) checks.signingCertificateBound = parsed.signingCertificateV2Hash.equals(certHash);
  else checks.signingCertificateBound = result.subFilter !== SUBFILTER_CADES_DETACHED; // only CAdES requires it
  if (!checks.signingCertificateBound) problems.push('atribut signing-certificate-v2 tidak sesuai');

  const usage = keyUsageOf(cert.raw);
  checks.certificateAllowsSigning = usage === null || usage.digitalSignature || usage.nonRepudiation;
  if (!checks.certificateAllowsSigning) problems.push('sertifikat tidak untuk tanda tangan dokumen');

  const trusted = options.trustedCertificates.map(toX509);
  const pool = parsed.certificatesDer.map((d) => new X509Certificate(d));
  const chain = chainToTrusted(cert, pool, trusted);
  checks.chainTrusted = chain !== null;
  if (!chain) problems.push('sertifikat tidak diterbitkan oleh otoritas yang dipercaya');
  const at = options.validationTime ?? result.signingTime ?? new Date();
  checks.certificatesValidAtTime = (chain ?? [cert]).every((c) => validAt(c, at));
  if (!checks.certificatesValidAtTime) problems.push('sertifikat tidak berlaku pada waktu penandatanganan');

  result.valid = Object.values(checks).every(Boolean) && problems.length === 0;
  return result;
}
