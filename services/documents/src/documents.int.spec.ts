import { createHash, randomUUID } from 'node:crypto';
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { eventually } from '@adminduk/testing';
import { readAccessLog } from '@adminduk/application-commands';
import type { DocumentsApp } from './documents-app';
import { startDocumentsTestbed, type DocumentsTestbed } from './testing/documents-testbed';
import { jpegBytes, KECAMATAN, pdfBytes, pngBytes, seedApplication } from './testing/fixtures';

const MAX = 1024 * 1024; // configured limit for this suite (default is 10 MB)

describe('documents service (real S3 server, real PostgreSQL event store)', () => {
  let bed: DocumentsTestbed;
  let docs: DocumentsApp;
  let base: URL;
  let tokens: DocumentsTestbed['tokens'];
  let post: DocumentsTestbed['post'];
  let get: DocumentsTestbed['get'];
  let objectsOf: DocumentsTestbed['objectsOf'];
  let attachedOf: DocumentsTestbed['attachedOf'];
  let expectNothingLeft: DocumentsTestbed['expectNothingLeft'];

  beforeAll(async () => {
    bed = await startDocumentsTestbed({ maxUploadBytes: MAX });
    ({ docs, base, tokens, post, get, objectsOf, attachedOf, expectNothingLeft } = bed);
  });
  afterAll(() => bed?.close());

  const uploadPath = (app: string, req: string) => `/api/applications/${app}/documents/${req}`;

  /**
   * Streams `total` bytes in 64 KiB chunks, honouring back-pressure, until the server answers.
   * Returns the status and how many bytes had been handed to the socket when the answer came.
   */
  function streamUntilAnswered(
    path: string,
    token: string,
    total: number,
    headers: Record<string, string> = {},
  ): Promise<{ status: number; sentAtResponse: number; body: string }> {
    return new Promise((resolve, reject) => {
      let sent = 0;
      let answered = false;
      const req = httpRequest(new URL(path, base), {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/octet-stream', ...headers },
      });
      req.on('response', (res: IncomingMessage) => {
        answered = true;
        const sentAtResponse = sent;
        let body = '';
        res.on('data', (c) => (body += c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, sentAtResponse, body }));
        res.on('error', () => resolve({ status: res.statusCode ?? 0, sentAtResponse, body }));
      });
      req.on('error', (e) => {
        if (!answered) reject(e);
      });
      const chunk = pdfBytes(64 * 1024);
      const pump = () => {
        while (!answered && sent < total) {
          sent += chunk.length;
          if (!req.write(chunk)) return void req.once('drain', pump);
        }
        if (!answered) req.end();
      };
      pump();
    });
  }

  /** Sends `sent` of the `declared` bytes, then either half-closes ('truncate') or resets ('disconnect'). */
  function sendPartial(
    path: string,
    token: string,
    declared: number,
    sent: number,
    how: 'truncate' | 'disconnect',
  ): Promise<number | 'closed'> {
    return new Promise((resolve) => {
      const req = httpRequest(new URL(path, base), {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/octet-stream', 'content-length': String(declared) },
      });
      req.on('response', (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', () => resolve('closed'));
      req.on('close', () => resolve('closed'));
      req.write(pdfBytes(sent), () => {
        if (how === 'disconnect') req.destroy();
        else req.socket?.end();
      });
    });
  }

  describe('happy path', () => {
    it('stores the scan, records its hash and appends DocumentAttached; a replacement keeps the earlier scan', async () => {
      const app = await seedApplication(docs.store);
      const bytes = pdfBytes(300_000, 42);
      const r = await post(uploadPath(app, 'kartu-keluarga'), tokens.applicant, bytes);
      expect(r.status).toBe(201);
      const sha = createHash('sha256').update(bytes).digest('hex');
      expect(r.body).toMatchObject({
        applicationId: app,
        requirementId: 'kartu-keluarga',
        mediaType: 'application/pdf',
        sizeBytes: bytes.length,
        sha256: sha,
      });
      const documentId = String(r.body.documentId);

      const key = `${KECAMATAN}/${app}/kartu-keluarga/${documentId}`;
      const stored = Buffer.concat(await (await docs.storage.getObject(key)).toArray());
      expect(createHash('sha256').update(stored).digest('hex')).toBe(sha);

      const attached = await attachedOf(app);
      expect(attached).toHaveLength(1);
      expect(attached[0].data).toMatchObject({
        documentId,
        requirementId: 'kartu-keluarga',
        mediaType: 'application/pdf',
        sizeBytes: bytes.length,
        sha256: sha,
      });
      expect(attached[0].metadata.actor).toMatchObject({ userId: 'pemohon-1', role: 'pemohon' });

      const png = pngBytes(200, 150);
      const again = await post(uploadPath(app, 'kartu-keluarga'), tokens.applicant, png);
      expect(again.status).toBe(201);
      expect(again.body.mediaType).toBe('image/png');
      expect((await objectsOf(app)).map((o) => o.key).sort()).toEqual(
        [key, `${KECAMATAN}/${app}/kartu-keluarga/${again.body.documentId}`].sort(),
      );
      expect(await attachedOf(app)).toHaveLength(2);
    });

    it('lets the submitting village officer upload for a desa application', async () => {
      const app = await seedApplication(docs.store, { channel: 'daring-desa', submittedBy: { userId: 'desa-1', role: 'petugas-desa' } });
      const r = await post(uploadPath(app, 'surat-kelahiran'), tokens.desaOfficer, jpegBytes());
      expect(r.status).toBe(201);
      expect(r.body.mediaType).toBe('image/jpeg');
    });

    it('serves downloads only to those allowed, and records every granted one', async () => {
      const app = await seedApplication(docs.store);
      const bytes = pdfBytes(50_000, 3);
      const up = await post(uploadPath(app, 'surat-kelahiran'), tokens.applicant, bytes);
      expect(up.status).toBe(201);
      const path = `/api/documents/${up.body.documentId}`;

      for (const who of ['applicant', 'operator', 'signer', 'auditor']) {
        const r = await get(path, tokens[who]);
        expect({ who, status: r.status }).toEqual({ who, status: 200 });
        expect(r.bytes.equals(bytes)).toBe(true);
        expect(r.headers.get('content-type')).toBe('application/pdf');
        expect(r.headers.get('cache-control')).toBe('no-store, private');
        expect(r.headers.get('pragma')).toBe('no-cache');
      }
      const preview = await get(`${path}?preview=1`, tokens.operator);
      expect(preview.headers.get('content-disposition')).toMatch(/^inline;/);

      for (const who of ['otherApplicant', 'otherOperator', 'otherDesaOfficer', 'complaints']) {
        const r = await get(path, tokens[who]);
        expect({ who, status: r.status }).toEqual({ who, status: 403 });
      }
      expect((await get(path, 'not-a-token')).status).toBe(401);
      expect((await get(`/api/documents/${randomUUID()}`, tokens.auditor)).status).toBe(404);

      // Staff downloads are recorded on the application's access stream (who, what, when); the citizen's own are not.
      const log = await readAccessLog(docs.store, app);
      expect(log.map((l) => [l.viewer.userId, l.viewer.role, l.view])).toEqual([
        ['op-1', 'operator-kecamatan', { kind: 'scan', documentId: up.body.documentId, disposition: 'attachment' }],
        ['ttd-1', 'penandatangan', { kind: 'scan', documentId: up.body.documentId, disposition: 'attachment' }],
        ['aud-1', 'auditor', { kind: 'scan', documentId: up.body.documentId, disposition: 'attachment' }],
        ['op-1', 'operator-kecamatan', { kind: 'scan', documentId: up.body.documentId, disposition: 'inline' }],
      ]);
    });
  });

  describe('bad input: a clear 4xx, nothing attached, nothing left in the bucket', () => {
    it('refuses a text file named .pdf (type from magic bytes)', async () => {
      const app = await seedApplication(docs.store);
      const r = await post(
        uploadPath(app, 'kartu-keluarga'),
        tokens.applicant,
        Buffer.from('Surat ini bukan PDF, hanya bernama .pdf\n'.repeat(100)),
      );
      expect(r.status).toBe(415);
      expect(r.body.code).toBe('DOCUMENT_TYPE_NOT_ALLOWED');
      await expectNothingLeft(app);
    });

    it('refuses a zero-byte file', async () => {
      const app = await seedApplication(docs.store);
      const r = await post(uploadPath(app, 'kartu-keluarga'), tokens.applicant, Buffer.alloc(0));
      expect(r.status).toBe(400);
      expect(r.body.code).toBe('DOCUMENT_EMPTY');
      await expectNothingLeft(app);
    });

    it('refuses an oversize file by its declared length before reading it', async () => {
      const app = await seedApplication(docs.store);
      const total = 8 * MAX;
      const r = await streamUntilAnswered(uploadPath(app, 'kartu-keluarga'), tokens.applicant, total, { 'content-length': String(total) });
      expect(r.status).toBe(413);
      expect(r.sentAtResponse).toBeLessThan(total);
      await expectNothingLeft(app);
    });

    it('stops an oversize chunked upload at the limit: the client sees 413 before it has sent everything', async () => {
      const app = await seedApplication(docs.store);
      const total = 16 * MAX;
      const r = await streamUntilAnswered(uploadPath(app, 'kartu-keluarga'), tokens.applicant, total);
      expect(r.status).toBe(413);
      expect(JSON.parse(r.body).code).toBe('DOCUMENT_TOO_LARGE');
      expect(r.sentAtResponse).toBeLessThan(total);
      await expectNothingLeft(app);
    });

    it('discards a truncated upload (fewer bytes than Content-Length, then the client closes)', async () => {
      const app = await seedApplication(docs.store);
      const outcome = await sendPartial(uploadPath(app, 'kartu-keluarga'), tokens.applicant, 600_000, 200_000, 'truncate');
      expect([400, 'closed']).toContain(outcome);
      await eventually(async () => expect((await docs.repo.listForApplication(app)).map((r) => r.status)).toEqual(['discarded']));
      await expectNothingLeft(app);
    });

    it('discards the upload of a client that disconnects mid-way', async () => {
      const app = await seedApplication(docs.store);
      await sendPartial(uploadPath(app, 'kartu-keluarga'), tokens.applicant, 600_000, 300_000, 'disconnect');
      await eventually(async () => expect((await docs.repo.listForApplication(app)).map((r) => r.status)).toEqual(['discarded']));
      await expectNothingLeft(app);
    });

    it('answers 404 for an unknown application', async () => {
      const app = randomUUID();
      const r = await post(uploadPath(app, 'kartu-keluarga'), tokens.applicant, pdfBytes(1000));
      expect(r.status).toBe(404);
      expect(r.body.code).toBe('APPLICATION_NOT_FOUND');
      await expectNothingLeft(app);
    });

    it('answers 400 for a requirement not in the catalog (and for a data requirement)', async () => {
      const app = await seedApplication(docs.store);
      for (const req of ['ijazah-kuda-terbang', 'nomor-telepon-email']) {
        const r = await post(uploadPath(app, req), tokens.applicant, pdfBytes(1000));
        expect(r.status).toBe(400);
        expect(r.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'requirementId' })]));
      }
      await expectNothingLeft(app);
    });

    it('answers 409 once the application is signed', async () => {
      const app = await seedApplication(docs.store, { signed: true });
      const r = await post(uploadPath(app, 'kartu-keluarga'), tokens.applicant, pdfBytes(1000));
      expect(r.status).toBe(409);
      await expectNothingLeft(app);
    });

    it('answers 403 to users not allowed on that application', async () => {
      const app = await seedApplication(docs.store);
      for (const who of ['otherApplicant', 'otherOperator', 'desaOfficer', 'signer', 'auditor']) {
        const r = await post(uploadPath(app, 'kartu-keluarga'), tokens[who], pdfBytes(1000));
        expect({ who, status: r.status }).toEqual({ who, status: 403 });
      }
      await expectNothingLeft(app);
    });
  });

  describe('no orphans after a crash', () => {
    it('the sweeper removes objects of intents that never got attached, and adopts those that did', async () => {
      const app = await seedApplication(docs.store);
      // A crash after the PUT, before the event: intent row pending, object present.
      const orphanId = randomUUID();
      const orphanKey = `${KECAMATAN}/${app}/kartu-keluarga/${orphanId}`;
      await docs.repo.recordIntent({
        documentId: orphanId,
        applicationId: app,
        requirementId: 'kartu-keluarga',
        objectKey: orphanKey,
        uploadedBy: 'pemohon-1',
      });
      await docs.storage.putObject(orphanKey, (await import('node:stream')).Readable.from([pdfBytes(10_000)]));
      // A crash after the event, before the row was marked: must be kept.
      const up = await post(uploadPath(app, 'surat-kelahiran'), tokens.applicant, pdfBytes(2000));
      const keptId = String(up.body.documentId);
      const pool = (docs.repo as unknown as { pool: import('pg').Pool }).pool;
      await pool.query(`UPDATE documents SET status = 'pending' WHERE document_id = $1`, [keptId]);

      const young = await docs.sweeper.sweepOnce(); // a young intent may be a live upload: left alone
      expect([...young.removed, ...young.adopted]).not.toEqual(expect.arrayContaining([orphanId]));
      expect(await docs.storage.statObject(orphanKey)).not.toBeNull();

      await pool.query(`UPDATE documents SET created_at = now() - interval '2 minutes' WHERE document_id = ANY($1::uuid[])`, [
        [orphanId, keptId],
      ]);

      const result = await docs.sweeper.sweepOnce();
      expect(result.removed).toEqual([orphanId]);
      expect(result.adopted).toEqual([keptId]);
      expect((await objectsOf(app)).map((o) => o.key)).toEqual([`${KECAMATAN}/${app}/surat-kelahiran/${keptId}`]);
      expect((await docs.repo.find(orphanId))?.status).toBe('discarded');
      expect((await docs.repo.find(keptId))?.status).toBe('attached');
    });
  });
});
