import { fromWib } from '@adminduk/calendar';
import { actors, given, KkScenario, sha } from '../testing';
import type { CommandActor } from './actor';
import { describeStatus } from './status';

const signed = () => new KkScenario('daring-mandiri').readyToVerify().verify().assignNik().sign();
const now = fromWib(2025, 1, 8, 10);
const at = now.toISOString();
const revoke = (reason: unknown = 'KK diterbitkan karena kekeliruan data', actor: CommandActor = actors.signer) => ({
  type: 'RevokeSignedKk' as const,
  actor,
  data: { reason: reason as string },
});

describe('revoking a signed KK', () => {
  it('the penandatangan revokes a signed KK: KkRevoked names the signed document, the reason and who; the status stays', () => {
    const s = signed();
    given(s.events)
      .when(revoke('  KK diterbitkan karena kekeliruan data  '), { now })
      .then([
        {
          type: 'KkRevoked',
          schemaVersion: 1,
          data: {
            documentId: 'kk-signed-1',
            reason: 'KK diterbitkan karena kekeliruan data',
            revokedBy: { userId: 'kadis-1', role: 'penandatangan' },
            at,
          },
        },
      ]);
    const after = s.at(now).revoke().state;
    expect(after).toMatchObject({
      status: 'signed',
      revokedAt: at,
      revocation: {
        documentId: 'kk-signed-1',
        reason: 'KK diterbitkan karena kekeliruan data',
        revokedBy: { userId: 'kadis-1', role: 'penandatangan' },
      },
      signedDocument: { documentId: 'kk-signed-1', sha256: sha(999) },
    });
    expect(describeStatus(after).detail).toMatch(/dicabut/);
  });

  it('a collected or self-printed KK can still be revoked (the card was issued in error)', () => {
    const collected = signed().print().collect();
    expect(collected.state.status).toBe('collected');
    const [e] = given(collected.events).when(revoke()).events();
    expect(e).toMatchObject({ type: 'KkRevoked', data: { documentId: 'kk-signed-1' } });

    const selfPrinted = signed();
    selfPrinted.run({
      type: 'IssueSelfPrintLink',
      actor: actors.system,
      data: { linkId: '0b7c1c2e-8f3a-4d7e-9a51-3f1d2c4b5a61', expiresAt: '2026-01-01T00:00:00.000Z' },
    });
    selfPrinted.run({
      type: 'RecordSelfPrint',
      actor: actors.system,
      data: { linkId: '0b7c1c2e-8f3a-4d7e-9a51-3f1d2c4b5a61', downloadId: '9d5a3b1c-7e2f-4a6b-8c9d-0e1f2a3b4c5d' },
    });
    expect(selfPrinted.state.status).toBe('self-printed');
    expect(given(selfPrinted.events).when(revoke()).events()[0].type).toBe('KkRevoked');
  });

  it('only by the penandatangan', () => {
    const events = signed().events;
    for (const actor of [actors.operator, actors.system, actors.applicant, actors.villageOfficer]) {
      given(events).when(revoke(undefined, actor)).thenThrows({ kind: 'forbidden', code: 'AUTH_ROLE' });
    }
  });

  it('only once', () => {
    given(signed().revoke().events).when(revoke('Pencabutan kedua')).thenThrows({ kind: 'conflict', code: 'REVOKE_ALREADY_REVOKED' });
    given(signed().print().collect().revoke().events).when(revoke()).thenThrows({ kind: 'conflict', code: 'REVOKE_ALREADY_REVOKED' });
  });

  it('never before signing, nor for an application closed unsigned, nor for an unknown one', () => {
    given(new KkScenario('daring-mandiri').readyToVerify().verify().assignNik().events)
      .when(revoke())
      .thenThrows({ kind: 'conflict', code: 'REVOKE_NOT_SIGNED' });
    given(new KkScenario('tatap-muka').submit().events).when(revoke()).thenThrows({ kind: 'conflict', code: 'REVOKE_NOT_SIGNED' });
    const withdrawn = new KkScenario('daring-mandiri').readyToVerify();
    withdrawn.run({ type: 'WithdrawApplication', actor: actors.applicant, data: {} });
    given(withdrawn.events).when(revoke()).thenThrows({ kind: 'conflict', code: 'REVOKE_NOT_SIGNED' });
    given([]).when(revoke()).thenThrows({ kind: 'not-found', code: 'APPLICATION_NOT_FOUND' });
  });

  it('needs an Indonesian reason of 3 to 500 characters without a NIK or No. KK', () => {
    const events = signed().events;
    for (const bad of [null, 42, '', '  ab  ', 'x'.repeat(501)]) {
      given(events)
        .when(revoke(bad))
        .thenThrows({ kind: 'invalid', code: 'VALIDATION_FAILED', fields: ['reason'] });
    }
    given(events)
      .when({ ...revoke(), data: {} as { reason: string } })
      .thenThrows({ kind: 'invalid', fields: ['reason'] });
    given(events)
      .when(revoke('Data anggota 3515121203880001 keliru'))
      .thenThrows({ kind: 'invalid', fields: ['reason'], message: 'NIK' });
    given(events).when(revoke('abc')).events();
    given(events)
      .when(revoke('x'.repeat(500)))
      .events();
  });

  it('a revoked KK is no longer printed, linked for self-print, self-printed or handed over', () => {
    given(signed().revoke().events)
      .when({ type: 'RecordPrint', actor: actors.operator, data: { workstation: 'LOKET-1' } })
      .thenThrows({ kind: 'conflict', code: 'KK_REVOKED' });
    given(signed().revoke().events)
      .when({
        type: 'IssueSelfPrintLink',
        actor: actors.system,
        data: { linkId: '5e0f8f0a-2b1c-4c3d-8e9f-0a1b2c3d4e5f', expiresAt: '2026-01-01T00:00:00.000Z' },
      })
      .thenThrows({ kind: 'conflict', code: 'KK_REVOKED' });
    const linked = signed();
    linked.run({
      type: 'IssueSelfPrintLink',
      actor: actors.system,
      data: { linkId: '0b7c1c2e-8f3a-4d7e-9a51-3f1d2c4b5a61', expiresAt: '2026-01-01T00:00:00.000Z' },
    });
    given(linked.revoke().events)
      .when({
        type: 'RecordSelfPrint',
        actor: actors.system,
        data: { linkId: '0b7c1c2e-8f3a-4d7e-9a51-3f1d2c4b5a61', downloadId: '9d5a3b1c-7e2f-4a6b-8c9d-0e1f2a3b4c5d' },
      })
      .thenThrows({ kind: 'conflict', code: 'KK_REVOKED' });
    given(signed().print().revoke().events)
      .when({ type: 'RecordCollection', actor: actors.operator, data: { collectorNik: '3515121203880001' } })
      .thenThrows({ kind: 'conflict', code: 'KK_REVOKED' });
  });
});
