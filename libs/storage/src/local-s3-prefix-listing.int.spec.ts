import { randomBytes } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { startLocalS3, type LocalS3Server } from './local-s3-server';
import { MinioObjectStorage } from './minio-object-storage';

/**
 * The local S3 server (s3rver) lists a prefix with a folder by walking that folder only
 * (local-s3-prefix-listing.ts): the answers must be S3's, whatever the walk.
 */
describe('local S3 server: listing a prefix', () => {
  const dir = join(tmpdir(), `adminduk-s3-list-${randomBytes(4).toString('hex')}`);
  let server: LocalS3Server;
  let storage: MinioObjectStorage;
  const keys = ['kk/a/1.pdf', 'kk/a/2.pdf', 'kk/ab/3.pdf', 'kk/b/x/4.pdf', 'kk/b/5.pdf', 'kk-other/6.pdf', 'top.pdf'];

  beforeAll(async () => {
    server = await startLocalS3({ port: 0, directory: dir, resetOnClose: true });
    storage = new MinioObjectStorage({ ...server, bucket: 'listing' });
    await storage.ensureBucket();
    for (const key of [...keys].reverse()) await storage.putObject(key, Readable.from([Buffer.from(key)]));
  });
  afterAll(async () => {
    await server?.close();
    await rm(dir, { recursive: true, force: true });
  });

  const listed = async (prefix: string) => (await storage.listObjects(prefix)).map((o) => o.key);

  it('lists every object under a folder, nested ones too, in key order, with sizes', async () => {
    expect(await listed('kk/a/')).toEqual(['kk/a/1.pdf', 'kk/a/2.pdf']);
    expect(await listed('kk/b/')).toEqual(['kk/b/5.pdf', 'kk/b/x/4.pdf']);
    expect(await listed('kk/')).toEqual(['kk/a/1.pdf', 'kk/a/2.pdf', 'kk/ab/3.pdf', 'kk/b/5.pdf', 'kk/b/x/4.pdf']);
    expect((await storage.listObjects('kk/a/')).map((o) => o.size)).toEqual([10, 10]);
  });

  it('a prefix ending mid-name matches names, not folders only; an absent folder lists nothing', async () => {
    expect(await listed('kk/a')).toEqual(['kk/a/1.pdf', 'kk/a/2.pdf', 'kk/ab/3.pdf']);
    expect(await listed('kk/b/x/4')).toEqual(['kk/b/x/4.pdf']);
    expect(await listed('kk/none/')).toEqual([]);
    expect(await listed('kk')).toEqual([...keys.filter((k) => k.startsWith('kk'))].sort());
    expect(await listed('')).toEqual([...keys].sort());
  });

  it('with a delimiter, folders below are common prefixes', async () => {
    const shallow = await storage.rawClient.listObjectsV2Query('listing', 'kk/b/', '', '/', 1000, '');
    expect(shallow.objects.map((o) => o.name ?? o.prefix)).toEqual(['kk/b/5.pdf', 'kk/b/x/']);
  });

  it('lists more than 1,000 objects (s3rver alone answered 500: its page token needs DES, which OpenSSL 3 refuses)', async () => {
    const many = Array.from({ length: 1001 }, (_, i) => `many/${String(i).padStart(4, '0')}`);
    for (let i = 0; i < many.length; i += 25)
      await Promise.all(many.slice(i, i + 25).map((key) => storage.putObject(key, Readable.from([Buffer.from('x')]))));
    expect(await listed('many/')).toEqual(many);
    // A version 1 listing (HEAD on the bucket runs one) keeps its max-keys: a page, not the bucket.
    const page = await storage.rawClient.listObjectsQuery('listing', 'many/', '', { MaxKeys: 3, Delimiter: '', IncludeVersion: false });
    expect(page.objects.map((o) => o.name)).toEqual(many.slice(0, 3));
    expect(page.isTruncated).toBe(true);
    expect(await storage.rawClient.bucketExists('listing')).toBe(true);
  }, 60_000);
});
