import { fromWib } from '@adminduk/calendar';
import { actors, given, KkScenario, sha } from '../testing';

const op = { userId: 'op-balongbendo-1', role: 'operator-kecamatan' as const };

describe('verification by the kecamatan operator', () => {
  const complete = () => new KkScenario('daring-mandiri').submit().uploadAll();

  describe('uploads (document attached)', () => {
    it('attaches a scan to a requirement, and the last missing one completes the file', () => {
      const s = new KkScenario('daring-mandiri').submit();
      ['kartu-keluarga', 'surat-kelahiran', 'formulir-f101-f102', 'ktp-el-orang-tua', 'buku-nikah-akta-perkawinan'].forEach((r) =>
        s.upload(r),
      );
      const now = fromWib(2025, 1, 6, 14);
      given(s.events)
        .when(
          {
            type: 'AttachDocument',
            actor: actors.applicant,
            data: {
              documentId: 'doc-x',
              requirementId: 'surat-pengantar-rt-rw',
              mediaType: 'image/jpeg',
              sizeBytes: 512_000,
              sha256: sha(42),
            },
          },
          { now },
        )
        .then([
          {
            type: 'DocumentAttached',
            schemaVersion: 1,
            data: {
              documentId: 'doc-x',
              requirementId: 'surat-pengantar-rt-rw',
              mediaType: 'image/jpeg',
              sizeBytes: 512_000,
              sha256: sha(42),
              attachedBy: { userId: 'warga-1', role: 'pemohon' },
              at: now.toISOString(),
            },
          },
          { type: 'FileCompleted', schemaVersion: 1, data: { at: now.toISOString() } },
        ]);
    });

    it('refuses an upload by someone else than the applicant who submitted', () => {
      given(complete().events)
        .when({
          type: 'AttachDocument',
          actor: actors.otherApplicant,
          data: { documentId: 'd', requirementId: 'ijazah', mediaType: 'application/pdf', sizeBytes: 1, sha256: sha(1) },
        })
        .thenThrows({ kind: 'forbidden', code: 'AUTH_NOT_APPLICANT' });
    });

    it('refuses a bad file description, naming each field', () => {
      given(complete().events)
        .when({
          type: 'AttachDocument',
          actor: actors.applicant,
          data: {
            documentId: '',
            requirementId: 'nomor-telepon-email',
            mediaType: 'text/html',
            sizeBytes: 20 * 1024 * 1024,
            sha256: 'abc',
          },
        })
        .thenThrows({ kind: 'invalid', fields: ['documentId', 'mediaType', 'sizeBytes', 'sha256', 'requirementId'] });
    });

    it('refuses an upload for a requirement already accepted, and after verification', () => {
      const s = complete();
      s.run({ type: 'AcceptRequirement', actor: actors.operator, data: { requirementId: 'kartu-keluarga' } });
      const cmd = {
        type: 'AttachDocument' as const,
        actor: actors.applicant,
        data: { documentId: 'new', requirementId: 'kartu-keluarga', mediaType: 'application/pdf', sizeBytes: 10, sha256: sha(7) },
      };
      given(s.events).when(cmd).thenThrows({ kind: 'conflict', code: 'DOCUMENT_ALREADY_ACCEPTED' });
      s.acceptAll().verify();
      given(s.events).when(cmd).thenThrows({ kind: 'conflict', code: 'DOCUMENT_NOT_ALLOWED' });
    });

    it('refuses the same document twice', () => {
      given(complete().events)
        .when({
          type: 'AttachDocument',
          actor: actors.applicant,
          data: { documentId: 'doc-1', requirementId: 'kartu-keluarga', mediaType: 'application/pdf', sizeBytes: 10, sha256: sha(7) },
        })
        .thenThrows({ kind: 'conflict', code: 'DOCUMENT_DUPLICATE' });
    });

    it('an ijazah uploaded without being declared becomes a requirement', () => {
      const s = complete().upload('ijazah');
      expect(s.state.requirements.find((r) => r.id === 'ijazah')).toMatchObject({ applicable: true, presented: true });
    });
  });

  describe('per requirement', () => {
    it('accepts a requirement', () => {
      given(complete().events)
        .when({ type: 'AcceptRequirement', actor: actors.operator, data: { requirementId: 'surat-kelahiran' } })
        .then([
          {
            type: 'RequirementAccepted',
            schemaVersion: 1,
            data: { requirementId: 'surat-kelahiran', verifiedBy: op, at: '2025-01-06T02:00:00.000Z' },
          },
        ]);
    });

    it('accepting twice produces nothing', () => {
      const s = complete();
      s.run({ type: 'AcceptRequirement', actor: actors.operator, data: { requirementId: 'surat-kelahiran' } });
      given(s.events)
        .when({ type: 'AcceptRequirement', actor: actors.operator, data: { requirementId: 'surat-kelahiran' } })
        .then([]);
    });

    it('rejects a requirement with a reason', () => {
      given(complete().events)
        .when({
          type: 'RejectRequirement',
          actor: actors.operator,
          data: { requirementId: 'ktp-el-orang-tua', reason: 'KTP-el ayah tidak terbaca' },
        })
        .then([
          {
            type: 'RequirementRejected',
            schemaVersion: 1,
            data: {
              requirementId: 'ktp-el-orang-tua',
              reason: 'KTP-el ayah tidak terbaca',
              verifiedBy: op,
              at: '2025-01-06T02:00:00.000Z',
            },
          },
        ]);
    });

    it('needs a reason to reject', () => {
      given(complete().events)
        .when({ type: 'RejectRequirement', actor: actors.operator, data: { requirementId: 'ktp-el-orang-tua', reason: ' ' } })
        .thenThrows({ kind: 'invalid', fields: ['reason'] });
    });

    it('refuses an unknown or not applicable requirement', () => {
      given(complete().events)
        .when({ type: 'AcceptRequirement', actor: actors.operator, data: { requirementId: 'paspor' } })
        .thenThrows({ kind: 'invalid', fields: ['requirementId'] });
      given(complete().events)
        .when({ type: 'AcceptRequirement', actor: actors.operator, data: { requirementId: 'ijazah' } })
        .thenThrows({ kind: 'conflict', code: 'REQUIREMENT_NOT_APPLICABLE' });
    });

    it('refuses to verify an online file before it is complete', () => {
      const s = new KkScenario('daring-mandiri').submit().upload('kartu-keluarga');
      given(s.events)
        .when({ type: 'AcceptRequirement', actor: actors.operator, data: { requirementId: 'kartu-keluarga' } })
        .thenThrows({ kind: 'conflict', code: 'FILE_INCOMPLETE' });
    });

    it("is forbidden to another kecamatan's operator and to the applicant", () => {
      given(complete().events)
        .when({ type: 'AcceptRequirement', actor: actors.operatorElsewhere, data: { requirementId: 'kartu-keluarga' } })
        .thenThrows({ kind: 'forbidden', code: 'AUTH_KECAMATAN' });
      given(complete().events)
        .when({ type: 'AcceptRequirement', actor: actors.applicant, data: { requirementId: 'kartu-keluarga' } })
        .thenThrows({ kind: 'forbidden', code: 'AUTH_ROLE' });
    });

    it('refuses an unknown application', () => {
      given([])
        .when({ type: 'AcceptRequirement', actor: actors.operator, data: { requirementId: 'kartu-keluarga' } })
        .thenThrows({ kind: 'not-found', code: 'APPLICATION_NOT_FOUND' });
    });
  });

  describe('data', () => {
    it('verifies the data', () => {
      given(complete().events)
        .when({ type: 'VerifyData', actor: actors.operator, data: {} })
        .then([{ type: 'DataVerified', schemaVersion: 1, data: { verifiedBy: op, at: '2025-01-06T02:00:00.000Z' } }]);
    });

    it('rejects data naming the fields', () => {
      const issues = [{ field: 'newborn.tempatLahir', reason: 'Tidak sesuai surat kelahiran' }];
      given(complete().events)
        .when({ type: 'RejectData', actor: actors.operator, data: { issues } })
        .then([{ type: 'DataRejected', schemaVersion: 1, data: { issues, verifiedBy: op, at: '2025-01-06T02:00:00.000Z' } }]);
    });

    it('needs at least one issue, each with field and reason', () => {
      given(complete().events)
        .when({ type: 'RejectData', actor: actors.operator, data: { issues: [] } })
        .thenThrows({ kind: 'invalid', fields: ['issues'] });
      given(complete().events)
        .when({ type: 'RejectData', actor: actors.operator, data: { issues: [{ field: '', reason: '' }] } })
        .thenThrows({ kind: 'invalid', fields: ['issues[0].field', 'issues[0].reason'] });
    });
  });

  describe('verified complete -> TTE requested', () => {
    it('online: verified and TTE requested', () => {
      const s = complete().acceptAll();
      given(s.events)
        .when({ type: 'CompleteVerification', actor: actors.operator, data: {} }, { now: fromWib(2025, 1, 7, 10) })
        .then([
          { type: 'ApplicationVerified', schemaVersion: 1, data: { verifiedBy: op, at: '2025-01-07T03:00:00.000Z' } },
          { type: 'SignatureRequested', schemaVersion: 1, data: { at: '2025-01-07T03:00:00.000Z' } },
        ]);
    });

    it('counter: the receipt (tanda terima pengambilan KK) is given with a number from kecamatan, date and sequence', () => {
      const s = new KkScenario('tatap-muka').submit().acceptAll();
      given(s.events)
        .when({ type: 'CompleteVerification', actor: actors.operator, data: {} }, { now: fromWib(2025, 1, 6, 9, 30), receiptSequence: 12 })
        .then([
          { type: 'ApplicationVerified', schemaVersion: 1, data: { verifiedBy: op, at: '2025-01-06T02:30:00.000Z' } },
          { type: 'ReceiptIssued', schemaVersion: 1, data: { receiptNumber: 'TT-351512-20250106-0012', at: '2025-01-06T02:30:00.000Z' } },
          { type: 'SignatureRequested', schemaVersion: 1, data: { at: '2025-01-06T02:30:00.000Z' } },
        ]);
    });

    it('refuses while a requirement or the data is not accepted', () => {
      const s = complete();
      s.run({ type: 'VerifyData', actor: actors.operator, data: {} });
      const e = given(s.events)
        .when({ type: 'CompleteVerification', actor: actors.operator, data: {} })
        .thenThrows({ kind: 'conflict', code: 'VERIFICATION_INCOMPLETE' });
      expect(e.message).toMatch(/Hasil Scan Kartu Keluarga Asli/);
      given(complete().acceptAll().reject('surat-kelahiran').events)
        .when({ type: 'CompleteVerification', actor: actors.operator, data: {} })
        .thenThrows({ code: 'VERIFICATION_INCOMPLETE' });
    });
  });

  describe('counter: an invalid file is returned at once', () => {
    it('returns the file with what is wrong', () => {
      const s = new KkScenario('tatap-muka').submit().reject('buku-nikah-akta-perkawinan', 'Buku nikah bukan milik orang tua bayi');
      given(s.events)
        .when({ type: 'ReturnFileAtCounter', actor: actors.operator, data: {} })
        .then([
          {
            type: 'FileReturned',
            schemaVersion: 1,
            data: {
              reasonCode: 'invalid-at-counter',
              reason: 'Berkas tidak valid: Buku nikah bukan milik orang tua bayi.',
              items: [{ requirementId: 'buku-nikah-akta-perkawinan', reason: 'Buku nikah bukan milik orang tua bayi' }],
              returnedBy: op,
              at: '2025-01-06T02:00:00.000Z',
            },
          },
        ]);
    });

    it('refuses to return a file with nothing wrong, and refuses it online', () => {
      given(new KkScenario('tatap-muka').submit().events)
        .when({ type: 'ReturnFileAtCounter', actor: actors.operator, data: {} })
        .thenThrows({ code: 'RETURN_NOTHING_WRONG' });
      given(complete().reject('kartu-keluarga').events)
        .when({ type: 'ReturnFileAtCounter', actor: actors.operator, data: {} })
        .thenThrows({ kind: 'conflict', code: 'RETURN_ONLINE' });
    });

    it('does not ask a counter applicant for a correction', () => {
      const s = new KkScenario('tatap-muka').submit().reject('kartu-keluarga');
      given(s.events)
        .when({ type: 'RequestCorrection', actor: actors.operator, data: {} })
        .thenThrows({ kind: 'conflict', code: 'CORRECTION_COUNTER' });
    });
  });
});
