import { givenWhenThen } from '../testing/given-when-then';
import { accessLogDecider, accessLogStreamId, type AccessLogEvent, type RecordPersonalDataView } from './access-log';

const NOW = new Date('2026-11-30T03:00:00.000Z');
const given = givenWhenThen(accessLogDecider, () => ({ now: NOW }));
const APP = '0b6c2f43-5d1c-4c8e-9a53-2f1f3c0c1a11';
const DOC = '7d1f6c5e-2a3b-4c4d-8e9f-0a1b2c3d4e5f';
const operator = { userId: 'op-1', role: 'operator-kecamatan' as const, kecamatan: '35.15.12' };

const record = (over: Partial<RecordPersonalDataView['data']> = {}): RecordPersonalDataView => ({
  type: 'RecordPersonalDataView',
  data: { applicationId: APP, view: { kind: 'data' }, viewer: operator, ...over },
});
const viewed = (view: AccessLogEvent['data']['view']): AccessLogEvent => ({
  type: 'PersonalDataViewed',
  schemaVersion: 1,
  data: { applicationId: APP, view, viewer: operator, at: NOW.toISOString() },
});

describe('access log: reading personal data is recorded', () => {
  it('a staff view of the submitted data: who, what and when', () => {
    given([])
      .when(record())
      .then([viewed({ kind: 'data' })]);
  });

  it('every view is its own record, whatever came before', () => {
    const prior = [viewed({ kind: 'data' }), viewed({ kind: 'data' })];
    expect(given(prior).state.views).toBe(2);
    given(prior)
      .when(record({ view: { kind: 'scan', documentId: DOC, disposition: 'inline' } }))
      .then([viewed({ kind: 'scan', documentId: DOC, disposition: 'inline' })]);
  });

  it('keeps only the named fields (nothing else the caller adds reaches the event)', () => {
    const [e] = given([])
      .when(record({ viewer: { ...operator, name: 'Siti' } as never, view: { kind: 'data', extra: 'x' } as never }))
      .events();
    expect(e.data.viewer).toEqual(operator);
    expect(e.data.view).toEqual({ kind: 'data' });
  });

  it('the KK preview, the signed KK (its id), the receipt slip, the unmasked history and the export are views of their own', () => {
    given([])
      .when(record({ view: { kind: 'history' } }))
      .then([viewed({ kind: 'history' })]);
    given([])
      .when(record({ view: { kind: 'export', everything: true } as never }))
      .then([viewed({ kind: 'export' })]);
    given([])
      .when(record({ view: { kind: 'kk-preview' } }))
      .then([viewed({ kind: 'kk-preview' })]);
    given([])
      .when(record({ view: { kind: 'signed-kk', documentId: 'KK-3515-ABCD1234' } }))
      .then([viewed({ kind: 'signed-kk', documentId: 'KK-3515-ABCD1234' })]);
    given([])
      .when(record({ view: { kind: 'receipt' } }))
      .then([viewed({ kind: 'receipt' })]);
    given([])
      .when(record({ view: { kind: 'signed-kk', documentId: '../x' } }))
      .thenThrows({ code: 'ACCESS_DOCUMENT_INVALID', fields: ['documentId'] });
    given([])
      .when(record({ view: { kind: 'everything' } as never }))
      .thenThrows({ code: 'ACCESS_VIEW_UNKNOWN' });
  });

  it('a citizen is not a staff reader; a scan needs a document id', () => {
    given([])
      .when(record({ viewer: { userId: 'c-1', role: 'pemohon' as never } }))
      .thenThrows({ code: 'ACCESS_VIEWER_NOT_STAFF' });
    given([])
      .when(record({ view: { kind: 'scan', documentId: 'x', disposition: 'attachment' } }))
      .thenThrows({ kind: 'invalid', fields: ['documentId'] });
  });

  it('one stream per application', () => {
    expect(accessLogStreamId(APP)).toBe(`access-${APP}`);
  });
});
