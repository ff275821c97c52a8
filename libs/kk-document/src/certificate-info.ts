import { X509Certificate } from 'node:crypto';

export interface CertificateInfo {
  serial: string;
  subject: string;
  commonName: string | null;
  issuer: string;
  notBefore: Date;
  notAfter: Date;
}

/** Node prints names one RDN per line, root first; show them as `CN=...,O=...,C=..`. */
function distinguishedName(lines: string): string {
  return lines.split('\n').filter(Boolean).reverse().join(',');
}

export function certificateInfo(cert: X509Certificate): CertificateInfo {
  const cn = /^CN=(.*)$/m.exec(cert.subject);
  return {
    serial: cert.serialNumber.toUpperCase().replace(/^(00)+(?=.)/, ''),
    subject: distinguishedName(cert.subject),
    commonName: cn ? cn[1] : null,
    issuer: distinguishedName(cert.issuer),
    notBefore: new Date(cert.validFrom),
    notAfter: new Date(cert.validTo),
  };
}
