import { fromWib } from '@adminduk/calendar';
import { actors, given, KkScenario, sha } from '../testing';

const op = { userId: 'op-balongbendo-1', role: 'operator-kecamatan' as const };

/** Online file, complete, KTP-el rejected; correction requested Monday 6 Jan 2025 15:00 WIB. */
function correctionAwaited(channel: 'daring-mandiri' | 'daring-desa' = 'daring-mandiri') {
  const s = new KkScenario(channel).submit().uploadAll().reject('ktp-el-orang-tua', 'KTP-el ibu terpotong');
  s.at(fromWib(2025, 1, 6, 15)).requestCorrection();
  return s;
}
const DUE = fromWib(2025, 1, 7, 12);

describe('correction', () => {
  describe('request', () => {
    it('lists what to fix and is due 12:00 WIB the next calendar day', () => {
      const s = new KkScenario('daring-mandiri').submit().uploadAll().reject('ktp-el-orang-tua', 'KTP-el ibu terpotong');
      s.run({
        type: 'RejectData',
        actor: actors.operator,
        data: { issues: [{ field: 'newborn.jamLahir', reason: 'Tidak sesuai surat kelahiran' }] },
      });
      const now = fromWib(2025, 1, 10, 16); // Friday: due Saturday noon, calendar day
      given(s.events)
        .when({ type: 'RequestCorrection', actor: actors.operator, data: {} }, { now })
        .then([
          {
            type: 'CorrectionRequested',
            schemaVersion: 1,
            data: {
              items: [
                { requirementId: 'ktp-el-orang-tua', reason: 'KTP-el ibu terpotong' },
                { requirementId: 'data', field: 'newborn.jamLahir', reason: 'Tidak sesuai surat kelahiran' },
              ],
              requestedBy: op,
              dueAt: fromWib(2025, 1, 11, 12).toISOString(),
              at: now.toISOString(),
            },
          },
        ]);
    });

    it('refuses when nothing was found wrong', () => {
      given(new KkScenario('daring-desa').submit().uploadAll().events)
        .when({ type: 'RequestCorrection', actor: actors.operator, data: {} })
        .thenThrows({ kind: 'conflict', code: 'CORRECTION_NOTHING_TO_FIX' });
    });

    it('refuses a second request while one is awaited', () => {
      given(correctionAwaited().events)
        .when({ type: 'RequestCorrection', actor: actors.operator, data: {} })
        .thenThrows({ kind: 'conflict', code: 'VERIFICATION_NOT_POSSIBLE' });
    });
  });

  describe('submitted in time', () => {
    it('is accepted once the flagged requirement is uploaded again, and goes back to verification', () => {
      const s = correctionAwaited()
        .at(fromWib(2025, 1, 7, 8))
        .upload('ktp-el-orang-tua');
      const now = fromWib(2025, 1, 7, 11, 59);
      given(s.events)
        .when({ type: 'SubmitCorrection', actor: actors.applicant, data: {} }, { now })
        .then([
          {
            type: 'CorrectionSubmitted',
            schemaVersion: 1,
            data: { submittedBy: { userId: 'warga-1', role: 'pemohon' }, changes: {}, at: now.toISOString() },
          },
        ]);
      s.at(now).run({ type: 'SubmitCorrection', actor: actors.applicant, data: {} });
      expect(s.state.status).toBe('submitted');
      expect(s.state.requirements.find((r) => r.id === 'ktp-el-orang-tua')?.decision).toBe('pending');
      expect(s.state.pauses).toEqual([{ from: fromWib(2025, 1, 6, 15).toISOString(), to: now.toISOString() }]);
    });

    it('at exactly 12:00 WIB is still in time', () => {
      const s = correctionAwaited()
        .at(fromWib(2025, 1, 7, 8))
        .upload('ktp-el-orang-tua');
      expect(given(s.events).when({ type: 'SubmitCorrection', actor: actors.applicant, data: {} }, { now: DUE }).events()).toHaveLength(1);
    });

    it('carries corrected data, validated', () => {
      const s = new KkScenario('daring-mandiri').submit().uploadAll();
      s.run({
        type: 'RejectData',
        actor: actors.operator,
        data: { issues: [{ field: 'applicant.telepon', reason: 'Nomor tidak aktif' }] },
      });
      s.requestCorrection();
      const changes = { applicant: { telepon: '085711112222' } };
      const [e] = given(s.events).when({ type: 'SubmitCorrection', actor: actors.applicant, data: { changes } }).events();
      expect(e.data).toMatchObject({ changes });
      given(s.events)
        .when({ type: 'SubmitCorrection', actor: actors.applicant, data: {} })
        .thenThrows({ kind: 'invalid', fields: ['changes'] });
      given(s.events)
        .when({ type: 'SubmitCorrection', actor: actors.applicant, data: { changes: { applicant: { telepon: '12' } } } })
        .thenThrows({ kind: 'invalid', fields: ['changes.applicant.telepon'] });
      given(s.events)
        .when({ type: 'SubmitCorrection', actor: actors.applicant, data: { changes: { newborn: { nikIbu: '3515124101900001' } } } })
        .thenThrows({ kind: 'invalid', fields: ['changes.newborn.nikIbu'] });
      s.run({ type: 'SubmitCorrection', actor: actors.applicant, data: { changes } });
      expect(s.state.applicant?.telepon).toBe('085711112222');
      expect(s.state.dataVerification.decision).toBe('pending');
    });

    it("via the village officer of the family's desa only", () => {
      const s = correctionAwaited('daring-desa')
        .at(fromWib(2025, 1, 7, 8))
        .upload('ktp-el-orang-tua');
      expect(given(s.events).when({ type: 'SubmitCorrection', actor: actors.villageOfficer, data: {} }).events()).toHaveLength(1);
      given(s.events)
        .when({ type: 'SubmitCorrection', actor: actors.villageOfficerElsewhere, data: {} })
        .thenThrows({ kind: 'forbidden', code: 'AUTH_DESA' });
    });

    it('refuses before the flagged scan is uploaded again', () => {
      const e = given(correctionAwaited().events)
        .when({ type: 'SubmitCorrection', actor: actors.applicant, data: {} }, { now: fromWib(2025, 1, 7, 9) })
        .thenThrows({ kind: 'conflict', code: 'CORRECTION_INCOMPLETE' });
      expect(e.message).toMatch(/Hasil Scan KTP-el orang tua/);
    });

    it('refuses uploads for requirements that were not flagged', () => {
      given(correctionAwaited().events)
        .when({
          type: 'AttachDocument',
          actor: actors.applicant,
          data: { documentId: 'z', requirementId: 'kartu-keluarga', mediaType: 'application/pdf', sizeBytes: 5, sha256: sha(5) },
        })
        .thenThrows({ kind: 'conflict', code: 'DOCUMENT_NOT_REQUESTED' });
    });

    it('refuses a correction when none is requested', () => {
      given(new KkScenario('daring-mandiri').submit().events)
        .when({ type: 'SubmitCorrection', actor: actors.applicant, data: {} })
        .thenThrows({ kind: 'conflict', code: 'CORRECTION_NOT_REQUESTED' });
    });
  });

  describe('deadline missed -> berkas dikembalikan', () => {
    const late = new Date(DUE.getTime() + 60_000);

    it('refuses the correction after 12:00 WIB', () => {
      const s = correctionAwaited()
        .at(fromWib(2025, 1, 7, 8))
        .upload('ktp-el-orang-tua');
      given(s.events)
        .when({ type: 'SubmitCorrection', actor: actors.applicant, data: {} }, { now: new Date(DUE.getTime() + 1) })
        .thenThrows({ kind: 'conflict', code: 'CORRECTION_DEADLINE_PASSED' });
    });

    it('returns the file with the reason', () => {
      given(correctionAwaited().events)
        .when({ type: 'ReturnFileAfterMissedDeadline', actor: actors.system, data: {} }, { now: late })
        .then([
          {
            type: 'FileReturned',
            schemaVersion: 1,
            data: {
              reasonCode: 'correction-deadline-missed',
              reason: 'Persyaratan yang tidak sesuai tidak diperbaiki sampai batas waktu pukul 12.00 WIB.',
              items: [{ requirementId: 'ktp-el-orang-tua', reason: 'KTP-el ibu terpotong' }],
              returnedBy: { userId: 'deadline-scheduler', role: 'system' },
              at: late.toISOString(),
            },
          },
        ]);
    });

    it("refuses before the deadline and for another kecamatan's operator", () => {
      given(correctionAwaited().events)
        .when({ type: 'ReturnFileAfterMissedDeadline', actor: actors.system, data: {} }, { now: DUE })
        .thenThrows({ kind: 'conflict', code: 'CORRECTION_DEADLINE_NOT_PASSED' });
      given(correctionAwaited().events)
        .when({ type: 'ReturnFileAfterMissedDeadline', actor: actors.operatorElsewhere, data: {} }, { now: late })
        .thenThrows({ kind: 'forbidden' });
    });

    it('refuses when the correction came in time (exactly once)', () => {
      const s = correctionAwaited()
        .at(fromWib(2025, 1, 7, 8))
        .upload('ktp-el-orang-tua');
      s.run({ type: 'SubmitCorrection', actor: actors.applicant, data: {} });
      given(s.events)
        .when({ type: 'ReturnFileAfterMissedDeadline', actor: actors.system, data: {} }, { now: late })
        .thenThrows({ kind: 'conflict', code: 'CORRECTION_NOT_REQUESTED' });
      const returned = correctionAwaited();
      returned.at(late).run({ type: 'ReturnFileAfterMissedDeadline', actor: actors.system, data: {} });
      given(returned.events)
        .when({ type: 'ReturnFileAfterMissedDeadline', actor: actors.system, data: {} }, { now: late })
        .thenThrows({ kind: 'conflict', code: 'APPLICATION_CLOSED' });
    });
  });
});
