import { given, submitCommand, actors, MONDAY_0900, KkScenario, DOCUMENT_REQUIREMENTS } from '../testing';
import type { ApplicationSubmitted } from './application.events';

const at = MONDAY_0900.toISOString();

describe('submission', () => {
  describe('online by the applicant (daring mandiri)', () => {
    it('records the application against the catalog version, with the 8 requirements of the online channel', () => {
      const [submitted, ...rest] = given([]).when(submitCommand('daring-mandiri')).events() as [ApplicationSubmitted];
      expect(rest).toEqual([]);
      expect(submitted).toMatchObject({ type: 'ApplicationSubmitted', schemaVersion: 1 });
      expect(submitted.data).toMatchObject({
        applicationId: 'app-0001',
        serviceType: 'kk-tambah-anggota-kelahiran',
        catalogVersionId: 'kk-tambah-anggota-kelahiran/35.15.12/2025-01-02',
        channel: 'daring-mandiri',
        kecamatan: '35.15.12',
        desa: '35.15.12.2001',
        submittedBy: { userId: 'warga-1', role: 'pemohon' },
        memilikiIjazah: false,
        slaWorkingDays: 3,
        warnings: [],
        at,
      });
      expect(submitted.data.requirements.map((r) => [r.id, r.kind, r.applicable])).toEqual([
        ['kartu-keluarga', 'document', true],
        ['surat-kelahiran', 'document', true],
        ['formulir-f101-f102', 'document', true],
        ['ktp-el-orang-tua', 'document', true],
        ['buku-nikah-akta-perkawinan', 'document', true],
        ['nomor-telepon-email', 'data', true],
        ['surat-pengantar-rt-rw', 'document', true],
        ['ijazah', 'document', false],
      ]);
      expect(submitted.data.requirements[0].label).toBe('Hasil Scan Kartu Keluarga Asli');
    });

    it('makes the ijazah a requirement when the applicant declares one', () => {
      const [submitted] = given([])
        .when(submitCommand('daring-mandiri', { memilikiIjazah: true }))
        .events() as [ApplicationSubmitted];
      expect(submitted.data.requirements.find((r) => r.id === 'ijazah')?.applicable).toBe(true);
    });

    it('is not complete until every document is uploaded', () => {
      const s = new KkScenario('daring-mandiri').submit();
      expect(s.state.fileCompletedAt).toBeUndefined();
      expect(s.state.status).toBe('submitted');
    });

    it('is refused for a staff role', () => {
      given([])
        .when(submitCommand('daring-mandiri', {}, actors.operator))
        .thenThrows({ kind: 'forbidden', code: 'AUTH_CHANNEL_ROLE' });
    });
  });

  describe('at the counter by the operator (tatap muka)', () => {
    it('is complete at once when every requirement is handed in', () => {
      const events = given([]).when(submitCommand('tatap-muka')).events();
      expect(events.map((e) => e.type)).toEqual(['ApplicationSubmitted', 'FileCompleted']);
      expect(events[1]).toEqual({ type: 'FileCompleted', schemaVersion: 1, data: { at } });
      expect((events[0] as ApplicationSubmitted).data.requirements[0].label).toBe('Kartu Keluarga');
    });

    it('returns an incomplete file at once, naming what is missing', () => {
      const presented = DOCUMENT_REQUIREMENTS.filter((r) => r !== 'surat-kelahiran' && r !== 'surat-pengantar-rt-rw');
      const events = given([])
        .when(submitCommand('tatap-muka', { presentedRequirementIds: presented }))
        .events();
      expect(events.map((e) => e.type)).toEqual(['ApplicationSubmitted', 'FileReturned']);
      expect(events[1]).toEqual({
        type: 'FileReturned',
        schemaVersion: 1,
        data: {
          reasonCode: 'incomplete-at-counter',
          reason: 'Berkas kurang lengkap: Surat kelahiran dari RS/ Bidan / Klinik / Puskesmas; Surat Pengantar RT, RW.',
          items: [
            { requirementId: 'surat-kelahiran', reason: 'Belum diserahkan' },
            { requirementId: 'surat-pengantar-rt-rw', reason: 'Belum diserahkan' },
          ],
          returnedBy: { userId: 'op-balongbendo-1', role: 'operator-kecamatan' },
          at,
        },
      });
    });

    it('requires the declared ijazah to be handed in', () => {
      const events = given([])
        .when(submitCommand('tatap-muka', { memilikiIjazah: true }))
        .events();
      expect(events.map((e) => e.type)).toEqual(['ApplicationSubmitted', 'FileReturned']);
    });

    it('needs the list of requirements handed in', () => {
      given([])
        .when(submitCommand('tatap-muka', { presentedRequirementIds: undefined }))
        .thenThrows({ kind: 'invalid', fields: ['presentedRequirementIds'] });
    });

    it('refuses an unknown requirement id', () => {
      given([])
        .when(submitCommand('tatap-muka', { presentedRequirementIds: [...DOCUMENT_REQUIREMENTS, 'akta-cerai'] }))
        .thenThrows({ kind: 'invalid', fields: ['presentedRequirementIds'] });
    });

    it('is refused for an operator of another kecamatan', () => {
      given([])
        .when(submitCommand('tatap-muka', {}, actors.operatorElsewhere))
        .thenThrows({ kind: 'forbidden', code: 'AUTH_KECAMATAN' });
    });
  });

  describe('by the village registration officer (daring melalui desa)', () => {
    it("is accepted for a family of the officer's own desa", () => {
      const [submitted] = given([]).when(submitCommand('daring-desa')).events() as [ApplicationSubmitted];
      expect(submitted.data.submittedBy).toEqual({ userId: 'desa-wonokupang-1', role: 'petugas-desa' });
    });

    it('is forbidden for a family of another desa', () => {
      given([])
        .when(submitCommand('daring-desa', {}, actors.villageOfficerElsewhere))
        .thenThrows({ kind: 'forbidden', code: 'AUTH_DESA' });
    });
  });

  describe('duplicates', () => {
    const open = [
      {
        applicationId: 'app-later',
        motherNik: '3515125907900002',
        birthDate: '2025-01-03',
        newbornName: 'Aisyah Putri Santoso',
        submittedAt: '2025-01-05T03:00:00.000Z',
      },
      {
        applicationId: 'app-first',
        motherNik: '3515125907900002',
        birthDate: '2025-01-03',
        newbornName: 'AISAH PUTRI SANTOSO',
        submittedAt: '2025-01-04T03:00:00.000Z',
      },
    ];

    it('flags a second open application for the same newborn, linking the first', () => {
      const events = given([]).when(submitCommand('daring-desa'), { openApplications: open }).events();
      expect(events.map((e) => e.type)).toEqual(['ApplicationSubmitted', 'PossibleDuplicateFlagged']);
      expect(events[1].data).toMatchObject({ duplicateOfApplicationId: 'app-first' });
    });

    it('does not flag a twin with a different name', () => {
      const twin = [{ ...open[0], newbornName: 'AHMAD PUTRA SANTOSO' }];
      expect(
        given([])
          .when(submitCommand('daring-mandiri'), { openApplications: twin })
          .events()
          .map((e) => e.type),
      ).toEqual(['ApplicationSubmitted']);
    });
  });

  describe('refusals', () => {
    it('refuses a second submission on the same stream', () => {
      const s = new KkScenario('daring-mandiri').submit();
      given(s.events).when(submitCommand('daring-mandiri')).thenThrows({ kind: 'conflict', code: 'APPLICATION_EXISTS' });
    });

    it('requires phone and email, naming each field', () => {
      const a = { nik: '3515121203880001', namaLengkap: 'BUDI SANTOSO', telepon: '', email: 'bukan-email' };
      given([])
        .when(submitCommand('daring-mandiri', { applicant: a }))
        .thenThrows({ kind: 'invalid', code: 'VALIDATION_FAILED', fields: ['applicant.telepon', 'applicant.email'] });
    });

    it('never creates a stream for an invalid NIK', () => {
      const fam = { ...submitCommand('daring-mandiri').data.family };
      fam.anggota = fam.anggota.map((m, i) => (i === 1 ? { ...m, nik: '3515121907900002' } : m)); // woman without +40
      const e = given([])
        .when(submitCommand('daring-mandiri', { family: fam }))
        .thenThrows({ kind: 'invalid', fields: ['family.anggota[1].nik'] });
      expect(e.issues.find((i) => i.field === 'family.anggota[1].nik')?.code).toBe('NIK_SEX_MISMATCH');
      expect(e.httpStatus).toBe(400);
    });

    it('refuses an invalid No. KK, an unknown desa and a bad RT', () => {
      const fam = submitCommand('daring-mandiri').data.family;
      const bad = { ...fam, noKk: '3515124203150007', alamat: { ...fam.alamat, rt: 'tiga', desa: '35.15.11.2001' } };
      given([])
        .when(submitCommand('daring-mandiri', { family: bad }))
        .thenThrows({ kind: 'invalid', fields: ['family.noKk', 'family.alamat.rt', 'family.alamat.desa'] });
    });

    it('refuses an applicant who is not in the KK', () => {
      const a = { ...submitCommand('daring-mandiri').data.applicant, nik: '3515121203880009' };
      given([])
        .when(submitCommand('daring-mandiri', { applicant: a }))
        .thenThrows({ kind: 'invalid', fields: ['applicant.nik'] });
    });

    it('refuses a newborn born in the future or with a father NIK as mother', () => {
      const nb = { ...submitCommand('daring-mandiri').data.newborn, tanggalLahir: '2025-01-07', nikIbu: '3515121203880001' };
      given([])
        .when(submitCommand('daring-mandiri', { newborn: nb }))
        .thenThrows({ kind: 'invalid', fields: ['newborn.tanggalLahir', 'newborn.nikIbu'] });
    });

    it('refuses a value outside the KK value lists', () => {
      const fam = submitCommand('daring-mandiri').data.family;
      const bad = { ...fam, anggota: fam.anggota.map((m, i) => (i === 0 ? { ...m, agama: 'LAINNYA' } : m)) };
      given([])
        .when(submitCommand('daring-mandiri', { family: bad }))
        .thenThrows({ kind: 'invalid', fields: ['family.anggota[0].agama'] });
    });

    it('refuses a kecamatan without the service and an unknown channel', () => {
      given([])
        .when(submitCommand('daring-mandiri', { kecamatan: '35.15.99' }))
        .thenThrows({ kind: 'invalid', fields: ['kecamatan'] });
      given([])
        .when(submitCommand('daring-mandiri', { channel: 'pos' as never }))
        .thenThrows({ kind: 'invalid', fields: ['channel'] });
    });

    it("keeps non-blocking warnings on the event (a region code not in today's list)", () => {
      const fam = { ...submitCommand('daring-mandiri').data.family, noKk: '3515250203150007' };
      const [submitted] = given([])
        .when(submitCommand('daring-mandiri', { family: fam }))
        .events() as [ApplicationSubmitted];
      expect(submitted.data.warnings).toEqual([expect.objectContaining({ field: 'family.noKk', code: 'WILAYAH_UNKNOWN' })]);
    });
  });
});
