import { createHash, X509Certificate } from 'node:crypto';
import { parseSignedData } from '../cms/parse-signed-data';
import { issuerAndSerialOf, serialHex } from '../cms/certificate-fields';
import { signPades, wholeSeconds } from '../pades';
import { BadPassphraseError, PdfSigner, SignedPdf, SignerUnreachableError, SigningError, SignRequest } from '../signer.port';
import { verifySignedPdf } from '../verify-signed-pdf';
import { SignHashRequest, signHashResponseSchema, SignPdfRequest, TTE_ERROR, TTE_PATHS, tteErrorSchema } from './remote-tte.protocol';

export interface RemoteTteSignerOptions {
  baseUrl: string;
  /** The application's API account at the provider (HTTP Basic), not the signer's credentials. */
  clientId: string;
  clientSecret: string;
  /**
   * `pdf`: send the whole PDF, receive it signed (BSrE's usual flow, provider stamps the QR).
   * `hash`: send only the byte-range digest, receive a CMS; the PDF and its personal data stay here.
   */
  mode: 'pdf' | 'hash';
  timeoutMs?: number;
  /** When given, a returned signature must chain to one of these; otherwise only integrity is checked. */
  trustedCertificates?: Array<string | Buffer>;
}

/** Adapter for a remote TTE provider over HTTP (BSrE-style). Errors come out as typed SigningErrors. */
export class RemoteTteSigner implements PdfSigner {
  readonly kind = 'remote-tte' as const;

  constructor(private readonly options: RemoteTteSignerOptions) {}

  async sign(request: SignRequest): Promise<SignedPdf> {
    if (!request.credentials) throw new SigningError('CREDENTIALS_REQUIRED', 'the remote signer needs NIK and passphrase', false);
    return this.options.mode === 'hash' ? this.signByHash(request) : this.signWholePdf(request);
  }

  private async signWholePdf(request: SignRequest): Promise<SignedPdf> {
    const { credentials, placement } = request;
    const signingTime = wholeSeconds(request.signingTime ?? new Date());
    const body: SignPdfRequest = {
      nik: credentials!.nik,
      passphrase: credentials!.passphrase,
      file: request.pdf.toString('base64'),
      tampilan: 'visible',
      halaman: placement.page,
      xAxis: placement.x,
      yAxis: placement.y,
      width: placement.width,
      height: placement.height,
      imageTTD: placement.qrPng?.toString('base64'),
      reason: request.reason,
      location: request.location,
      signingTime: signingTime.toISOString(),
    };
    const response = await this.post(TTE_PATHS.signPdf, body);
    const signed = Buffer.from(await response.arrayBuffer());
    // The provider must only append a signature: our rendered bytes stay first and untouched.
    if (signed.length <= request.pdf.length || !signed.subarray(0, request.pdf.length).equals(request.pdf)) {
      throw invalidResponse('the returned PDF does not extend the document that was sent');
    }
    return this.checked(signed);
  }

  private signByHash(request: SignRequest): Promise<SignedPdf> {
    return signPades(request, async (digest, signingTime) => {
      const body: SignHashRequest = {
        nik: request.credentials!.nik,
        passphrase: request.credentials!.passphrase,
        digest: digest.toString('base64'),
        digestAlgorithm: 'SHA256',
        signingTime: signingTime.toISOString(),
      };
      const response = await this.post(TTE_PATHS.signHash, body);
      const parsed = signHashResponseSchema.safeParse(await response.json().catch(() => null));
      if (!parsed.success) throw invalidResponse('hash signing answer is not { signature }');
      const cms = Buffer.from(parsed.data.signature, 'base64');
      return { cms, signerCertificateDer: signerCertificateOf(cms) };
    }).then((signed) => this.checked(signed.pdf));
  }

  /** Never trust a provider's answer blindly: the signature must verify over our bytes. */
  private checked(pdf: Buffer): SignedPdf {
    const v = verifySignedPdf(pdf, { trustedCertificates: this.options.trustedCertificates ?? [] });
    const integrity =
      v.checks.coversWholeDocument &&
      v.checks.digestMatches &&
      v.checks.signatureValid &&
      v.checks.signingCertificateBound &&
      v.checks.certificateAllowsSigning;
    if (!integrity || !v.signer || !v.signingTime) throw invalidResponse(`signature does not verify: ${v.problems.join('; ')}`);
    if (this.options.trustedCertificates && !v.checks.chainTrusted) throw invalidResponse('signer certificate is not from a trusted CA');
    return {
      pdf,
      sha256: createHash('sha256').update(pdf).digest('hex'),
      certificateSerial: v.signer.serial,
      signerSubject: v.signer.subject,
      signerCommonName: v.signer.commonName,
      signingTime: v.signingTime,
      subFilter: v.subFilter ?? 'unknown',
    };
  }

  private async post(path: string, body: unknown): Promise<Response> {
    const url = `${this.options.baseUrl.replace(/\/+$/, '')}${path}`;
    const auth = Buffer.from(`${this.options.clientId}:${this.options.clientSecret}`).toString('base64');
    let response: Response;
    try {
      response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Basic ${auth}` },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(this.options.timeoutMs ?? 30_000),
      });
    } catch (e) {
      const timedOut = (e as Error).name === 'TimeoutError';
      throw new SignerUnreachableError(timedOut ? 'TTE provider did not answer in time' : 'TTE provider is unreachable', { cause: e });
    }
    if (response.ok) return response;
    throw await errorFor(response);
  }
}

function invalidResponse(message: string): SigningError {
  return new SigningError('INVALID_SIGNER_RESPONSE', message, true);
}

function signerCertificateOf(cms: Buffer): Buffer {
  let parsed;
  try {
    parsed = parseSignedData(cms);
  } catch (e) {
    throw invalidResponse(`signature is not a CMS SignedData: ${(e as Error).message}`);
  }
  const der = parsed.certificatesDer.find((c) => {
    const { issuer, serial } = issuerAndSerialOf(c);
    return serialHex(serial) === parsed.signer.serialHex && issuer.raw.equals(parsed.signer.issuerDer);
  });
  if (!der) throw invalidResponse('signature does not carry the signer certificate');
  try {
    new X509Certificate(der);
  } catch (e) {
    throw invalidResponse(`signer certificate is malformed: ${(e as Error).message}`);
  }
  return der;
}

/** Maps the provider's HTTP status and error code onto our typed errors. */
async function errorFor(response: Response): Promise<SigningError> {
  const body = tteErrorSchema.safeParse(await response.json().catch(() => null));
  const code = body.success ? body.data.status_code : null;
  const detail = body.success ? ` (${body.data.status_code})` : '';
  if (response.status >= 500 || response.status === 429) {
    return new SignerUnreachableError(`TTE provider failed with HTTP ${response.status}${detail}`);
  }
  if (code === TTE_ERROR.badPassphrase) return new BadPassphraseError();
  if (
    response.status === 401 ||
    response.status === 403 ||
    code === TTE_ERROR.nikNotRegistered ||
    code === TTE_ERROR.certificateNotActive
  ) {
    return new SigningError('SIGNER_NOT_AUTHORIZED', `TTE provider refused the signer or client${detail}`, false);
  }
  return new SigningError('INVALID_DOCUMENT', `TTE provider rejected the request: HTTP ${response.status}${detail}`, false);
}
