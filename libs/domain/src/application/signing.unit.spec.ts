import { actors, given, KkScenario, sha, signatureData } from '../testing';
import { evolve, initialState, upcastApplicationEvent, type ApplicationEvent } from './application.events';

const at = '2025-01-06T02:00:00.000Z';
const awaitingSignature = () => new KkScenario('daring-mandiri').readyToVerify().verify().assignNik();
const failure = (reasonCode = 'SIGNER_UNREACHABLE', retryable = true) => ({
  type: 'RecordSigningFailure' as const,
  actor: actors.system,
  data: { reasonCode, reason: 'Layanan TTE tidak dapat dihubungi', retryable },
});
const sign = (documentId = 'kk-1', over: Partial<ReturnType<typeof signatureData>> = {}) => ({
  type: 'RecordSignature' as const,
  actor: actors.signer,
  data: { ...signatureData(documentId, sha(3), new Date(at)), ...over },
});

describe('signing failures and retries', () => {
  it('a failed attempt is recorded with its reason; the application still awaits signature', () => {
    const g = given(awaitingSignature().events);
    g.when(failure()).then([
      {
        type: 'KkSigningFailed',
        schemaVersion: 1,
        data: {
          reasonCode: 'SIGNER_UNREACHABLE',
          reason: 'Layanan TTE tidak dapat dihubungi',
          retryable: true,
          attemptedBy: { userId: 'deadline-scheduler', role: 'system' },
          at,
        },
      },
    ]);
    const after = awaitingSignature().signingFails('BAD_PASSPHRASE', false).state;
    expect(after).toMatchObject({
      status: 'awaiting-signature',
      signingFailures: 1,
      lastSigningFailure: { reasonCode: 'BAD_PASSPHRASE', retryable: false },
    });
  });

  it('signing after failures succeeds, and the last failure is cleared', () => {
    const s = awaitingSignature().signingFails().signingFails('BAD_PASSPHRASE', false);
    const [signed] = given(s.events).when(sign()).events();
    expect(signed.type).toBe('KkSigned');
    const state = [...s.events, signed].reduce(evolve, initialState());
    expect(state).toMatchObject({
      status: 'signed',
      signingFailures: 2,
      lastSigningFailure: undefined,
      signedDocument: { documentId: 'kk-1', sha256: sha(3) },
    });
  });

  it('is refused once signed, before verification, without the newborn NIK', () => {
    given(awaitingSignature().sign().events).when(failure()).thenThrows({ kind: 'conflict', code: 'SIGN_ALREADY_SIGNED' });
    given(new KkScenario('daring-mandiri').submit().events).when(failure()).thenThrows({ kind: 'conflict', code: 'SIGN_NOT_VERIFIED' });
    given(new KkScenario('daring-mandiri').readyToVerify().verify().events)
      .when(failure())
      .thenThrows({ kind: 'conflict', code: 'SIGN_NEWBORN_NIK_MISSING' });
  });

  it('is recorded only by the signer or the system, with a code, a reason and the retry flag', () => {
    const events = awaitingSignature().events;
    given(events)
      .when({ ...failure(), actor: actors.operator })
      .thenThrows({ kind: 'forbidden', code: 'AUTH_ROLE' });
    given(events)
      .when({ ...failure(), actor: actors.signer })
      .events();
    given(events)
      .when({ ...failure(), data: { reasonCode: 'bad code', reason: ' ', retryable: 'yes' as unknown as boolean } })
      .thenThrows({ kind: 'invalid', fields: ['reasonCode', 'reason', 'retryable'] });
  });

  it('a closed application records no failure', () => {
    const withdrawn = new KkScenario('daring-mandiri').readyToVerify();
    withdrawn.run({ type: 'WithdrawApplication', actor: actors.applicant, data: {} });
    given(withdrawn.events).when(failure()).thenThrows({ kind: 'conflict', code: 'APPLICATION_CLOSED' });
  });
});

describe('KkSigned v2: what the signature says', () => {
  it('needs the certificate serial, the signer subject and a signing time not in the future', () => {
    const events = awaitingSignature().events;
    given(events)
      .when(sign('kk-1', { certificateSerial: 'zz' }))
      .thenThrows({ kind: 'invalid', fields: ['certificateSerial'] });
    given(events)
      .when(sign('kk-1', { signerSubject: '' }))
      .thenThrows({ kind: 'invalid', fields: ['signerSubject'] });
    given(events)
      .when(sign('kk-1', { signingTime: 'kemarin' }))
      .thenThrows({ kind: 'invalid', fields: ['signingTime'] });
    given(events)
      .when(sign('kk-1', { signingTime: '2025-01-06T03:00:00.000Z' }))
      .thenThrows({ kind: 'invalid', fields: ['signingTime'] });
    // A few minutes of clock skew between the signer and this host are tolerated.
    given(events)
      .when(sign('kk-1', { signingTime: '2025-01-06T02:04:00.000Z' }))
      .events();
  });

  it('never twice, even with a failure in between', () => {
    given(awaitingSignature().signingFails().sign().events)
      .when(sign('kk-2'))
      .thenThrows({ kind: 'conflict', code: 'SIGN_ALREADY_SIGNED' });
  });

  it('a stored v1 event is upcast: the signature facts it never had are null, the signing time is its `at`', () => {
    const v1 = {
      type: 'KkSigned',
      schemaVersion: 1,
      data: { documentId: 'kk-old', sha256: sha(5), signedBy: { userId: 'ttd-1', role: 'penandatangan' }, at },
    } as unknown as ApplicationEvent;
    expect(upcastApplicationEvent(v1)).toEqual({
      type: 'KkSigned',
      schemaVersion: 2,
      data: {
        documentId: 'kk-old',
        sha256: sha(5),
        certificateSerial: null,
        signerSubject: null,
        signingTime: at,
        signedBy: { userId: 'ttd-1', role: 'penandatangan' },
        at,
      },
    });
    const state = [...awaitingSignature().events, v1].reduce(evolve, initialState());
    expect(state).toMatchObject({ status: 'signed', signedDocument: { documentId: 'kk-old', sha256: sha(5) } });
    const current = awaitingSignature().sign().events.at(-1) as ApplicationEvent;
    expect(upcastApplicationEvent(current)).toBe(current);
  });
});
