import { createServer } from 'node:net';
import { AddressInfo } from 'node:net';
import { createDevPki, DevPki } from '../dev-pki';
import { qrCodePng } from '../qr-code';
import { renderKkPdf, RenderedKk } from '../render-kk-pdf';
import { BadPassphraseError, SignerUnreachableError, SignRequest } from '../signer.port';
import { FakeTteServer, startFakeTteServer } from '../testing/fake-tte-server';
import { sampleKkCard } from '../testing/sample-kk';
import { verifySignedPdf } from '../verify-signed-pdf';
import { Pkcs12Signer } from './pkcs12-signer';
import { RemoteTteSigner, RemoteTteSignerOptions } from './remote-tte-signer';
import { TTE_PATHS } from './remote-tte.protocol';

const NIK = '3515010101700001';
const PASSPHRASE = 'passphrase-penandatangan';

async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((r) => server.close(() => r()));
  return port;
}

describe('RemoteTteSigner against a BSrE-shaped provider that really signs', () => {
  let pki: DevPki;
  let tte: FakeTteServer;
  let rendered: RenderedKk;
  let request: SignRequest;

  const signer = (over: Partial<RemoteTteSignerOptions> = {}): RemoteTteSigner =>
    new RemoteTteSigner({
      baseUrl: tte.url,
      clientId: 'adminduk',
      clientSecret: 'client-secret',
      mode: 'pdf',
      trustedCertificates: [pki.caCertPem],
      timeoutMs: 10_000,
      ...over,
    });

  beforeAll(async () => {
    pki = createDevPki({ passphrase: 'p12', signerCommonName: 'Kepala Dinas Remote' });
    tte = await startFakeTteServer({
      signer: new Pkcs12Signer({ p12: pki.p12, passphrase: 'p12' }),
      nik: NIK,
      passphrase: PASSPHRASE,
      clientId: 'adminduk',
      clientSecret: 'client-secret',
    });
    const card = sampleKkCard(8);
    rendered = await renderKkPdf(card);
    request = {
      pdf: rendered.pdf,
      placement: { ...rendered.signatureRect, qrPng: await qrCodePng(card.verificationUrl) },
      reason: 'Penerbitan Kartu Keluarga',
      location: 'Sidoarjo',
      credentials: { nik: NIK, passphrase: PASSPHRASE },
    };
  });

  afterAll(() => tte.close());

  beforeEach(() => {
    Object.assign(tte.behaviour, { outage: false, hang: false, tamper: false });
    tte.calls.length = 0;
  });

  it.each(['pdf', 'hash'] as const)('signs in %s mode: the result verifies and chains to the CA', async (mode) => {
    const signed = await signer({ mode }).sign(request);
    expect(tte.calls).toEqual([mode === 'pdf' ? TTE_PATHS.signPdf : TTE_PATHS.signHash]);
    const v = verifySignedPdf(signed.pdf, { trustedCertificates: [pki.caCertPem] });
    expect(v.valid).toBe(true);
    expect(signed.signerCommonName).toBe('Kepala Dinas Remote');
    expect(signed.certificateSerial).toBe(v.signer?.serial);
    expect(signed.subFilter).toBe('ETSI.CAdES.detached');
    expect(signed.pdf.subarray(0, rendered.pdf.length).equals(rendered.pdf)).toBe(true);
  });

  it('maps a wrong passphrase to BadPassphraseError (not retryable)', async () => {
    const err = await signer()
      .sign({ ...request, credentials: { nik: NIK, passphrase: 'salah' } })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(BadPassphraseError);
    expect(err).toMatchObject({ code: 'BAD_PASSPHRASE', retryable: false });
  });

  it('maps an unknown NIK and a wrong client secret to SIGNER_NOT_AUTHORIZED', async () => {
    await expect(signer().sign({ ...request, credentials: { nik: '3515010101700099', passphrase: PASSPHRASE } })).rejects.toMatchObject({
      code: 'SIGNER_NOT_AUTHORIZED',
    });
    await expect(signer({ clientSecret: 'wrong' }).sign(request)).rejects.toMatchObject({ code: 'SIGNER_NOT_AUTHORIZED' });
  });

  it('maps an outage, a closed port and a provider that never answers to SignerUnreachableError (retryable)', async () => {
    tte.behaviour.outage = true;
    await expect(signer().sign(request)).rejects.toBeInstanceOf(SignerUnreachableError);
    tte.behaviour.outage = false;

    const nowhere = signer({ baseUrl: `http://127.0.0.1:${await closedPort()}` });
    await expect(nowhere.sign(request)).rejects.toMatchObject({ code: 'SIGNER_UNREACHABLE', retryable: true });

    tte.behaviour.hang = true;
    await expect(signer({ timeoutMs: 300 }).sign(request)).rejects.toMatchObject({
      code: 'SIGNER_UNREACHABLE',
      message: expect.stringMatching(/did not answer in time/),
    });
  });

  it('refuses a returned PDF whose signature does not verify over our bytes', async () => {
    tte.behaviour.tamper = true;
    await expect(signer().sign(request)).rejects.toMatchObject({ code: 'INVALID_SIGNER_RESPONSE' });
  });

  it('refuses a signer certificate from an untrusted CA', async () => {
    const other = createDevPki({ caCommonName: 'Other CA' });
    await expect(signer({ trustedCertificates: [other.caCertPem] }).sign(request)).rejects.toMatchObject({
      code: 'INVALID_SIGNER_RESPONSE',
    });
  });

  it('needs the signer credentials and calls nothing without them', async () => {
    await expect(signer().sign({ ...request, credentials: undefined })).rejects.toMatchObject({ code: 'CREDENTIALS_REQUIRED' });
    expect(tte.calls).toEqual([]);
  });
});
