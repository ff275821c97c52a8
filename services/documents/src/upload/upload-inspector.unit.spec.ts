import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { ApiError } from '@adminduk/http';
import { UploadInspector } from './upload-inspector';

async function run(chunks: Buffer[], max = 1024): Promise<{ inspector: UploadInspector; error?: ApiError; passed: number }> {
  const inspector = new UploadInspector(max);
  let passed = 0;
  const sink = new Writable({ write: (c: Buffer, _e, cb) => ((passed += c.length), cb()) });
  try {
    await pipeline(Readable.from(chunks), inspector, sink);
    return { inspector, passed };
  } catch (e) {
    return { inspector, error: e as ApiError, passed };
  }
}

const PDF = Buffer.from('%PDF-1.7\n');
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0]);
const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46]);

describe('UploadInspector', () => {
  it.each([
    ['application/pdf', PDF],
    ['image/png', PNG],
    ['image/jpeg', JPEG],
  ])('recognises %s from its first bytes, even when they arrive one byte at a time', async (type, bytes) => {
    const r = await run([...bytes].map((b) => Buffer.from([b])));
    expect(r.error).toBeUndefined();
    expect(r.inspector.mediaType).toBe(type);
    expect(r.passed).toBe(bytes.length);
  });

  it('refuses a text file whatever it is called (415)', async () => {
    const r = await run([Buffer.from('This is not a PDF, just named like one')]);
    expect(r.error?.body).toMatchObject({ statusCode: 415, code: 'DOCUMENT_TYPE_NOT_ALLOWED' });
  });

  it('refuses an empty body (400)', async () => {
    const r = await run([]);
    expect(r.error?.body).toMatchObject({ statusCode: 400, code: 'DOCUMENT_EMPTY' });
  });

  it('fails as soon as the limit is passed, not at the end', async () => {
    const chunks = [PDF, Buffer.alloc(600), Buffer.alloc(600), Buffer.alloc(600)];
    const r = await run(chunks, 1000);
    expect(r.error?.body).toMatchObject({ statusCode: 413, code: 'DOCUMENT_TOO_LARGE' });
    expect(r.inspector.bytes).toBe(PDF.length + 1200); // stopped at the chunk that crossed the limit
  });

  it('accepts a body of exactly the limit', async () => {
    const r = await run([PDF, Buffer.alloc(1000 - PDF.length)], 1000);
    expect(r.error).toBeUndefined();
    expect(r.passed).toBe(1000);
  });
});
