import { child, decodeOid, DerNode, parseDer } from './der';

/** The raw issuer Name and serial INTEGER of an X.509 certificate, as CMS needs them verbatim. */
export interface IssuerAndSerial {
  issuer: DerNode;
  serial: DerNode;
}

export function issuerAndSerialOf(certificateDer: Buffer): IssuerAndSerial {
  const tbs = child(parseDer(certificateDer), 0, 'tbsCertificate');
  // The version field is an optional explicit [0]; everything after it shifts by one.
  const shift = tbs.children[0]?.tag === 0xa0 ? 1 : 0;
  return { serial: child(tbs, shift, 'serialNumber'), issuer: child(tbs, shift + 2, 'issuer') };
}

/** Serial as upper-case hex without leading zero bytes (the form X509Certificate.serialNumber uses). */
export function serialHex(serial: DerNode): string {
  let bytes = serial.contents;
  while (bytes.length > 1 && bytes[0] === 0) bytes = bytes.subarray(1);
  return bytes.toString('hex').toUpperCase();
}

const KEY_USAGE_OID = '2.5.29.15';

/**
 * The keyUsage bits of a certificate (RFC 5280 §4.2.1.3): bit 0 digitalSignature, bit 1
 * nonRepudiation (contentCommitment), ... Null when the extension is absent.
 */
export function keyUsageOf(certificateDer: Buffer): { digitalSignature: boolean; nonRepudiation: boolean } | null {
  const tbs = child(parseDer(certificateDer), 0, 'tbsCertificate');
  const extensions = tbs.children.find((c) => c.tag === 0xa3);
  if (!extensions) return null;
  for (const ext of child(extensions, 0, 'extensions').children) {
    if (decodeOid(child(ext, 0, 'extnID').contents) !== KEY_USAGE_OID) continue;
    const value = ext.children[ext.children.length - 1]; // OCTET STRING after the optional critical flag
    const bits = parseDer(value.contents).contents; // BIT STRING: unused-bits byte, then the bits
    const first = bits.length > 1 ? bits[1] : 0;
    return { digitalSignature: (first & 0x80) !== 0, nonRepudiation: (first & 0x40) !== 0 };
  }
  return null;
}
