import { givenWhenThen } from '../testing/given-when-then';
import type { IkmScores } from './ikm';
import {
  surveyInvitationDecider,
  surveyResponseDecider,
  surveyResponseStreamId,
  type AnswerSurvey,
  type InviteToSurvey,
  type SurveyAnswered,
  type SurveyInvitationIssued,
} from './survey';

const NOW = new Date('2026-11-30T03:00:00.000Z');
const APP = '0b6c2f43-5d1c-4c8e-9a53-2f1f3c0c1a11';
const INVITATION = '7d1f6c5e-2a3b-4c4d-8e9f-0a1b2c3d4e5f';
const EXPIRES = new Date('2026-12-30T03:00:00.000Z');

const invite = (over: Partial<InviteToSurvey['data']> = {}): InviteToSurvey => ({
  type: 'InviteToSurvey',
  data: {
    applicationId: APP,
    invitationId: INVITATION,
    kecamatan: '35.15.12',
    serviceType: 'kk-tambah-anggota-kelahiran',
    trigger: 'collected',
    expiresAt: EXPIRES,
    ...over,
  },
});
const issued: SurveyInvitationIssued = {
  type: 'SurveyInvitationIssued',
  schemaVersion: 1,
  data: {
    applicationId: APP,
    invitationId: INVITATION,
    kecamatan: '35.15.12',
    serviceType: 'kk-tambah-anggota-kelahiran',
    trigger: 'collected',
    expiresAt: EXPIRES.toISOString(),
    at: NOW.toISOString(),
  },
};
const scores: IkmScores = {
  persyaratan: 4,
  prosedur: 3,
  waktu: 3,
  biaya: 4,
  produk: 4,
  kompetensi: 3,
  perilaku: 4,
  pengaduan: 2,
  sarana: 3,
};
const answer = (over: Partial<AnswerSurvey['data']> = {}): AnswerSurvey => ({
  type: 'AnswerSurvey',
  data: { invitationId: INVITATION, scores, ...over },
});
const answered: SurveyAnswered = {
  type: 'SurveyAnswered',
  schemaVersion: 1,
  data: { kecamatan: '35.15.12', serviceType: 'kk-tambah-anggota-kelahiran', period: '2026-11', scores, at: NOW.toISOString() },
};

describe('survey invitation', () => {
  const given = givenWhenThen(surveyInvitationDecider, () => ({ now: NOW }));

  it('invites once after the KK reaches the applicant', () => {
    given([]).when(invite()).then([issued]);
  });

  it('a second trigger (another self-print download, a redelivery) invites nobody', () => {
    given([issued])
      .when(invite({ invitationId: '11111111-2222-4333-8444-555555555555', trigger: 'self-printed' }))
      .then([]);
  });

  it('refuses an invitation that has already expired or ids that are not UUIDs', () => {
    given([])
      .when(invite({ expiresAt: NOW }))
      .thenThrows({ kind: 'invalid', code: 'SURVEY_INVITATION_INVALID' });
    given([])
      .when(invite({ invitationId: 'x' }))
      .thenThrows({ kind: 'invalid', code: 'SURVEY_INVITATION_INVALID' });
  });
});

describe('survey response', () => {
  const given = givenWhenThen(surveyResponseDecider, () => ({ now: NOW, invitation: issued.data }));

  it('records the nine scores with kecamatan, service and month, and nothing that names the applicant', () => {
    const [e] = given([]).when(answer()).then([answered]);
    expect(JSON.stringify(e)).not.toContain(APP);
    expect(JSON.stringify(e)).not.toContain(INVITATION);
  });

  it('keeps a trimmed suggestion; drops keys that are not elements', () => {
    const [e] = given([])
      .when(answer({ scores: { ...scores, nama: 'Siti' }, saran: '  Antrean di loket perlu kursi tambahan.  ' }))
      .events();
    expect((e as SurveyAnswered).data.saran).toBe('Antrean di loket perlu kursi tambahan.');
    expect(Object.keys((e as SurveyAnswered).data.scores)).toHaveLength(9);
  });

  it('refuses a second answer for the same application, clearly', () => {
    given([answered]).when(answer()).thenThrows({ kind: 'conflict', code: 'SURVEY_ALREADY_ANSWERED', message: 'sudah diisi' });
  });

  it("refuses an expired invitation and one that is not the application's", () => {
    given([]).when(answer(), { now: EXPIRES }).thenThrows({ kind: 'conflict', code: 'SURVEY_LINK_EXPIRED' });
    given([])
      .when(answer({ invitationId: '11111111-2222-4333-8444-555555555555' }))
      .thenThrows({ kind: 'not-found', code: 'SURVEY_INVITATION_UNKNOWN' });
    given([]).when(answer(), { invitation: undefined }).thenThrows({ kind: 'not-found', code: 'SURVEY_INVITATION_UNKNOWN' });
  });

  it('names every missing or out-of-range score and a bad suggestion at once', () => {
    given([])
      .when(answer({ scores: { ...scores, waktu: 5, sarana: undefined, biaya: '4' }, saran: 'NIK saya 3515120101900001' }))
      .thenThrows({ kind: 'invalid', code: 'VALIDATION_FAILED', fields: ['scores.waktu', 'scores.sarana', 'scores.biaya', 'saran'] });
    given([])
      .when(answer({ scores: null }))
      .thenThrows({ kind: 'invalid', fields: ['scores.persyaratan', 'scores.sarana'] });
    given([])
      .when(answer({ saran: 'x'.repeat(1001) }))
      .thenThrows({ kind: 'invalid', fields: ['saran'] });
    given([])
      .when(answer({ saran: 'a\u202Eb' }))
      .thenThrows({ kind: 'invalid', fields: ['saran'] });
  });

  it('the response stream id is a digest, never an application id', () => {
    expect(surveyResponseStreamId('a'.repeat(32))).toBe(`survey-response-${'a'.repeat(32)}`);
    expect(() => surveyResponseStreamId(APP)).toThrow(RangeError);
  });
});
