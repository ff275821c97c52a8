import type { Principal } from '@adminduk/auth';
import { ApiError } from '@adminduk/http';
import type { PrintableKkRow } from '@adminduk/read-models';
import { countScope } from '../queue/print-queue.controller';
import { printableKk, requireCounterOperatorOf } from './printable-kk';

const operator: Principal = { userId: 'op-1', role: 'operator-kecamatan', kecamatan: '35.15.12' };
const row = (over: Partial<PrintableKkRow> = {}): PrintableKkRow => ({
  kecamatan: '35.15.12',
  bucket: 'to-print',
  documentId: 'doc-1',
  sha256: 'a'.repeat(64),
  documentStatus: 'valid',
  ...over,
});
const refusal = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    if (e instanceof ApiError) return { status: e.body.statusCode, code: e.body.code };
    throw e;
  }
  return undefined;
};

describe('who may print what', () => {
  it("the signed KK, to an operator of the application's kecamatan, before and after its first print", () => {
    expect(printableKk(operator, row())).toEqual({ documentId: 'doc-1', sha256: 'a'.repeat(64) });
    expect(printableKk(operator, row({ bucket: 'ready-for-pickup', documentStatus: 'superseded' }))).toMatchObject({ documentId: 'doc-1' });
  });

  it('refuses other kecamatan, other roles, unknown, unsigned, revoked and handed-over KKs', () => {
    expect(refusal(() => printableKk({ ...operator, kecamatan: '35.15.11' }, row()))).toEqual({ status: 403, code: 'PRINT_FORBIDDEN' });
    expect(refusal(() => printableKk({ userId: 'a', role: 'auditor' }, row()))).toEqual({ status: 403, code: 'PRINT_FORBIDDEN' });
    expect(refusal(() => printableKk(operator, null))).toEqual({ status: 404, code: 'APPLICATION_NOT_FOUND' });
    const unsigned = row({ bucket: 'to-sign', documentId: null, sha256: null, documentStatus: 'pending' });
    expect(refusal(() => printableKk(operator, unsigned))).toEqual({ status: 409, code: 'PRINT_NOT_SIGNED' });
    expect(refusal(() => printableKk(operator, row({ bucket: 'closed', documentStatus: 'revoked' })))).toEqual({
      status: 409,
      code: 'KK_REVOKED',
    });
    expect(refusal(() => printableKk(operator, row({ bucket: 'closed' })))).toEqual({ status: 409, code: 'PRINT_NOT_SIGNED' });
  });

  it('the receipt, to the same operators whatever the status', () => {
    expect(refusal(() => requireCounterOperatorOf(operator, '35.15.12'))).toBeUndefined();
    expect(refusal(() => requireCounterOperatorOf({ ...operator, kecamatan: '35.15.01' }, '35.15.12'))?.status).toBe(403);
    expect(refusal(() => requireCounterOperatorOf(operator, undefined))?.status).toBe(404);
  });
});

describe('whose print counts a caller sees', () => {
  it('operators their kecamatan, auditors the regency or a kecamatan in it, admins all', () => {
    expect(countScope(operator, undefined)).toEqual({ kecamatan: '35.15.12' });
    expect(countScope(operator, '35.15.12')).toEqual({ kecamatan: '35.15.12' });
    expect(refusal(() => countScope(operator, '35.15.11'))?.status).toBe(403);
    const auditor: Principal = { userId: 'au', role: 'auditor' };
    expect(countScope(auditor, undefined)).toEqual({ prefix: '35.15.' });
    expect(countScope(auditor, '35.15.11')).toEqual({ kecamatan: '35.15.11' });
    expect(refusal(() => countScope(auditor, '35.16.01'))?.status).toBe(403);
    expect(countScope({ userId: 'ad', role: 'admin' }, undefined)).toBe('all');
  });
});
