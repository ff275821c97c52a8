import { child, decodeOid, DerNode, parseDer, TAG } from './der';
import { serialHex } from './certificate-fields';
import { OID } from './oids';

/** The parts of a CMS SignedData (one signer) that verification needs. */
export interface ParsedSignedData {
  certificatesDer: Buffer[];
  signer: { issuerDer: Buffer; serialHex: string };
  digestAlgorithm: string;
  signatureAlgorithm: string;
  /** The signed attributes re-encoded as a SET: the exact bytes the signature covers. */
  signedAttributesDer: Buffer;
  contentType: string | null;
  messageDigest: Buffer | null;
  /** SHA-256 of the signer certificate from signing-certificate-v2, when present. */
  signingCertificateV2Hash: Buffer | null;
  signingTime: Date | null;
  signature: Buffer;
}

function parseTime(node: DerNode): Date {
  const s = node.contents.toString('ascii').replace(/Z$/, '');
  const full = node.tag === TAG.UTC_TIME ? `${Number(s.slice(0, 2)) >= 50 ? '19' : '20'}${s}` : s;
  const [y, mo, d, h, mi, se] = [0, 4, 6, 8, 10, 12].map((i, k) => Number(full.slice(i, k === 0 ? 4 : i + 2)));
  return new Date(Date.UTC(y, mo - 1, d, h, mi, se || 0));
}

export function parseSignedData(cms: Buffer): ParsedSignedData {
  const contentInfo = parseDer(cms);
  if (decodeOid(child(contentInfo, 0, 'contentType').contents) !== OID.signedData) {
    throw new Error('CMS: not a SignedData');
  }
  const signedData = child(child(contentInfo, 1, 'content'), 0, 'SignedData');
  const certificates = signedData.children.find((c) => c.tag === 0xa0);
  const signerInfos = signedData.children[signedData.children.length - 1];
  if (!signerInfos || signerInfos.tag !== TAG.SET || signerInfos.children.length !== 1) {
    throw new Error('CMS: expected exactly one SignerInfo');
  }
  const si = signerInfos.children[0];
  const sid = child(si, 1, 'sid');
  if (sid.tag !== TAG.SEQUENCE) throw new Error('CMS: only issuerAndSerialNumber signer ids are supported');
  const digestAlgorithm = decodeOid(child(child(si, 2, 'digestAlgorithm'), 0, 'oid').contents);
  const attrs = child(si, 3, 'signedAttrs');
  if (attrs.tag !== 0xa0) throw new Error('CMS: signed attributes are required');

  const result: ParsedSignedData = {
    certificatesDer: certificates ? certificates.children.map((c) => Buffer.from(c.raw)) : [],
    signer: { issuerDer: Buffer.from(child(sid, 0, 'issuer').raw), serialHex: serialHex(child(sid, 1, 'serial')) },
    digestAlgorithm,
    signatureAlgorithm: decodeOid(child(child(si, 4, 'signatureAlgorithm'), 0, 'oid').contents),
    signedAttributesDer: Buffer.concat([Buffer.from([TAG.SET]), attrs.raw.subarray(1)]),
    contentType: null,
    messageDigest: null,
    signingCertificateV2Hash: null,
    signingTime: null,
    signature: Buffer.from(child(si, 5, 'signature').contents),
  };
  for (const attr of attrs.children) {
    const type = decodeOid(child(attr, 0, 'attrType').contents);
    const value = child(child(attr, 1, 'attrValues'), 0, 'attrValue');
    if (type === OID.contentType) result.contentType = decodeOid(value.contents);
    else if (type === OID.messageDigest) result.messageDigest = Buffer.from(value.contents);
    else if (type === OID.signingTime) result.signingTime = parseTime(value);
    else if (type === OID.signingCertificateV2) {
      const essCertIdV2 = child(child(value, 0, 'certs'), 0, 'ESSCertIDv2');
      // An explicit hashAlgorithm would come first; only the SHA-256 default is accepted here.
      const first = child(essCertIdV2, 0, 'certHash');
      if (first.tag === TAG.OCTET_STRING) result.signingCertificateV2Hash = Buffer.from(first.contents);
      else if (decodeOid(child(first, 0, 'hashAlgorithm').contents) === OID.sha256) {
        result.signingCertificateV2Hash = Buffer.from(child(essCertIdV2, 1, 'certHash').contents);
      }
    }
  }
  return result;
}
