import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { createDevPki, DevPki } from './dev-pki';
import { parseSignedData } from './cms/parse-signed-data';
import { OID } from './cms/oids';
import { renderKkPdf, RenderedKk } from './render-kk-pdf';
import { BadPassphraseError, SignedPdf } from './signer.port';
import { Pkcs12Signer } from './signers/pkcs12-signer';
import { sampleKkCard } from './testing/sample-kk';
import { verifySignedPdf } from './verify-signed-pdf';

// An hour ago (within the test certificate's validity), with a fraction of a second to drop.
const SIGNING_SECOND = new Date(Math.floor(Date.now() / 1000) * 1000 - 3_600_000);
const SIGNING_TIME = new Date(SIGNING_SECOND.getTime() + 750);

function cmsOf(pdf: Buffer): Buffer {
  const m = [...pdf.toString('latin1').matchAll(/\/ByteRange \[(\d+) (\d+) (\d+) (\d+)/g)].pop()!;
  return Buffer.from(pdf.toString('latin1', Number(m[2]) + 1, Number(m[3]) - 1), 'hex');
}

describe('PAdES signing with the local PKCS#12 signer', () => {
  let pki: DevPki;
  let signer: Pkcs12Signer;
  let rendered: RenderedKk;
  let signed: SignedPdf;

  beforeAll(async () => {
    pki = createDevPki({ passphrase: 'kata sandi uji', signerCommonName: 'Kepala Dinas Uji' });
    signer = new Pkcs12Signer({ p12: pki.p12, passphrase: 'kata sandi uji' });
    rendered = await renderKkPdf(sampleKkCard(8));
    signed = await signer.sign({
      pdf: rendered.pdf,
      placement: rendered.signatureRect,
      reason: 'Penerbitan Kartu Keluarga',
      location: 'Sidoarjo',
      signingTime: SIGNING_TIME,
    });
  });

  it('appends the signature as an incremental update: the rendered bytes stay untouched', () => {
    expect(signed.pdf.length).toBeGreaterThan(rendered.pdf.length);
    expect(signed.pdf.subarray(0, rendered.pdf.length).equals(rendered.pdf)).toBe(true);
  });

  it('reports certificate serial, signer, signing time (whole seconds) and the SHA-256 of the signed file', () => {
    expect(signed.sha256).toBe(createHash('sha256').update(signed.pdf).digest('hex'));
    expect(signed.certificateSerial).toBe(signer.certificate.serialNumber.replace(/^(00)+/, ''));
    expect(signed.signerSubject).toBe('CN=Kepala Dinas Uji,OU=Dinas Kependudukan dan Pencatatan Sipil,O=Adminduk Development,C=ID');
    expect(signed.signerCommonName).toBe('Kepala Dinas Uji');
    expect(signed.signingTime.toISOString()).toBe(SIGNING_SECOND.toISOString());
    expect(signed.subFilter).toBe('ETSI.CAdES.detached');
  });

  it('makes a CAdES-detached CMS: signing-certificate-v2 names the signer, no signing-time attribute', () => {
    const cms = parseSignedData(cmsOf(signed.pdf));
    expect(cms.digestAlgorithm).toBe(OID.sha256);
    expect(cms.contentType).toBe(OID.data);
    expect(cms.signingTime).toBeNull();
    expect(cms.signingCertificateV2Hash?.equals(createHash('sha256').update(signer.certificate.raw).digest())).toBe(true);
    expect(cms.certificatesDer).toHaveLength(2); // signer + CA from the PKCS#12
  });

  it('verifies against the development CA and reports signer, serial and time', () => {
    const v = verifySignedPdf(signed.pdf, { trustedCertificates: [pki.caCertPem] });
    expect(v.problems).toEqual([]);
    expect(v.valid).toBe(true);
    expect(v.signer?.serial).toBe(signed.certificateSerial);
    expect(v.signer?.subject).toBe(signed.signerSubject);
    expect(v.signingTime?.toISOString()).toBe(signed.signingTime.toISOString());
    expect(v.subFilter).toBe('ETSI.CAdES.detached');
    expect(v.sha256).toBe(signed.sha256);
  });

  it('fails when any single byte of the signed content changes', () => {
    const [, b, c, d] = verifyByteRange(signed.pdf);
    const covered = fc.oneof(fc.integer({ min: 0, max: b - 1 }), fc.integer({ min: c, max: c + d - 1 }));
    fc.assert(
      fc.property(covered, fc.integer({ min: 1, max: 255 }), (pos, xor) => {
        const tampered = Buffer.from(signed.pdf);
        tampered[pos] ^= xor;
        return verifySignedPdf(tampered, { trustedCertificates: [pki.caCertPem] }).valid === false;
      }),
      { numRuns: 200 },
    );
  });

  it('never throws on a damaged signature value, whatever byte of the CMS changes', () => {
    const [, b] = verifyByteRange(signed.pdf);
    const cmsHexLength = 2 * cmsOf(signed.pdf).length - 2 * trailingZeroBytes(cmsOf(signed.pdf));
    fc.assert(
      fc.property(fc.integer({ min: 0, max: cmsHexLength - 1 }), fc.constantFrom(...'0123456789ABCDEF'), (i, digit) => {
        const damaged = Buffer.from(signed.pdf);
        damaged[b + 1 + i] = digit.charCodeAt(0);
        const v = verifySignedPdf(damaged, { trustedCertificates: [pki.caCertPem] });
        // Still valid only if the digit was unchanged or sits in data the signature does not
        // cover (the CA copy carried in the CMS is not what trust is based on).
        return typeof v.valid === 'boolean' && (v.valid === false || v.checks.signatureValid);
      }),
      { numRuns: 300 },
    );
  });

  it('names the failed check: content, appended bytes, signature bytes', () => {
    const content = Buffer.from(signed.pdf);
    content[1000] ^= 0x20;
    const v1 = verifySignedPdf(content, { trustedCertificates: [pki.caCertPem] });
    expect(v1.checks.digestMatches).toBe(false);
    expect(v1.checks.signatureValid).toBe(true);

    const appended = Buffer.concat([signed.pdf, Buffer.from('\n% appended after signing\n')]);
    const v2 = verifySignedPdf(appended, { trustedCertificates: [pki.caCertPem] });
    expect(v2.valid).toBe(false);
    expect(v2.checks.coversWholeDocument).toBe(false);
    expect(v2.checks.digestMatches).toBe(true);

    // Flip a byte of the RSA signature value (the last bytes of the CMS).
    const cmsLength = cmsOf(signed.pdf).length;
    const [, b] = verifyByteRange(signed.pdf);
    const sig = Buffer.from(signed.pdf);
    const lastSignatureHexDigit = b + 1 + 2 * (cmsLength - 1 - trailingZeroBytes(cmsOf(signed.pdf)));
    sig[lastSignatureHexDigit] = sig[lastSignatureHexDigit] === 0x41 ? 0x42 : 0x41;
    const v3 = verifySignedPdf(sig, { trustedCertificates: [pki.caCertPem] });
    expect(v3.valid).toBe(false);
    expect(v3.checks.signatureValid).toBe(false);
  });

  it('does not trust a signer from another CA', () => {
    const other = createDevPki({ caCommonName: 'Other CA' });
    const v = verifySignedPdf(signed.pdf, { trustedCertificates: [other.caCertPem] });
    expect(v.valid).toBe(false);
    expect(v.checks.chainTrusted).toBe(false);
    expect(v.checks.signatureValid).toBe(true);
  });

  it('rejects a signature made while the certificate was expired', async () => {
    const expired = createDevPki({ passphrase: 'p', validDays: -10 });
    const s = await new Pkcs12Signer({ p12: expired.p12, passphrase: 'p' }).sign({
      pdf: rendered.pdf,
      placement: rendered.signatureRect,
      reason: 'r',
      location: 'l',
    });
    const v = verifySignedPdf(s.pdf, { trustedCertificates: [expired.caCertPem] });
    expect(v.checks.chainTrusted).toBe(true);
    expect(v.checks.certificatesValidAtTime).toBe(false);
    expect(v.valid).toBe(false);
  });

  it('rejects a signer certificate that is not for signing (keyUsage without digitalSignature/nonRepudiation)', async () => {
    const unfit = createDevPki({ passphrase: 'p', signerKeyUsage: { keyEncipherment: true } });
    const s = await new Pkcs12Signer({ p12: unfit.p12, passphrase: 'p' }).sign({
      pdf: rendered.pdf,
      placement: rendered.signatureRect,
      reason: 'r',
      location: 'l',
    });
    const v = verifySignedPdf(s.pdf, { trustedCertificates: [unfit.caCertPem] });
    expect(v.checks.signatureValid).toBe(true);
    expect(v.checks.chainTrusted).toBe(true);
    expect(v.checks.certificateAllowsSigning).toBe(false);
    expect(v.valid).toBe(false);
    expect(verifySignedPdf(signed.pdf, { trustedCertificates: [pki.caCertPem] }).checks.certificateAllowsSigning).toBe(true);
  });

  it('says an unsigned PDF has no signature', () => {
    const v = verifySignedPdf(rendered.pdf, { trustedCertificates: [pki.caCertPem] });
    expect(v.valid).toBe(false);
    expect(v.signatureCount).toBe(0);
    expect(v.problems[0]).toMatch(/tidak memiliki tanda tangan/);
  });

  it('adds a CMS signing-time attribute only when asked', async () => {
    const withTime = new Pkcs12Signer({ p12: pki.p12, passphrase: 'kata sandi uji', signingTimeAttribute: true });
    const s = await withTime.sign({
      pdf: rendered.pdf,
      placement: rendered.signatureRect,
      reason: 'r',
      location: 'l',
      signingTime: SIGNING_TIME,
    });
    expect(parseSignedData(cmsOf(s.pdf)).signingTime?.toISOString()).toBe(SIGNING_SECOND.toISOString());
    expect(verifySignedPdf(s.pdf, { trustedCertificates: [pki.caCertPem] }).valid).toBe(true);
  });

  it('maps a wrong PKCS#12 passphrase to BadPassphraseError', () => {
    expect(() => new Pkcs12Signer({ p12: pki.p12, passphrase: 'salah' })).toThrow(BadPassphraseError);
  });

  it('refuses to sign a page that does not exist', async () => {
    await expect(
      signer.sign({ pdf: rendered.pdf, placement: { ...rendered.signatureRect, page: 2 }, reason: 'r', location: 'l' }),
    ).rejects.toMatchObject({ code: 'INVALID_DOCUMENT' });
  });
});

function verifyByteRange(pdf: Buffer): number[] {
  const m = [...pdf.toString('latin1').matchAll(/\/ByteRange \[(\d+) (\d+) (\d+) (\d+)/g)].pop()!;
  return m.slice(1, 5).map(Number);
}

function trailingZeroBytes(b: Buffer): number {
  let n = 0;
  while (n < b.length && b[b.length - 1 - n] === 0) n++;
  return n;
}
