import { actors, given, KkScenario, sha, signatureData, SIGNER_SUBJECT } from '../testing';

const NIK_BAYI = '3515124301250001'; // girl, 3 Jan 2025, Balongbendo
const verified = (channel: 'tatap-muka' | 'daring-mandiri' = 'daring-mandiri') => new KkScenario(channel).readyToVerify().verify();
const signed = () => verified().assignNik().sign();
const at = '2025-01-06T02:00:00.000Z';
const sig = (documentId: string) => signatureData(documentId, sha(3), new Date(at));

describe('after verification: NIK, TTE, printing, self-print link, collection', () => {
  describe('newborn NIK', () => {
    it('is assigned after verification, consistent with sex and birth date', () => {
      given(verified().events)
        .when({ type: 'AssignNewbornNik', actor: actors.system, data: { nik: NIK_BAYI } })
        .then([{ type: 'NewbornNikAssigned', schemaVersion: 1, data: { nik: NIK_BAYI, at } }]);
    });

    it('refuses a NIK with the wrong sex or date, before verification, or twice', () => {
      given(verified().events)
        .when({ type: 'AssignNewbornNik', actor: actors.system, data: { nik: '3515120301250001' } })
        .thenThrows({ kind: 'invalid', fields: ['nik'] });
      given(new KkScenario('tatap-muka').submit().events)
        .when({ type: 'AssignNewbornNik', actor: actors.system, data: { nik: NIK_BAYI } })
        .thenThrows({ kind: 'conflict', code: 'NIK_NOT_VERIFIED' });
      given(verified().assignNik().events)
        .when({ type: 'AssignNewbornNik', actor: actors.system, data: { nik: '3515124301250002' } })
        .thenThrows({ kind: 'conflict', code: 'NIK_ALREADY_ASSIGNED' });
    });
  });

  describe('signing (TTE)', () => {
    it("is recorded for a verified application with the newborn's NIK", () => {
      given(verified().assignNik().events)
        .when({ type: 'RecordSignature', actor: actors.signer, data: sig('kk-1') })
        .then([
          {
            type: 'KkSigned',
            schemaVersion: 2,
            data: {
              documentId: 'kk-1',
              sha256: sha(3),
              certificateSerial: '3F1C9A52',
              signerSubject: SIGNER_SUBJECT,
              signingTime: at,
              signedBy: { userId: 'kadis-1', role: 'penandatangan' },
              at,
            },
          },
        ]);
    });

    it('never before verification', () => {
      given(new KkScenario('daring-mandiri').submit().uploadAll().acceptAll().events)
        .when({ type: 'RecordSignature', actor: actors.signer, data: sig('kk-1') })
        .thenThrows({ kind: 'conflict', code: 'SIGN_NOT_VERIFIED' });
    });

    it("not without the newborn's NIK, not twice, only by a signer, with a real checksum", () => {
      given(verified().events)
        .when({ type: 'RecordSignature', actor: actors.signer, data: sig('kk-1') })
        .thenThrows({ code: 'SIGN_NEWBORN_NIK_MISSING' });
      given(signed().events)
        .when({ type: 'RecordSignature', actor: actors.signer, data: sig('kk-2') })
        .thenThrows({ code: 'SIGN_ALREADY_SIGNED' });
      given(verified().assignNik().events)
        .when({ type: 'RecordSignature', actor: actors.operator, data: sig('kk-1') })
        .thenThrows({ kind: 'forbidden' });
      given(verified().assignNik().events)
        .when({ type: 'RecordSignature', actor: actors.signer, data: { ...sig('kk-1'), sha256: 'x' } })
        .thenThrows({ kind: 'invalid', fields: ['sha256'] });
    });
  });

  describe('collection at the kecamatan', () => {
    it('by the applicant', () => {
      given(signed().print().events)
        .when({ type: 'RecordCollection', actor: actors.operator, data: { collectorNik: '3515121203880001' } })
        .then([
          {
            type: 'KkCollected',
            schemaVersion: 1,
            data: {
              collectorNik: '3515121203880001',
              collectorIs: 'applicant',
              handedOverBy: { userId: 'op-balongbendo-1', role: 'operator-kecamatan' },
              at,
            },
          },
        ]);
    });

    it('by another member of the same KK', () => {
      const [e] = given(signed().print().events)
        .when({ type: 'RecordCollection', actor: actors.operator, data: { collectorNik: '3515125907900002' } })
        .events();
      expect(e.data).toMatchObject({ collectorIs: 'family-member' });
    });

    it('is forbidden to anyone outside the KK', () => {
      given(signed().print().events)
        .when({ type: 'RecordCollection', actor: actors.operator, data: { collectorNik: '3515121111800001' } })
        .thenThrows({ kind: 'forbidden', code: 'COLLECT_NOT_FAMILY' });
    });

    it('never before signing, nor before printing, nor with a malformed NIK', () => {
      given(verified().assignNik().events)
        .when({ type: 'RecordCollection', actor: actors.operator, data: { collectorNik: '3515121203880001' } })
        .thenThrows({ kind: 'conflict', code: 'COLLECT_NOT_SIGNED' });
      given(signed().events)
        .when({ type: 'RecordCollection', actor: actors.operator, data: { collectorNik: '3515121203880001' } })
        .thenThrows({ kind: 'conflict', code: 'COLLECT_NOT_PRINTED' });
      given(signed().print().events)
        .when({ type: 'RecordCollection', actor: actors.operator, data: { collectorNik: '123' } })
        .thenThrows({ kind: 'invalid', fields: ['collectorNik'] });
    });

    it('nothing happens after collection', () => {
      const s = signed().print();
      s.run({ type: 'RecordCollection', actor: actors.operator, data: { collectorNik: '3515121203880001' } });
      given(s.events)
        .when({ type: 'RecordPrint', actor: actors.operator, data: { workstation: 'LOKET-1' } })
        .thenThrows({ kind: 'conflict', code: 'APPLICATION_CLOSED' });
    });
  });
});
