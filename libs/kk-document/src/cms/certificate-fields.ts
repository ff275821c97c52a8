import { child, DerNode, parseDer } from './der';

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
