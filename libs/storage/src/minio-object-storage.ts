import { createReadStream } from 'node:fs';
import * as http from 'node:http';
import * as https from 'node:https';
import type { Readable } from 'node:stream';
import { Client, type BucketItem } from 'minio';
import {
  ObjectNotFoundError,
  type ListedObject,
  type LocalFile,
  type ObjectBody,
  type ObjectInfo,
  type ObjectStorage,
  type PutObjectOptions,
  type PutObjectResult,
} from './object-storage.port';
import { S3ObjectReader, S3RequestError } from './s3-object-reader';
import { spoolToDisk } from './spool';
import { cutWhenSilent } from './silent-request';

export interface MinioStorageConfig {
  /** e.g. http://127.0.0.1:9000 or https://minio.dukcapil.example:443 */
  endpoint: string;
  accessKey: string;
  secretKey: string;
  bucket: string;
  region?: string;
  /** When set, every object is written with SSE-KMS under this key id (MinIO KES / KMS). */
  sseKmsKeyId?: string;
  /** Where unknown-size uploads are spooled before the PUT; os.tmpdir() by default. */
  spoolDir?: string;
  /** A write, list, stat or removal whose connection stays silent this long fails (ETIMEDOUT); 30 s by default. */
  requestIdleTimeoutMs?: number;
}

/**
 * ObjectStorage through the `minio` client; getObject through S3ObjectReader (a signed GET, without the
 * client's per-call overhead: it is every download's hot path). Writes go through the client's signed streaming request
 * rather than its putObject, because putObject reads any object up to 64 MB whole into memory
 * (and, for an unknown size, buffers ~550 MB parts): fatal for 8 concurrent uploads in a small pod.
 */
export class MinioObjectStorage implements ObjectStorage {
  readonly bucket: string;
  private readonly client: Client;
  private readonly region: string;
  private readonly tls: boolean;
  /** Reads (the download path) with one lean signed GET; everything else through the minio client. */
  private readonly reader: S3ObjectReader;

  constructor(private readonly config: MinioStorageConfig) {
    const url = new URL(config.endpoint);
    this.tls = url.protocol === 'https:';
    this.bucket = config.bucket;
    this.region = config.region ?? 'us-east-1';
    this.client = new Client({
      endPoint: url.hostname,
      port: url.port ? Number(url.port) : this.tls ? 443 : 80,
      useSSL: this.tls,
      accessKey: config.accessKey,
      secretKey: config.secretKey,
      region: this.region,
      pathStyle: true,
      // A retried request would re-send an already consumed stream; we retry writes ourselves.
      retryOptions: { disableRetry: true },
      transport: idleTimeoutTransport(this.tls ? https : http, config.requestIdleTimeoutMs ?? REQUEST_IDLE_TIMEOUT_MS),
    });
    this.reader = new S3ObjectReader({ ...config, region: this.region });
  }

  /** The underlying client, for benchmarks that compare against raw putObject and getObject. */
  get rawClient(): Client {
    return this.client;
  }

