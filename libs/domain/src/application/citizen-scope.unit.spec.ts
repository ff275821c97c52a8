import { actors, family, given, KkScenario, submitCommand } from '../testing';
import type { CommandActor } from './actor';
import { applicationNiks, isPartyTo } from './parties';

/** A citizen's login is bound to a NIK: they submit and act only for a family their NIK is on. */

const NOT_IN_FAMILY = { kind: 'forbidden', code: 'AUTH_NOT_IN_FAMILY' } as const;
const withoutNik: CommandActor = { userId: 'warga-1', role: 'pemohon' };

describe('the people an application is about', () => {
  it('are the applicant and every family member, once each', () => {
    const data = submitCommand('daring-mandiri').data;
    expect(applicationNiks(data)).toEqual(['3515121203880001', '3515125907900002', '3515120505150003']);
    expect(isPartyTo(actors.familyMember.nik, data)).toBe(true);
    expect(isPartyTo(actors.otherApplicant.nik, data)).toBe(false);
    expect(isPartyTo(undefined, data)).toBe(false);
    expect(isPartyTo('', { family: { anggota: [{ nik: '' }] } })).toBe(false);
  });

  it('are read from malformed data without throwing', () => {
    expect(applicationNiks({})).toEqual([]);
    expect(applicationNiks({ applicant: { nik: 7 }, family: { anggota: [null, 'x', { nik: '3515125907900002' }] } })).toEqual([
      '3515125907900002',
    ]);
    expect(applicationNiks({ family: { anggota: 'not a list' } })).toEqual([]);
  });
});

describe('online submission by a citizen', () => {
  it('is accepted from the applicant and from a family member on it', () => {
    expect(given([]).when(submitCommand('daring-mandiri')).events()[0].type).toBe('ApplicationSubmitted');
    expect(
      given([])
        .when(submitCommand('daring-mandiri', {}, actors.familyMember))
        .events()[0].type,
    ).toBe('ApplicationSubmitted');
  });

  it('is refused (403, nothing decided) for a family the citizen is not in', () => {
    given([])
      .when(submitCommand('daring-mandiri', {}, actors.otherApplicant))
      .thenThrows(NOT_IN_FAMILY);
    given([])
      .when(submitCommand('daring-mandiri', {}, withoutNik))
      .thenThrows(NOT_IN_FAMILY);
  });

  it('is refused before validation, so a foreign family with bad data still answers 403', () => {
    const f = family();
    given([])
      .when(submitCommand('daring-mandiri', { family: { ...f, noKk: 'x' } }, actors.otherApplicant))
      .thenThrows(NOT_IN_FAMILY);
  });

  it('does not bind staff: the counter and the village officer submit for any family of their area', () => {
    expect(given([]).when(submitCommand('tatap-muka')).events()[0].type).toBe('ApplicationSubmitted');
    expect(given([]).when(submitCommand('daring-desa')).events()[0].type).toBe('ApplicationSubmitted');
  });

  it('never puts the NIK of the login into the events (only userId and role)', () => {
    const [submitted] = given([])
      .when(submitCommand('daring-mandiri', {}, actors.familyMember))
      .events();
    expect((submitted.data as { submittedBy: unknown }).submittedBy).toEqual({ userId: 'warga-3', role: 'pemohon' });
  });
});

describe('a citizen’s commands on an online application', () => {
  const correctionAwaited = () => new KkScenario('daring-mandiri').submit().uploadAll().reject('kartu-keluarga').requestCorrection();

  it('are allowed to the applicant and to a family member on it', () => {
    const withdrawn = given(new KkScenario('daring-mandiri').submit().events)
      .when({ type: 'WithdrawApplication', actor: actors.familyMember, data: {} })
      .events();
    expect(withdrawn.map((e) => e.type)).toEqual(['ApplicationWithdrawn']);
    const upload = {
      documentId: 'kk-2',
      requirementId: 'kartu-keluarga',
      mediaType: 'application/pdf',
      sizeBytes: 9,
      sha256: 'a'.repeat(64),
    };
    expect(
      given(correctionAwaited().events)
        .when({ type: 'AttachDocument', actor: actors.familyMember, data: upload })
        .events()
        .map((e) => e.type),
    ).toEqual(['DocumentAttached']);
  });

  it('are refused (403) to a citizen not on it, and to a citizen token without a NIK', () => {
    const submitted = new KkScenario('daring-mandiri').submit().events;
    for (const actor of [actors.otherApplicant, withoutNik]) {
      given(submitted).when({ type: 'WithdrawApplication', actor, data: {} }).thenThrows({ kind: 'forbidden', code: 'AUTH_NOT_APPLICANT' });
      given(correctionAwaited().events)
        .when({ type: 'SubmitCorrection', actor, data: {} })
        .thenThrows({ kind: 'forbidden', code: 'AUTH_NOT_APPLICANT' });
    }
  });

  it('do not reach a counter application, which the citizen may only see', () => {
    given(new KkScenario('tatap-muka').submit().events)
      .when({ type: 'WithdrawApplication', actor: actors.applicant, data: {} })
      .thenThrows({ kind: 'forbidden', code: 'AUTH_ROLE' });
  });
});
