import { createHash, createHmac, createSecretKey, type KeyObject } from 'node:crypto';
import { Agent as HttpAgent, request as httpRequest, type IncomingMessage, type RequestOptions } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { requestTarget } from '@adminduk/observability';
import { cutWhenSilent } from './silent-request';

/** Hex SHA-256 of the empty body: the payload hash of every GET. */
const EMPTY_SHA256 = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';
const SIGNED_HEADERS = 'host;x-amz-content-sha256;x-amz-date';

export interface S3ReaderConfig {
  /** e.g. http://127.0.0.1:9000 */
  endpoint: string;
  accessKey: string;
  secretKey: string;
  bucket: string;
  region: string;
}

/** An S3 error answer (or a status without one): `code` as S3 names it (NoSuchKey, AccessDenied, ...). */
export class S3RequestError extends Error {
  override readonly name = 'S3RequestError';
  constructor(
    readonly code: string,
    readonly statusCode: number,
  ) {
    super(`S3 GET answered ${statusCode} ${code}`);
  }
}

/** `20130524T000000Z`: the x-amz-date of a request made at `d`. */
export function amzDate(d: Date): string {
  const iso = d.toISOString(); // 2013-05-24T00:00:00.000Z
  return `${iso.slice(0, 4)}${iso.slice(5, 7)}${iso.slice(8, 13)}${iso.slice(14, 16)}${iso.slice(17, 19)}Z`;
}

/** The path-style path of an object: each key segment percent-encoded as SigV4 wants (RFC 3986), slashes kept. */
export function objectPath(bucket: string, key: string): string {
  const encode = (s: string) => encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `/${bucket}/${key.split('/').map(encode).join('/')}`;
}

/**
 * AWS Signature Version 4 of a GET without a query string or body, the only request the download
 * path makes. The signing key depends only on the day, so it is derived once a day, not per request
 * (four HMACs fewer per download than a general-purpose client).
 */
export class GetSigner {
  private day = '';
  private key?: KeyObject;

  constructor(private readonly c: Pick<S3ReaderConfig, 'accessKey' | 'secretKey' | 'region'>) {}

  /** The headers that sign `GET path` to `host` at `at`. */
  headers(host: string, path: string, at: Date): Record<string, string> {
    const date = amzDate(at);
    const day = date.slice(0, 8);
    if (day !== this.day || !this.key) {
      const hmac = (k: Buffer | string, s: string) => createHmac('sha256', k).update(s).digest();
      // A KeyObject: createHmac does not import the raw key again on every request.
      this.key = createSecretKey(hmac(hmac(hmac(hmac(`AWS4${this.c.secretKey}`, day), this.c.region), 's3'), 'aws4_request'));
      this.day = day;
    }
    const scope = `${day}/${this.c.region}/s3/aws4_request`;
    const canonical = `GET\n${path}\n\nhost:${host}\nx-amz-content-sha256:${EMPTY_SHA256}\nx-amz-date:${date}\n\n${SIGNED_HEADERS}\n${EMPTY_SHA256}`;
    const toSign = `AWS4-HMAC-SHA256\n${date}\n${scope}\n${createHash('sha256').update(canonical).digest('hex')}`;
    const signature = createHmac('sha256', this.key).update(toSign).digest('hex');
    return {
      host,
      'x-amz-content-sha256': EMPTY_SHA256,
      'x-amz-date': date,
      authorization: `AWS4-HMAC-SHA256 Credential=${this.c.accessKey}/${scope}, SignedHeaders=${SIGNED_HEADERS}, Signature=${signature}`,
    };
  }
}

/**
 * Reads objects with one signed GET over kept-alive connections: the storage adapter's getObject,
 * the hot path of every download. A general-purpose S3 client validates, copies and re-derives its
 * signing key on every call (the minio client's getObject was a tenth of a self-print download's CPU
 * in the printing service); this does only what a GET needs. Resolves with the body once the status
 * is 200; any other answer rejects with S3RequestError (its body read, it is a short XML document).
 */
export class S3ObjectReader {
  private readonly signer: GetSigner;
  private readonly url: URL;
  private readonly agent: HttpAgent;
  private readonly send: typeof httpRequest;

  constructor(private readonly config: S3ReaderConfig) {
    this.url = new URL(config.endpoint);
    this.signer = new GetSigner(config);
    const tls = this.url.protocol === 'https:';
    // As Node's global agent (which the minio client uses): idle connections closed after 5 s.
    const agentOptions = { keepAlive: true, timeout: 5_000 };
    this.agent = tls ? new HttpsAgent(agentOptions) : new HttpAgent(agentOptions);
    this.send = tls ? httpsRequest : httpRequest;
  }

  /**
   * `timeoutMs`: a connection silent for that long is destroyed and the GET rejects with ETIMEDOUT
   * (the readiness ping: a probe that gave up must not leave its request waiting on the server).
   */
  async get(key: string, options: { timeoutMs?: number } = {}): Promise<IncomingMessage> {
    try {
      return await this.once(key, options.timeoutMs);
    } catch (e) {
      // A kept-alive connection the server closed as the request went out: a GET is safe to send again.
      if ((e as { reusedSocket?: boolean }).reusedSocket && isConnectionReset(e)) return this.once(key, options.timeoutMs);
      throw e;
    }
  }

  /** The signed GET of `key` as node:http takes it. */
  requestOptions(key: string, at = new Date()): RequestOptions {
    const path = objectPath(this.config.bucket, key);
    return {
      method: 'GET',
      ...requestTarget(this.url),
      path,
      agent: this.agent,
      headers: this.signer.headers(this.url.host, path, at),
    };
  }

  private once(key: string, timeoutMs?: number): Promise<IncomingMessage> {
    const options = this.requestOptions(key);
    return new Promise((resolve, reject) => {
      const req = this.send(options, (res) => {
        if (res.statusCode === 200) return resolve(res);
        errorOf(res).then(reject, reject);
      });
      req.once('error', (e) => reject(Object.assign(e, { reusedSocket: req.reusedSocket })));
      if (timeoutMs !== undefined) cutWhenSilent(req, timeoutMs, 'S3 GET');
      req.end();
    });
  }

  /** Closes the kept-alive connections. */
  close(): void {
    this.agent.destroy();
  }
}

async function errorOf(res: IncomingMessage): Promise<S3RequestError> {
  let body = '';
  for await (const chunk of res) if (body.length < 4096) body += (chunk as Buffer).toString('utf8');
  const code = /<Code>([^<]+)<\/Code>/.exec(body)?.[1] ?? (res.statusCode === 404 ? 'NotFound' : `HTTP${res.statusCode}`);
  return new S3RequestError(code, res.statusCode ?? 0);
}

function isConnectionReset(e: unknown): boolean {
  const code = (e as { code?: string }).code;
  return code === 'ECONNRESET' || code === 'EPIPE';
}
