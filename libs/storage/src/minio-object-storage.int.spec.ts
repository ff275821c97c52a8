import { createHash, randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { createServer, request } from 'node:http';
import { createServer as createTcpServer, type Socket } from 'node:net';
import { Readable } from 'node:stream';
import { freePort, uniqueId } from '@adminduk/testing';
import { MinioObjectStorage } from './minio-object-storage';
import { ObjectNotFoundError } from './object-storage.port';
import { spoolToDisk } from './spool';
import { startTestS3, type TestS3 } from './testing/test-s3';

async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

/** A stream that emits `bytes` then fails, like a client that hangs up mid-upload. */
function failingAfter(bytes: Buffer): Readable {
  let sent = false;
  return new Readable({
    read() {
      if (!sent) {
        sent = true;
        this.push(bytes);
      } else {
        this.destroy(new Error('client went away'));
      }
    },
  });
}

/** An HTTP hop in front of the S3 server that passes every request on unchanged (signed host included) and records its method and path. */
async function recordingHop(target: string): Promise<{ endpoint: string; seen: string[]; close(): Promise<void> }> {
  const seen: string[] = [];
  const to = new URL(target);
  const server = createServer((req, res) => {
    seen.push(`${req.method} ${req.url}`);
    const upstream = request({ host: to.hostname, port: to.port, method: req.method, path: req.url, headers: req.headers }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    upstream.on('error', () => res.destroy());
    req.pipe(upstream);
  });
  const port = await freePort();
  await new Promise<void>((r) => server.listen(port, '127.0.0.1', r));
  return {
    endpoint: `http://127.0.0.1:${port}`,
    seen,
    close: () => new Promise((r) => server.close(() => r())),
  };
}

/** A TCP server that reads every request and answers nothing; `allClosed` waits until every client has hung up. */
async function withSilentServer(use: (endpoint: string, allClosed: () => Promise<void>) => Promise<void>): Promise<void> {
  const open = new Set<Socket>();
  const silent = createTcpServer((s) => {
    s.resume(); // reads the request (and so the client's close), answers nothing
    open.add(s);
    s.on('close', () => open.delete(s));
  });
  const port = await freePort();
  await new Promise<void>((r) => silent.listen(port, '127.0.0.1', r));
  try {
    await use(`http://127.0.0.1:${port}`, async () => {
      while (open.size > 0) await new Promise((r) => setTimeout(r, 20));
    });
  } finally {
    for (const s of open) s.destroy();
    await new Promise((r) => silent.close(r));
  }
}

describe('MinioObjectStorage (against a real S3 server)', () => {
  let s3: TestS3;
  let storage: MinioObjectStorage;

  beforeAll(async () => {
    s3 = await startTestS3();
    if (s3.note) process.stderr.write(`[s3] ${s3.note}\n`);
    storage = new MinioObjectStorage({
      endpoint: s3.endpoint,
      accessKey: s3.accessKey,
      secretKey: s3.secretKey,
      bucket: uniqueId('b').replace(/_/g, '-').toLowerCase(),
    });
    await storage.ensureBucket();
  });
  afterAll(() => s3.close());

  it('bootstraps the bucket idempotently, also when replicas race', async () => {
    await Promise.all([storage.ensureBucket(), storage.ensureBucket(), storage.ensureBucket()]);
    expect(await storage.ping()).toBe(true);
  });

  // Issue 16's soak: s3rver answers HEAD on a bucket by listing it (a synchronous walk of up to 1,000
  // objects), so a ping of the bucket blocked the server for every client once the bucket was large.
  it('pings with one request for an object, never the bucket as a whole, whatever the bucket holds', async () => {
    const hop = await recordingHop(s3.endpoint);
    try {
      const through = (bucket: string) =>
        new MinioObjectStorage({ endpoint: hop.endpoint, accessKey: s3.accessKey, secretKey: s3.secretKey, bucket });
      expect(await through(storage.bucket).ping()).toBe(true);
      expect(hop.seen).toHaveLength(1);
      expect(hop.seen[0]).toMatch(new RegExp(`^(GET|HEAD) /${storage.bucket}/[^?]+$`));
      expect(await through('no-such-bucket-x').ping()).toBe(false);
    } finally {
      await hop.close();
    }
  });

  it('bootstraps with one request for an object when the bucket exists, never a HEAD or listing of the bucket', async () => {
    const hop = await recordingHop(s3.endpoint);
    try {
      const through = (bucket: string) =>
        new MinioObjectStorage({ endpoint: hop.endpoint, accessKey: s3.accessKey, secretKey: s3.secretKey, bucket });
      await through(storage.bucket).ensureBucket();
      expect(hop.seen).toEqual([expect.stringMatching(new RegExp(`^GET /${storage.bucket}/[^?]+$`))]);
      // A missing bucket is still made.
      const fresh = uniqueId('nb').replace(/_/g, '-').toLowerCase();
      await through(fresh).ensureBucket();
      expect(await through(fresh).ping()).toBe(true);
    } finally {
      await hop.close();
    }
  });

  it('a ping the server never answers ends false and leaves no request open on the server', async () => {
    await withSilentServer(async (endpoint, allClosed) => {
      const unanswered = new MinioObjectStorage({ endpoint, accessKey: 'x', secretKey: 'y', bucket: 'any-bucket' });
      expect(await unanswered.ping()).toBe(false);
      // The client cut its connection: wait for the server to see it (the test's timeout fails it otherwise).
      await allClosed();
    });
  }, 15_000);

  it('a write or a listing the server never answers fails after the idle limit instead of waiting for ever', async () => {
    await withSilentServer(async (endpoint, allClosed) => {
      const stalled = new MinioObjectStorage({ endpoint, accessKey: 'x', secretKey: 'y', bucket: 'any-bucket', requestIdleTimeoutMs: 300 });
      const body = Buffer.from('%PDF-1.7 stalled');
      const sha = createHash('sha256').update(body).digest('hex');
      await expect(stalled.putObject('kk/x.pdf', Readable.from([body]), { size: body.length, sha256Hex: sha })).rejects.toMatchObject({
        code: 'ETIMEDOUT',
      });
      await expect(stalled.listObjects('kk/')).rejects.toMatchObject({ code: 'ETIMEDOUT' });
      await allClosed();
    });
  }, 15_000);

  it('stores a stream of unknown size, returns its hash, and reads it back byte for byte', async () => {
    const bytes = randomBytes(3 * 1024 * 1024 + 17);
    const r = await storage.putObject('a/b/unknown-size', Readable.from([bytes.subarray(0, 1000), bytes.subarray(1000)]), {
      contentType: 'application/pdf',
      metadata: { requirement: 'kk' },
    });
    expect(r.size).toBe(bytes.length);
    expect(r.sha256Hex).toBe(createHash('sha256').update(bytes).digest('hex'));
    expect((await readAll(await storage.getObject('a/b/unknown-size'))).equals(bytes)).toBe(true);
    const info = await storage.statObject('a/b/unknown-size');
    expect(info).toMatchObject({ size: bytes.length, contentType: 'application/pdf', metadata: { requirement: 'kk' } });
  });

  it('stores a stream of known size and hash without spooling', async () => {
    const bytes = randomBytes(64 * 1024);
    const sha = createHash('sha256').update(bytes).digest('hex');
    const r = await storage.putObject('known/one', Readable.from([bytes]), { size: bytes.length, sha256Hex: sha });
    expect(r).toMatchObject({ size: bytes.length, sha256Hex: sha });
    expect((await readAll(await storage.getObject('known/one'))).equals(bytes)).toBe(true);
  });

  it('stores a file the caller spooled (and checked) first, leaving the file to the caller', async () => {
    const bytes = randomBytes(200_000);
    const file = await spoolToDisk(Readable.from([bytes]));
    try {
      const r = await storage.putFile('spooled/one', file, { metadata: { requirement: 'kk' } });
      expect(r).toMatchObject({ size: bytes.length, sha256Hex: createHash('sha256').update(bytes).digest('hex') });
      expect((await readAll(await storage.getObject('spooled/one'))).equals(bytes)).toBe(true);
      expect(existsSync(file.path)).toBe(true);
    } finally {
      await file.dispose();
    }
  });

  it('leaves no object behind when the source stream fails mid-way', async () => {
    await expect(storage.putObject('failed/x', failingAfter(randomBytes(200_000)))).rejects.toThrow('client went away');
    expect(await storage.statObject('failed/x')).toBeNull();
    expect(await storage.listObjects('failed/')).toEqual([]);
  });

  it('lists by prefix with last-modified times, and removes idempotently', async () => {
    const before = Date.now() - 2000;
    await storage.putObject('list/p/1', Readable.from([Buffer.from('one')]));
    await storage.putObject('list/p/2', Readable.from([Buffer.from('two')]));
    await storage.putObject('list/q/3', Readable.from([Buffer.from('three')]));
    const listed = await storage.listObjects('list/p/');
    expect(listed.map((o) => o.key).sort()).toEqual(['list/p/1', 'list/p/2']);
    for (const o of listed) expect(o.lastModified.getTime()).toBeGreaterThanOrEqual(before);
    await storage.removeObject('list/p/1');
    await storage.removeObject('list/p/1');
    expect((await storage.listObjects('list/')).map((o) => o.key).sort()).toEqual(['list/p/2', 'list/q/3']);
  });

  it('reads back keys with characters the signed GET must encode', async () => {
    const key = "kk/x y/(1)!*'+é.pdf";
    await storage.putObject(key, Readable.from([Buffer.from('%PDF-')]));
    expect((await readAll(await storage.getObject(key))).toString()).toBe('%PDF-');
  });

  it('reports a missing object as not found', async () => {
    await expect(storage.getObject('nope/missing')).rejects.toBeInstanceOf(ObjectNotFoundError);
    expect(await storage.statObject('nope/missing')).toBeNull();
  });

  it('rejects with the S3 error code when the server refuses the read for another reason', async () => {
    const noBucket = new MinioObjectStorage({
      endpoint: s3.endpoint,
      accessKey: s3.accessKey,
      secretKey: s3.secretKey,
      bucket: 'no-such-bucket-x',
    });
    const e = await noBucket.getObject('kk/a.pdf').catch((err: unknown) => err);
    expect(e).not.toBeInstanceOf(ObjectNotFoundError);
    expect(e).toMatchObject({ code: 'NoSuchBucket', statusCode: 404 });
  });
});
