import { createPrivateKey, KeyObject, sign as rsaSign, X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import forge from 'node-forge';
import { buildCadesDetached } from '../cms/cades-signed-data';
import { signPades } from '../pades';
import { BadPassphraseError, PdfSigner, SignedPdf, SigningError, SignRequest } from '../signer.port';

/** A signing identity loaded from a PKCS#12 file: RSA private key, its certificate, the rest of the chain. */
export interface SigningIdentity {
  privateKey: KeyObject;
  certificateDer: Buffer;
  chainDer: Buffer[];
}

const certDer = (cert: forge.pki.Certificate): Buffer =>
  Buffer.from(forge.asn1.toDer(forge.pki.certificateToAsn1(cert)).getBytes(), 'binary');

/** Opens a PKCS#12 (.p12/.pfx); a wrong passphrase is a BadPassphraseError. */
export function loadPkcs12(p12: Buffer, passphrase: string): SigningIdentity {
  let parsed: forge.pkcs12.Pkcs12Pfx;
  try {
    parsed = forge.pkcs12.pkcs12FromAsn1(forge.asn1.fromDer(p12.toString('binary')), false, passphrase);
  } catch (e) {
    const message = (e as Error).message ?? '';
    if (/password|MAC|decrypt/i.test(message)) throw new BadPassphraseError('PKCS#12 passphrase is wrong');
    throw new SigningError('INVALID_DOCUMENT', `not a readable PKCS#12 file: ${message}`, false, { cause: e });
  }
  const keyBags = [
    ...(parsed.getBags({ bagType: forge.pki.oids.pkcs8ShroudedKeyBag })[forge.pki.oids.pkcs8ShroudedKeyBag] ?? []),
    ...(parsed.getBags({ bagType: forge.pki.oids.keyBag })[forge.pki.oids.keyBag] ?? []),
  ];
  const key = keyBags.find((b) => b.key)?.key as forge.pki.rsa.PrivateKey | undefined;
  if (!key) throw new SigningError('INVALID_DOCUMENT', 'PKCS#12 holds no RSA private key', false);
  const certs = (parsed.getBags({ bagType: forge.pki.oids.certBag })[forge.pki.oids.certBag] ?? [])
    .map((b) => b.cert)
    .filter((c): c is forge.pki.Certificate => Boolean(c));
  // The signer certificate is the one whose public key matches the private key.
  const own = certs.find((c) => (c.publicKey as forge.pki.rsa.PublicKey).n.equals(key.n));
  if (!own) throw new SigningError('INVALID_DOCUMENT', 'PKCS#12 has no certificate for its private key', false);
  return {
    privateKey: createPrivateKey(forge.pki.privateKeyToPem(key)),
    certificateDer: certDer(own),
    chainDer: certs.filter((c) => c !== own).map(certDer),
  };
}

export interface Pkcs12SignerOptions {
  p12: Buffer;
  passphrase: string;
  /** Also put a CMS signing-time attribute (PAdES baseline relies on /M alone). */
  signingTimeAttribute?: boolean;
}

/** Local signer (development, tests, or an HSM-less deployment): signs with a key from a PKCS#12 file. */
export class Pkcs12Signer implements PdfSigner {
  readonly kind = 'pkcs12' as const;
  private readonly identity: SigningIdentity;

  constructor(private readonly options: Pkcs12SignerOptions) {
    this.identity = loadPkcs12(options.p12, options.passphrase);
  }

  static fromFile(path: string, passphrase: string, options: Omit<Pkcs12SignerOptions, 'p12' | 'passphrase'> = {}): Pkcs12Signer {
    return new Pkcs12Signer({ ...options, p12: readFileSync(path), passphrase });
  }

  get certificate(): X509Certificate {
    return new X509Certificate(this.identity.certificateDer);
  }

  sign(request: SignRequest): Promise<SignedPdf> {
    return signPades(request, (digest, signingTime) => this.signDigest(digest, signingTime));
  }

  /** The CMS for a content digest; also what a remote TTE server does in "hash" mode. */
  async signDigest(contentDigest: Buffer, signingTime: Date): Promise<{ cms: Buffer; signerCertificateDer: Buffer }> {
    const cms = await buildCadesDetached({
      contentDigest,
      signerCertificateDer: this.identity.certificateDer,
      chainDer: this.identity.chainDer,
      sign: (data) => rsaSign('sha256', data, this.identity.privateKey),
      signingTimeAttribute: this.options.signingTimeAttribute ? signingTime : undefined,
    });
    return { cms, signerCertificateDer: this.identity.certificateDer };
  }
}
