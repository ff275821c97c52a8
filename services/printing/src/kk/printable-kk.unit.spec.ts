import type { Principal } from '@adminduk/auth';
import { domainTesting, initialState } from '@adminduk/domain';
import { ApiError } from '@adminduk/http';
import { countScope } from '../queue/print-queue.controller';
import { printableKk, requireCounterOperatorOf } from './printable-kk';

const operator: Principal = { userId: 'op-1', role: 'operator-kecamatan', kecamatan: '35.15.12' };
const signed = () => new domainTesting.KkScenario('tatap-muka').readyToVerify().verify().assignNik().sign();
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
  it("the signed KK, to an operator of the application's kecamatan", () => {
    expect(printableKk(operator, signed().state)).toEqual(signed().state.signedDocument);
  });

  it('refuses other kecamatan, other roles, unknown, unsigned, revoked and handed-over KKs', () => {
    expect(refusal(() => printableKk({ ...operator, kecamatan: '35.15.11' }, signed().state))).toEqual({
      status: 403,
      code: 'PRINT_FORBIDDEN',
    });
    expect(refusal(() => printableKk({ userId: 'a', role: 'auditor' }, signed().state))).toEqual({ status: 403, code: 'PRINT_FORBIDDEN' });
    expect(refusal(() => printableKk(operator, initialState()))).toEqual({ status: 404, code: 'APPLICATION_NOT_FOUND' });
    const verified = new domainTesting.KkScenario('tatap-muka').readyToVerify().verify().state;
    expect(refusal(() => printableKk(operator, verified))).toEqual({ status: 409, code: 'PRINT_NOT_SIGNED' });
    expect(refusal(() => printableKk(operator, signed().revoke().state))).toEqual({ status: 409, code: 'KK_REVOKED' });
    expect(refusal(() => printableKk(operator, signed().print().collect().state))).toEqual({ status: 409, code: 'PRINT_NOT_SIGNED' });
  });

  it('the receipt, to the same operators whatever the status', () => {
    expect(refusal(() => requireCounterOperatorOf(operator, signed().print().collect().state))).toBeUndefined();
    expect(refusal(() => requireCounterOperatorOf({ ...operator, kecamatan: '35.15.01' }, signed().state))?.status).toBe(403);
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
