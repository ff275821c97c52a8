import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import forge from 'node-forge';

/**
 * A development PKI: a self-signed CA and one signer certificate issued by it, packed as PKCS#12.
 * For development and tests only (infra/dev-pki.sh writes one into .local/pki); production keys
 * come from the certification authority (BSrE) and never from here.
 */
export interface DevPki {
  caCertPem: string;
  caKeyPem: string;
  signerCertPem: string;
  signerKeyPem: string;
  p12: Buffer;
  passphrase: string;
}

export interface DevPkiOptions {
  signerCommonName?: string;
  caCommonName?: string;
  passphrase?: string;
  /** Signer certificate validity in days from now (negative values make an expired certificate). */
  validDays?: number;
  keyBits?: number;
  /** Signer keyUsage; defaults to digitalSignature + nonRepudiation (tests make unfit certificates). */
  signerKeyUsage?: { digitalSignature?: boolean; nonRepudiation?: boolean; keyEncipherment?: boolean };
}

const rsaKeyPair = (bits: number): { privateKey: forge.pki.rsa.PrivateKey; publicKey: forge.pki.rsa.PublicKey } => {
  // Node generates the key (native, fast); forge only builds the certificates.
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: bits });
  const key = forge.pki.privateKeyFromPem(privateKey.export({ type: 'pkcs1', format: 'pem' }).toString()) as forge.pki.rsa.PrivateKey;
  return { privateKey: key, publicKey: forge.pki.setRsaPublicKey(key.n, key.e) };
};

// Positive serial: a leading 0x01..0x7f byte followed by random bytes.
const serial = (): string => `${(1 + Math.floor(Math.random() * 126)).toString(16).padStart(2, '0')}${randomBytes(15).toString('hex')}`;

function certificate(opts: {
  subject: forge.pki.CertificateField[];
  issuer: forge.pki.CertificateField[];
  publicKey: forge.pki.PublicKey;
  signingKey: forge.pki.rsa.PrivateKey;
  notBefore: Date;
  notAfter: Date;
  extensions: object[];
}): forge.pki.Certificate {
  const cert = forge.pki.createCertificate();
  cert.publicKey = opts.publicKey;
  cert.serialNumber = serial();
  cert.validity.notBefore = opts.notBefore;
  cert.validity.notAfter = opts.notAfter;
  cert.setSubject(opts.subject);
  cert.setIssuer(opts.issuer);
  cert.setExtensions(opts.extensions);
  cert.sign(opts.signingKey, forge.md.sha256.create());
  return cert;
}

export function createDevPki(options: DevPkiOptions = {}): DevPki {
  const bits = options.keyBits ?? 2048;
  const passphrase = options.passphrase ?? randomBytes(12).toString('base64url');
  const now = Date.now();
  const day = 86_400_000;
  const org = [
    { shortName: 'C', value: 'ID' },
    { shortName: 'O', value: 'Adminduk Development' },
  ];
  const ca = rsaKeyPair(bits);
  const caSubject = [...org, { shortName: 'CN', value: options.caCommonName ?? 'Adminduk Development CA' }];
  const caCert = certificate({
    subject: caSubject,
    issuer: caSubject,
    publicKey: ca.publicKey,
    signingKey: ca.privateKey,
    notBefore: new Date(now - day),
    notAfter: new Date(now + 3650 * day),
    extensions: [
      { name: 'basicConstraints', cA: true, critical: true },
      { name: 'keyUsage', keyCertSign: true, cRLSign: true, critical: true },
      { name: 'subjectKeyIdentifier' },
    ],
  });

  const signer = rsaKeyPair(bits);
  const validDays = options.validDays ?? 825;
  const signerCert = certificate({
    subject: [
      ...org,
      { shortName: 'OU', value: 'Dinas Kependudukan dan Pencatatan Sipil' },
      { shortName: 'CN', value: options.signerCommonName ?? 'Penandatangan Pengembangan' },
    ],
    issuer: caSubject,
    publicKey: signer.publicKey,
    signingKey: ca.privateKey,
    notBefore: new Date(now - (validDays < 0 ? -validDays + 30 : 1) * day),
    notAfter: new Date(now + validDays * day),
    extensions: [
      { name: 'basicConstraints', cA: false, critical: true },
      { name: 'keyUsage', ...(options.signerKeyUsage ?? { digitalSignature: true, nonRepudiation: true }), critical: true },
      { name: 'extKeyUsage', emailProtection: true },
      { name: 'subjectKeyIdentifier' },
      { name: 'authorityKeyIdentifier', keyIdentifier: caCert.generateSubjectKeyIdentifier().getBytes() },
    ],
  });

  const p12Asn1 = forge.pkcs12.toPkcs12Asn1(signer.privateKey, [signerCert, caCert], passphrase, {
    algorithm: '3des',
    friendlyName: 'penandatangan',
  });
  return {
    caCertPem: forge.pki.certificateToPem(caCert),
    caKeyPem: forge.pki.privateKeyToPem(ca.privateKey),
    signerCertPem: forge.pki.certificateToPem(signerCert),
    signerKeyPem: forge.pki.privateKeyToPem(signer.privateKey),
    p12: Buffer.from(forge.asn1.toDer(p12Asn1).getBytes(), 'binary'),
    passphrase,
  };
}

/** Writes the PKI as files (keys and passphrase readable by the owner only). */
export function writeDevPki(dir: string, pki: DevPki): Record<'caCert' | 'signerCert' | 'signerKey' | 'p12' | 'passphrase', string> {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const files = {
    caCert: join(dir, 'ca.crt.pem'),
    signerCert: join(dir, 'signer.crt.pem'),
    signerKey: join(dir, 'signer.key.pem'),
    p12: join(dir, 'signer.p12'),
    passphrase: join(dir, 'signer.passphrase'),
  };
  writeFileSync(files.caCert, pki.caCertPem);
  writeFileSync(join(dir, 'ca.key.pem'), pki.caKeyPem, { mode: 0o600 });
  writeFileSync(files.signerCert, pki.signerCertPem);
  writeFileSync(files.signerKey, pki.signerKeyPem, { mode: 0o600 });
  writeFileSync(files.p12, pki.p12, { mode: 0o600 });
  writeFileSync(files.passphrase, `${pki.passphrase}\n`, { mode: 0o600 });
  return files;
}
