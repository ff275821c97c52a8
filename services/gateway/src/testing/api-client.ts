import { createHash, randomUUID } from 'node:crypto';
import { pdfBytes as validPdf } from '@adminduk/documents/testing';

export interface ApiResponse<T = any> {
  status: number;
  body: T;
}

/** A small client for the platform's HTTP API in end-to-end tests: one user, fresh idempotency keys. */
export class ApiClient {
  constructor(
    private readonly baseUrl: string,
    private readonly token: string,
  ) {}

  async get<T = any>(path: string): Promise<ApiResponse<T>> {
    const res = await fetch(`${this.baseUrl}${path}`, { headers: { authorization: `Bearer ${this.token}` } });
    return { status: res.status, body: (await res.json()) as T };
  }

  async post<T = any>(path: string, body: unknown = {}, idempotencyKey: string = randomUUID()): Promise<ApiResponse<T>> {
    const res = await fetch(`${this.baseUrl}${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${this.token}`, 'content-type': 'application/json', 'idempotency-key': idempotencyKey },
      body: JSON.stringify(body),
    });
    return { status: res.status, body: (await res.json()) as T };
  }

  /** A scan upload to the documents service (raw bytes, streamed by the service). */
  async upload<T = any>(documentsUrl: string, applicationId: string, requirementId: string, bytes: Buffer): Promise<ApiResponse<T>> {
    const res = await fetch(`${documentsUrl}/api/applications/${applicationId}/documents/${requirementId}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${this.token}`, 'content-type': 'application/octet-stream' },
      body: bytes,
    });
    return { status: res.status, body: (await res.json()) as T };
  }
}

/** A small valid one-page PDF (the documents service parses every upload); `label` varies the bytes. */
export function pdfBytes(label: string): Buffer {
  const digest = createHash('sha256').update(label).digest();
  return validPdf(2048 + digest[0], 0x41 + (digest[1] % 26));
}
