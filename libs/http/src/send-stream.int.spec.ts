import { randomBytes } from 'node:crypto';
import { createServer, get, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import { sendStream } from './send-stream';

/** A real HTTP server whose one route streams whatever source the test hands it. */
async function serving(source: () => Readable): Promise<{ url: string; server: Server; sent: Promise<void>[] }> {
  const sent: Promise<void>[] = [];
  const server = createServer((_req, res) => {
    res.setHeader('Content-Type', 'application/pdf');
    sent.push(sendStream(source(), res));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`, server, sent };
}

/** The response's bytes and headers, and whether it ended properly ('end') or was cut off ('aborted'/'error'). */
function download(url: string): Promise<{ bytes: Buffer; complete: boolean; headers: IncomingMessage['headers'] }> {
  return new Promise((resolve, reject) => {
    get(url, (res: IncomingMessage) => {
      const chunks: Buffer[] = [];
      const done = (complete: boolean) => resolve({ bytes: Buffer.concat(chunks), complete, headers: res.headers });
      res.on('data', (c: Buffer) => chunks.push(c));
      res.once('end', () => done(res.complete));
      res.once('error', () => done(false));
    }).once('error', reject);
  });
}

describe('sendStream (real HTTP server and client)', () => {
  let server: Server | undefined;
  afterEach(() => new Promise<void>((r) => (server ? server.close(() => r()) : r())));

  it('sends the source byte for byte and resolves once the response is done', async () => {
    const bytes = randomBytes(3 * 1024 * 1024 + 7);
    const s = await serving(() => Readable.from([bytes.subarray(0, 1000), bytes.subarray(1000)]));
    server = s.server;
    const got = await download(s.url);
    expect(got.complete).toBe(true);
    expect(got.bytes.equals(bytes)).toBe(true);
    await expect(s.sent[0]).resolves.toBeUndefined();
  });

  it('sends a source of known size with Content-Length instead of chunked framing', async () => {
    const bytes = randomBytes(200 * 1024 + 3);
    const s = await serving(() => Object.assign(Readable.from([bytes.subarray(0, 5000), bytes.subarray(5000)]), { size: bytes.length }));
    server = s.server;
    const got = await download(s.url);
    expect(got.complete).toBe(true);
    expect(got.bytes.equals(bytes)).toBe(true);
    expect(got.headers['content-length']).toBe(String(bytes.length));
    expect(got.headers['transfer-encoding']).toBeUndefined();
  });

  it('cuts the response off when the source fails mid-way: the client never sees a complete file', async () => {
    // 64 KiB go out, then the storage connection breaks.
    const failing = () => {
      const r = new Readable({ read() {} });
      r.push(randomBytes(64 * 1024));
      setTimeout(() => r.destroy(new Error('storage connection reset')), 50);
      return r;
    };
    const s = await serving(failing);
    server = s.server;
    const got = await download(s.url);
    expect(got.complete).toBe(false);
    expect(got.bytes.length).toBeGreaterThan(0);
    await expect(s.sent[0]).resolves.toBeUndefined();
  });

  it('stops reading the source when the client goes away', async () => {
    let destroyed = false;
    const endless = () =>
      new Readable({
        read() {
          this.push(randomBytes(16 * 1024));
        },
        destroy(err, cb) {
          destroyed = true;
          cb(err);
        },
      });
    const s = await serving(endless);
    server = s.server;
    await new Promise<void>((resolve, reject) => {
      get(s.url, (res) => {
        res.once('data', () => {
          res.destroy();
          resolve();
        });
      }).once('error', reject);
    });
    await s.sent[0];
    expect(destroyed).toBe(true);
  });
});
