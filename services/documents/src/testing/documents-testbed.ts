import type { AddressInfo } from 'node:net';
import { applicationStreamId } from '@adminduk/domain';
import type { RecordedEvent } from '@adminduk/event-store';
import { createLogger } from '@adminduk/observability';
import { startTestS3, type TestS3 } from '@adminduk/storage';
import { createTestSchema, eventually, testRateLimits, uniqueId, type TestSchema } from '@adminduk/testing';
import { createDocumentsApp, type DocumentsApp } from '../documents-app';
import type { DocumentsConfig } from '../documents.config';
import { APPLICANT_NIK, DESA, KECAMATAN } from './fixtures';
import { startTestIssuer, type TestIssuer } from './test-issuer';

export interface Reply {
  status: number;
  headers: Headers;
  body: Record<string, unknown>;
}

/** Who the suites act as; each name has a token in `tokens`. */
const PEOPLE: Record<string, Parameters<TestIssuer['token']>[0]> = {
  applicant: { sub: 'pemohon-1', role: 'pemohon', nik: APPLICANT_NIK },
  otherApplicant: { sub: 'pemohon-2', role: 'pemohon', nik: '3515011505850003' },
  desaOfficer: { sub: 'desa-1', role: 'petugas-desa', desa: DESA },
  otherDesaOfficer: { sub: 'desa-2', role: 'petugas-desa', desa: DESA },
  operator: { sub: 'op-1', role: 'operator-kecamatan', kecamatan: KECAMATAN },
  otherOperator: { sub: 'op-9', role: 'operator-kecamatan', kecamatan: '35.15.01' },
  signer: { sub: 'ttd-1', role: 'penandatangan' },
  auditor: { sub: 'aud-1', role: 'auditor' },
  complaints: { sub: 'adu-1', role: 'petugas-pengaduan' },
};

export interface DocumentsTestbed {
  docs: DocumentsApp;
  base: URL;
  tokens: Record<keyof typeof PEOPLE, string>;
  uploadPath(applicationId: string, requirementId: string): string;
  post(path: string, token: string, body: Buffer): Promise<Reply>;
  get(path: string, token: string): Promise<{ status: number; bytes: Buffer; headers: Headers }>;
  objectsOf(applicationId: string): ReturnType<DocumentsApp['storage']['listObjects']>;
  attachedOf(applicationId: string): Promise<RecordedEvent[]>;
  /** No object, no DocumentAttached, no intent row other than discarded (clean-up may trail the answer). */
  expectNothingLeft(applicationId: string): Promise<void>;
  close(): Promise<void>;
}

/** A documents service on its own schema, S3 server (real, see startTestS3) and token issuer. */
export async function startDocumentsTestbed(
  overrides: Partial<Pick<DocumentsConfig, 'maxUploadBytes' | 'contentCheck' | 'rateLimits'>> = {},
): Promise<DocumentsTestbed> {
  let schema: TestSchema | undefined;
  let s3: TestS3 | undefined;
  let issuer: TestIssuer | undefined;
  let docs: DocumentsApp | undefined;
  const close = async () => {
    await docs?.close();
    await Promise.all([s3?.close(), issuer?.close()]);
    await schema?.drop();
  };
  try {
    [schema, s3, issuer] = await Promise.all([createTestSchema('docs'), startTestS3(), startTestIssuer()]);
    if (s3.note) process.stderr.write(`[s3] ${s3.note}\n`);
    docs = await createDocumentsApp(
      {
        port: 0,
        databaseUrl: schema.url,
        auth: { jwksUrl: issuer.jwksUrl, issuer: issuer.issuer, audience: issuer.audience },
        storage: {
          endpoint: s3.endpoint,
          accessKey: s3.accessKey,
          secretKey: s3.secretKey,
          bucket: uniqueId('docs').replace(/_/g, '-').toLowerCase(),
        },
        maxUploadBytes: overrides.maxUploadBytes ?? 1024 * 1024,
        uploadTimeoutMs: 30_000,
        orphanMaxAgeMs: 60_000,
        sweepIntervalMs: 0,
        contentCheck: overrides.contentCheck ?? { maxImageMegapixels: 25, concurrency: 2, timeoutMs: 30_000 },
        rateLimits: overrides.rateLimits ?? testRateLimits,
        logLevel: 'silent',
      },
      createLogger({ service: 'documents-test', level: 'silent' }),
    );
    await docs.app.listen(0, '127.0.0.1');
  } catch (e) {
    await close();
    throw e;
  }
  const app = docs;
  const base = new URL(`http://127.0.0.1:${(app.app.getHttpServer().address() as AddressInfo).port}`);
  const tokens: Record<string, string> = {};
  for (const [name, claims] of Object.entries(PEOPLE)) tokens[name] = await issuer.token(claims);

  const objectsOf = (id: string) => app.storage.listObjects(`${KECAMATAN}/${id}/`);
  const attachedOf = async (id: string) =>
    (await app.store.readStream(applicationStreamId(id))).filter((e) => e.type === 'DocumentAttached');
  return {
    docs: app,
    base,
    tokens,
    uploadPath: (id, requirement) => `/api/applications/${id}/documents/${requirement}`,
    async post(path, token, body) {
      const res = await fetch(new URL(path, base), {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/octet-stream' },
        body,
      });
      return { status: res.status, headers: res.headers, body: (await res.json()) as Record<string, unknown> };
    },
    async get(path, token) {
      const res = await fetch(new URL(path, base), { headers: { authorization: `Bearer ${token}` } });
      return { status: res.status, bytes: Buffer.from(await res.arrayBuffer()), headers: res.headers };
    },
    objectsOf,
    attachedOf,
    async expectNothingLeft(id) {
      await eventually(async () => {
        expect(await objectsOf(id)).toEqual([]);
        expect(await attachedOf(id)).toEqual([]);
        const rows = await app.repo.listForApplication(id);
        expect(rows.filter((r) => r.status !== 'discarded')).toEqual([]);
      });
    },
    close,
  };
}
