import { selfPrintRefusalPage } from './self-print-page';

describe('self-print refusal pages', () => {
  it('the storage down (503) says when to come back; a refusal that will not change does not', () => {
    expect(selfPrintRefusalPage('unavailable')).toMatchObject({ status: 503, retryAfterSeconds: 5 });
    for (const refusal of ['invalid', 'expired', 'superseded', 'revoked', 'collected'] as const)
      expect(selfPrintRefusalPage(refusal).retryAfterSeconds).toBeUndefined();
  });
});
