import { createServer, IncomingMessage, ServerResponse } from 'node:http';
import { AddressInfo } from 'node:net';
import { Pkcs12Signer } from '../signers/pkcs12-signer';
import { RemoteTteSigner } from '../signers/remote-tte-signer';
import { signHashRequestSchema, signPdfRequestSchema, TTE_ERROR, TTE_PATHS, TteError } from '../signers/remote-tte.protocol';

export interface FakeTteOptions {
  /** Signs for real, with a test PKCS#12. */
  signer: Pkcs12Signer;
  nik: string;
  passphrase: string;
  clientId: string;
  clientSecret: string;
}

/**
 * A small BSrE-shaped TTE provider for tests: checks client and signer credentials, then really
 * signs. Knobs simulate an outage, a hanging provider and a provider returning a tampered PDF.
 */
export interface FakeTteServer {
  url: string;
  /** Paths called, in order (no credentials or documents are kept). */
  calls: string[];
  behaviour: { outage: boolean; hang: boolean; tamper: boolean };
  /** A RemoteTteSigner of this server with its client credentials, sending hashes, trusting `caCertPem`. */
  remoteSigner(caCertPem: string): RemoteTteSigner;
  close(): Promise<void>;
}

const MAX_BODY = 20 * 1024 * 1024;

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY) throw new Error('body too large');
    chunks.push(chunk as Buffer);
  }
  return JSON.parse(Buffer.concat(chunks).toString('utf8'));
}

function fail(res: ServerResponse, status: number, error: TteError): void {
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(error));
}

export async function startFakeTteServer(options: FakeTteOptions): Promise<FakeTteServer> {
  const behaviour = { outage: false, hang: false, tamper: false };
  const calls: string[] = [];
  const expectedAuth = `Basic ${Buffer.from(`${options.clientId}:${options.clientSecret}`).toString('base64')}`;

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    calls.push(req.url ?? '');
    if (behaviour.hang) return; // never answers
    if (behaviour.outage) return fail(res, 503, { error: 'Layanan sedang tidak tersedia', status_code: 5000 });
    if (req.method !== 'POST') return fail(res, 405, { error: 'Method not allowed', status_code: TTE_ERROR.invalidRequest });
    if (req.headers.authorization !== expectedAuth) return fail(res, 401, { error: 'Unauthorized', status_code: 401 });
    const json = await readJson(req);
    const schema = req.url === TTE_PATHS.signPdf ? signPdfRequestSchema : req.url === TTE_PATHS.signHash ? signHashRequestSchema : null;
    if (!schema) return fail(res, 404, { error: 'Not found', status_code: 404 });
    const parsed = schema.safeParse(json);
    if (!parsed.success) return fail(res, 400, { error: 'Parameter tidak valid', status_code: TTE_ERROR.invalidRequest });
    const body = parsed.data;
    if (body.nik !== options.nik) return fail(res, 400, { error: 'NIK tidak terdaftar', status_code: TTE_ERROR.nikNotRegistered });
    if (body.passphrase !== options.passphrase)
      return fail(res, 400, { error: 'Passphrase anda salah', status_code: TTE_ERROR.badPassphrase });

    if ('file' in body) {
      const signed = await options.signer.sign({
        pdf: Buffer.from(body.file, 'base64'),
        placement: { page: body.halaman, x: body.xAxis, y: body.yAxis, width: body.width, height: body.height },
        reason: body.reason,
        location: body.location,
        signingTime: new Date(body.signingTime),
      });
      const pdf = Buffer.from(signed.pdf);
      if (behaviour.tamper) pdf[Math.floor(pdf.length / 3)] ^= 0x01;
      res.writeHead(200, { 'content-type': 'application/pdf', id_dokumen: `fake-${calls.length}` }).end(pdf);
      return;
    }
    const { cms } = await options.signer.signDigest(Buffer.from(body.digest, 'base64'), new Date(body.signingTime));
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ signature: cms.toString('base64') }));
  };

  const server = createServer((req, res) => {
    handle(req, res).catch(() => fail(res, 500, { error: 'Internal error', status_code: 5001 }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    calls,
    behaviour,
    remoteSigner: (caCertPem) =>
      new RemoteTteSigner({
        baseUrl: `http://127.0.0.1:${port}`,
        clientId: options.clientId,
        clientSecret: options.clientSecret,
        mode: 'hash',
        trustedCertificates: [caCertPem],
      }),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