  async ensureBucket(): Promise<void> {
    if (!(await this.bucketPresent())) {
      try {
        await this.client.makeBucket(this.bucket, this.region);
      } catch (e) {
        // Another replica won the race: that is the state we wanted.
        const code = (e as { code?: string }).code;
        if (code !== 'BucketAlreadyOwnedByYou' && code !== 'BucketAlreadyExists') throw e;
      }
    }
    if (this.config.sseKmsKeyId) {
      await this.client.setBucketEncryption(this.bucket, {
        Rule: [{ ApplyServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms', KmsMasterKeyID: this.config.sseKmsKeyId } }],
      });
    }
  }

  async putObject(key: string, body: Readable, options: PutObjectOptions = {}): Promise<PutObjectResult> {
    if (options.size !== undefined && options.sha256Hex) {
      const etag = await this.putStream(key, () => body, options.size, options.sha256Hex, options);
      return { key, size: options.size, sha256Hex: options.sha256Hex, etag };
    }
    // Size or hash unknown: spool to disk (hashing on the way), then a signed PUT of known length.
    const file = await spoolToDisk(body, this.config.spoolDir);
    try {
      return await this.putFile(key, file, options);
    } finally {
      await file.dispose();
    }
  }

  async putFile(key: string, file: LocalFile, options: Omit<PutObjectOptions, 'size' | 'sha256Hex'> = {}): Promise<PutObjectResult> {
    const open = () => createReadStream(file.path);
    let etag: string;
    try {
      etag = await this.putStream(key, open, file.size, file.sha256Hex, options);
    } catch (e) {
      if (!isTransient(e)) throw e;
      etag = await this.putStream(key, open, file.size, file.sha256Hex, options);
    }
    return { key, size: file.size, sha256Hex: file.sha256Hex, etag };
  }

  private async putStream(key: string, open: () => Readable, size: number, sha256Hex: string, options: PutObjectOptions): Promise<string> {
    const headers: Record<string, string | number> = {
      'Content-Length': size,
      'Content-Type': options.contentType ?? 'application/octet-stream',
      // The server recomputes and rejects a mismatch (needed under TLS, where the payload is unsigned).
      'x-amz-checksum-sha256': Buffer.from(sha256Hex, 'hex').toString('base64'),
    };
    for (const [k, v] of Object.entries(options.metadata ?? {})) headers[`x-amz-meta-${k.toLowerCase()}`] = v;
    if (this.config.sseKmsKeyId) {
      headers['x-amz-server-side-encryption'] = 'aws:kms';
      headers['x-amz-server-side-encryption-aws-kms-key-id'] = this.config.sseKmsKeyId;
    }
    const res = await this.client.makeRequestStreamAsync(
      { method: 'PUT', bucketName: this.bucket, objectName: key, headers },
      open(),
      this.client.enableSHA256 ? sha256Hex : '',
      [200],
      this.region,
    );
    res.resume();
    await new Promise((resolve) => res.once('end', resolve));
    return String(res.headers.etag ?? '').replace(/"/g, '');
  }

  async getObject(key: string): Promise<ObjectBody> {
    try {
      const body = await this.reader.get(key);
      const size = Number(body.headers['content-length']);
      return Object.assign(body, { size: Number.isSafeInteger(size) ? size : undefined });
    } catch (e) {
      if (isNotFound(e)) throw new ObjectNotFoundError(key);
      throw e;
    }
  }

  async statObject(key: string): Promise<ObjectInfo | null> {
    try {
      const s = await this.client.statObject(this.bucket, key);
      const metadata: Record<string, string> = {};
      let contentType: string | undefined;
      for (const [k, v] of Object.entries(s.metaData ?? {})) {
        if (k.toLowerCase() === 'content-type') contentType = String(v);
        else metadata[k.toLowerCase()] = String(v);
      }
      return { key, size: s.size, lastModified: s.lastModified, etag: s.etag, contentType, metadata };
    } catch (e) {
      if (isNotFound(e)) return null;
      throw e;
    }
  }

  async removeObject(key: string): Promise<void> {
    try {
      await this.client.removeObject(this.bucket, key);
    } catch (e) {
      if (!isNotFound(e)) throw e;
    }
  }

  async listObjects(prefix: string): Promise<ListedObject[]> {
    const out: ListedObject[] = [];
    const stream = this.client.listObjectsV2(this.bucket, prefix, true);
    for await (const item of stream as AsyncIterable<BucketItem>) {
      if (item.name !== undefined) out.push({ key: item.name, size: item.size, lastModified: new Date(item.lastModified) });
    }
    return out;
  }

  /**
   * One signed GET of a key that is never stored: NoSuchKey means the server answers and the bucket
   * exists. Not HEAD on the bucket (the minio client's bucketExists): s3rver answers that by listing
   * up to 1,000 objects, walking the bucket's folders synchronously, so once a bucket held ~1,000
   * objects every probe blocked the server for all its clients (issue 16's soak, ~2,100 applications
   * in: after a fault, three services' probes every 100 ms, documents unanswered for 120 s, uploads
   * stalled). An unanswered ping is cut after PING_TIMEOUT_MS instead of staying queued on the server.
   */
  async ping(): Promise<boolean> {
    try {
      return await this.bucketPresent();
    } catch {
      return false;
    }
  }

  /**
   * Whether the bucket exists, by the ping's GET of a key never stored: NoSuchKey, it does;
   * NoSuchBucket, it does not; anything else throws. Not a HEAD of the bucket, which s3rver answers
   * by listing it (every restarted service asked this of a bucket of thousands of objects).
   */
  private async bucketPresent(): Promise<boolean> {
    try {
      const body = await this.reader.get(PING_KEY, { timeoutMs: PING_TIMEOUT_MS });
      body.destroy(); // someone stored the key after all: the server answered, that is enough
      return true;
    } catch (e) {
      if (e instanceof S3RequestError && e.code === 'NoSuchKey') return true;
      if (e instanceof S3RequestError && e.code === 'NoSuchBucket') return false;
      throw e;
    }
  }
}

/** Default for requestIdleTimeoutMs: far above any healthy pause of a PUT's body or a listing's answer. */
const REQUEST_IDLE_TIMEOUT_MS = 30_000;

/**
 * The minio client's transport with an idle limit: the client sets none, so a request to a server
 * that stopped answering (SIGSTOP, a dropped link without a reset) waited for ever, holding the
 * caller (a signing attempt, an upload) and its retry with it. A silent connection is cut instead.
 */
function idleTimeoutTransport(transport: typeof http | typeof https, idleMs: number): Pick<typeof http, 'request'> {
  const request = (options: http.RequestOptions, callback?: (res: http.IncomingMessage) => void): http.ClientRequest => {
    return cutWhenSilent(transport.request(options, callback), idleMs, 'S3 request');
  };
  return { request } as Pick<typeof http, 'request'>;
}

/** The key the readiness ping asks for: never written, so the answer is NoSuchKey. */
const PING_KEY = 'readiness-ping/never-stored';
/** The readiness check's own limit (ReadinessRegistry gives each check 2 s). */
const PING_TIMEOUT_MS = 2000;

function isNotFound(e: unknown): boolean {
  const code = (e as { code?: string }).code;
  return code === 'NoSuchKey' || code === 'NotFound' || code === 'NoSuchObject';
}

function isTransient(e: unknown): boolean {
  const code = (e as { code?: string }).code ?? '';
  return ['ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'InternalError', 'SlowDown', 'ServiceUnavailable'].includes(code);
}
