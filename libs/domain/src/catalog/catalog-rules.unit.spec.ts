import { defaultCalendar, fromWib } from '@adminduk/calendar';
import { applicationSla } from '../application/application-sla';
import { actors, given, KkScenario, submitCommand } from '../testing';
import { CatalogInvalidError } from './catalog-validation';
import type { CatalogVersionData, ServiceCatalogData } from './catalog.types';
import { kkKelahiranCatalog } from './kk-kelahiran.catalog';
import { CatalogVersionUnknownError, ServiceCatalog } from './service-catalog';

/**
 * Editing the catalog changes behaviour: each test builds a catalog that differs from the bundled
 * one in one rule and shows the decider (or the SLA clock) following it, next to the bundled rule.
 */

/** The bundled catalog with its (only) version edited. */
function catalogWith(edit: (v: CatalogVersionData) => void): ServiceCatalog {
  const data = structuredClone(kkKelahiranCatalog.data);
  for (const v of data.versions) edit(v);
  return new ServiceCatalog(data);
}

const MONDAY_1500 = fromWib(2025, 1, 6, 15);

/** Online file, complete, KTP-el rejected, judged under `catalog`. */
function rejectedOnline(catalog: ServiceCatalog, channel: 'daring-mandiri' | 'daring-desa' = 'daring-mandiri') {
  return new KkScenario(channel).withContext({ catalog }).submit().uploadAll().reject('ktp-el-orang-tua', 'KTP-el ibu terpotong');
}

describe('the catalog drives the rules it declares', () => {
  describe('correctionDeadline.hourWib', () => {
    it('given a catalog with the deadline at 15:00, a correction requested Monday 15:00 is due Tuesday 15:00 WIB', () => {
      const catalog = catalogWith((v) => (v.correctionDeadline.hourWib = 15));
      const [requested] = given(rejectedOnline(catalog).events)
        .when({ type: 'RequestCorrection', actor: actors.operator, data: {} }, { now: MONDAY_1500, catalog })
        .events();
      expect(requested).toMatchObject({ type: 'CorrectionRequested', data: { dueAt: fromWib(2025, 1, 7, 15).toISOString() } });

      // The bundled catalog says 12.00 WIB.
      const [standard] = given(rejectedOnline(kkKelahiranCatalog).events)
        .when({ type: 'RequestCorrection', actor: actors.operator, data: {} }, { now: MONDAY_1500 })
        .events();
      expect(standard).toMatchObject({ data: { dueAt: fromWib(2025, 1, 7, 12).toISOString() } });
    });

    it('names the catalog hour when the deadline has passed and when the file is returned for it', () => {
      const catalog = catalogWith((v) => (v.correctionDeadline.hourWib = 15));
      const s = rejectedOnline(catalog).at(MONDAY_1500).requestCorrection();
      given(s.events)
        .when({ type: 'SubmitCorrection', actor: actors.applicant, data: {} }, { now: fromWib(2025, 1, 7, 15, 1), catalog })
        .thenThrows({ code: 'CORRECTION_DEADLINE_PASSED', message: 'pukul 15.00 WIB' });
      // 14:00 the next day is still in time under this catalog (it would be late under the standard's 12.00).
      given(s.events)
        .when({ type: 'ReturnFileAfterMissedDeadline', actor: actors.system, data: {} }, { now: fromWib(2025, 1, 7, 14), catalog })
        .thenThrows({ code: 'CORRECTION_DEADLINE_NOT_PASSED' });
      const [returned] = given(s.events)
        .when({ type: 'ReturnFileAfterMissedDeadline', actor: actors.system, data: {} }, { now: fromWib(2025, 1, 7, 15, 1), catalog })
        .events();
      expect(returned).toMatchObject({ type: 'FileReturned', data: { reason: expect.stringContaining('pukul 15.00 WIB') } });
    });

    it('keeps an application on the rules of the version it was submitted under', () => {
      const data = structuredClone(kkKelahiranCatalog.data);
      data.versions[0].correctionDeadline.hourWib = 15;
      const later = { ...structuredClone(data.versions[0]), version: '2025-02-01', effectiveFrom: '2025-02-01' };
      later.correctionDeadline.hourWib = 9;
      const catalog = new ServiceCatalog({ ...data, versions: [...data.versions, later] });
      const s = rejectedOnline(catalog); // submitted in January, under 2025-01-02
      const now = fromWib(2025, 2, 3, 10); // the later version is in force by now
      const [requested] = given(s.events).when({ type: 'RequestCorrection', actor: actors.operator, data: {} }, { now, catalog }).events();
      expect(requested).toMatchObject({ data: { dueAt: fromWib(2025, 2, 4, 15).toISOString() } });
      const [fresh] = new KkScenario('daring-mandiri', now).withContext({ catalog }).run(submitCommand('daring-mandiri'));
      expect(fresh).toMatchObject({ data: { catalogVersionId: 'kk-tambah-anggota-kelahiran/35.15.12/2025-02-01' } });
    });
  });

  describe('requirements', () => {
    it('a flagged data requirement needs corrected data, whatever the catalog calls it', () => {
      const catalog = catalogWith((v) => {
        for (const reqs of Object.values(v.requirements)) for (const r of reqs) if (r.kind === 'data') r.id = 'kontak-pemohon';
      });
      const s = new KkScenario('daring-mandiri')
        .withContext({ catalog })
        .submit()
        .uploadAll()
        .reject('kontak-pemohon', 'Email tidak aktif');
      s.requestCorrection();
      given(s.events)
        .when({ type: 'SubmitCorrection', actor: actors.applicant, data: {} }, { now: s.now, catalog })
        .thenThrows({ code: 'VALIDATION_FAILED', fields: ['changes'] });
      const [fixed] = given(s.events)
        .when(
          { type: 'SubmitCorrection', actor: actors.applicant, data: { changes: { applicant: { email: 'budi.baru@example.id' } } } },
          { now: s.now, catalog },
        )
        .events();
      expect(fixed.type).toBe('CorrectionSubmitted');
    });
  });

  describe('correctionDeadline.channels', () => {
    it('given a catalog without daring-desa, its files are not sent back for correction', () => {
      const catalog = catalogWith((v) => (v.correctionDeadline.channels = ['daring-mandiri']));
      given(rejectedOnline(catalog, 'daring-desa').events)
        .when({ type: 'RequestCorrection', actor: actors.operator, data: {} }, { now: MONDAY_1500, catalog })
        .thenThrows({ kind: 'conflict', code: 'CORRECTION_CHANNEL' });
      const [standard] = given(rejectedOnline(kkKelahiranCatalog, 'daring-desa').events)
        .when({ type: 'RequestCorrection', actor: actors.operator, data: {} }, { now: MONDAY_1500 })
        .events();
      expect(standard.type).toBe('CorrectionRequested');
    });

    it('given a catalog that adds the counter, an invalid counter file may wait for a correction', () => {
      const catalog = catalogWith((v) => v.correctionDeadline.channels.push('tatap-muka'));
      const counter = (c: ServiceCatalog) => new KkScenario('tatap-muka').withContext({ catalog: c }).submit().reject('ktp-el-orang-tua');
      const [requested] = given(counter(catalog).events)
        .when({ type: 'RequestCorrection', actor: actors.operator, data: {} }, { now: MONDAY_1500, catalog })
        .events();
      expect(requested).toMatchObject({
        type: 'CorrectionRequested',
        data: { items: [{ requirementId: 'ktp-el-orang-tua' }], dueAt: fromWib(2025, 1, 7, 12).toISOString() },
      });
      given(counter(kkKelahiranCatalog).events)
        .when({ type: 'RequestCorrection', actor: actors.operator, data: {} }, { now: MONDAY_1500 })
        .thenThrows({ kind: 'conflict', code: 'CORRECTION_COUNTER' });
    });
  });

  describe('counterIncompleteFile', () => {
    const incomplete = { presentedRequirementIds: ['kartu-keluarga', 'surat-kelahiran', 'formulir-f101-f102', 'ktp-el-orang-tua'] };

    it('returned-at-once (the standard): an incomplete counter file is returned at submission', () => {
      const events = given([]).when(submitCommand('tatap-muka', incomplete)).events();
      expect(events.map((e) => e.type)).toEqual(['ApplicationSubmitted', 'FileReturned']);
      expect(events[1]).toMatchObject({ data: { reasonCode: 'incomplete-at-counter' } });
    });

    it('correction-requested: the file is kept and the missing documents are due by the correction deadline', () => {
      const catalog = catalogWith((v) => {
        v.counterIncompleteFile = 'correction-requested';
        v.correctionDeadline.channels.push('tatap-muka');
      });
      const s = new KkScenario('tatap-muka', MONDAY_1500).withContext({ catalog }).submit(incomplete);
      expect(s.events.map((e) => e.type)).toEqual(['ApplicationSubmitted', 'CorrectionRequested']);
      expect(s.events[1]).toMatchObject({
        data: {
          items: [
            { requirementId: 'buku-nikah-akta-perkawinan', reason: 'Belum diserahkan' },
            { requirementId: 'surat-pengantar-rt-rw', reason: 'Belum diserahkan' },
          ],
          dueAt: fromWib(2025, 1, 7, 12).toISOString(),
        },
      });
      expect(s.state.status).toBe('correction-requested');

      // The operator scans what the applicant brings the next morning; the file is then complete.
      s.at(fromWib(2025, 1, 7, 9))
        .upload('buku-nikah-akta-perkawinan')
        .upload('surat-pengantar-rt-rw');
      expect(s.events.at(-1)?.type).toBe('FileCompleted');
      s.run({ type: 'SubmitCorrection', actor: actors.operator, data: {} });
      expect(s.state.status).toBe('submitted');
      expect(applicationSla(s.state, fromWib(2025, 1, 7, 10), defaultCalendar, catalog)?.countingStartsAt).toEqual(fromWib(2025, 1, 8));
    });

    it('is refused at load when the counter takes no corrections', () => {
      expect(() => catalogWith((v) => (v.counterIncompleteFile = 'correction-requested'))).toThrow(
        /counterIncompleteFile "correction-requested" needs "tatap-muka"/,
      );
    });
  });

  describe('sla.startsWhen and sla.pausedWhile', () => {
    /** Submitted Monday 09:00, complete only Wednesday 10:00. */
    const lateUploads = (catalog: ServiceCatalog) =>
      new KkScenario('daring-mandiri', fromWib(2025, 1, 6, 9))
        .withContext({ catalog })
        .submit()
        .at(fromWib(2025, 1, 8, 10))
        .uploadAll();

    it('file-complete (the standard): counting starts the day after the file is complete', () => {
      const s = lateUploads(kkKelahiranCatalog);
      expect(applicationSla(s.state, fromWib(2025, 1, 8, 12))?.countingStartsAt).toEqual(fromWib(2025, 1, 9));
      expect(applicationSla(new KkScenario('daring-mandiri').submit().state, fromWib(2025, 1, 7))).toBeUndefined();
    });

    it('submitted: counting starts the day after submission, whether the file is complete or not', () => {
      const catalog = catalogWith((v) => (v.sla.startsWhen = 'submitted'));
      const s = lateUploads(catalog);
      expect(applicationSla(s.state, fromWib(2025, 1, 8, 12), defaultCalendar, catalog)?.countingStartsAt).toEqual(fromWib(2025, 1, 7));
      const justSubmitted = new KkScenario('daring-mandiri').withContext({ catalog }).submit();
      expect(applicationSla(justSubmitted.state, fromWib(2025, 1, 7, 12), defaultCalendar, catalog)).toMatchObject({
        dueAt: fromWib(2025, 1, 10),
        elapsedMs: 12 * 3600_000,
      });
    });

    it('never: the clock runs on while a correction is awaited', () => {
      const awaited = (catalog: ServiceCatalog) =>
        rejectedOnline(catalog)
          .at(fromWib(2025, 1, 7, 10))
          .requestCorrection();
      const paused = applicationSla(awaited(kkKelahiranCatalog).state, fromWib(2025, 1, 8, 10));
      expect(paused).toMatchObject({ paused: true, pausedMs: 24 * 3600_000 });
      const catalog = catalogWith((v) => (v.sla.pausedWhile = 'never'));
      const running = applicationSla(awaited(catalog).state, fromWib(2025, 1, 8, 10), defaultCalendar, catalog);
      expect(running).toMatchObject({ paused: false, pausedMs: 0, dueAt: fromWib(2025, 1, 10) });
    });
  });

  describe('collection', () => {
    const printed = (catalog: ServiceCatalog) =>
      new KkScenario('tatap-muka').withContext({ catalog }).readyToVerify().verify().assignNik().sign().print();

    it('by: a catalog naming only the applicant refuses a family member', () => {
      const catalog = catalogWith((v) => (v.collection.by = ['pemohon']));
      const wife = actors.familyMember.nik;
      given(printed(catalog).events)
        .when({ type: 'RecordCollection', actor: actors.operator, data: { collectorNik: wife } }, { catalog })
        .thenThrows({ kind: 'forbidden', code: 'COLLECT_NOT_FAMILY', message: 'hanya dapat diambil oleh pemohon.' });
      const [collected] = given(printed(kkKelahiranCatalog).events)
        .when({ type: 'RecordCollection', actor: actors.operator, data: { collectorNik: wife } })
        .events();
      expect(collected).toMatchObject({ type: 'KkCollected', data: { collectorIs: 'family-member' } });
    });

    it('orSelfPrint: a catalog without self-print refuses the link', () => {
      const catalog = catalogWith((v) => (v.collection.orSelfPrint = false));
      const link = { linkId: '0b7c1c2e-8f3a-4d7e-9a51-3f1d2c4b5a61', expiresAt: fromWib(2025, 2, 1).toISOString() };
      given(printed(catalog).events)
        .when({ type: 'IssueSelfPrintLink', actor: actors.system, data: link }, { catalog })
        .thenThrows({ kind: 'conflict', code: 'LINK_NOT_OFFERED' });
      expect(
        given(printed(kkKelahiranCatalog).events).when({ type: 'IssueSelfPrintLink', actor: actors.system, data: link }).events(),
      ).toHaveLength(1);
    });
  });

  it('refuses to judge an application whose catalog version the catalog does not hold', () => {
    const s = rejectedOnline(kkKelahiranCatalog);
    const other = new ServiceCatalog({
      ...structuredClone(kkKelahiranCatalog.data),
      versions: [{ ...kkKelahiranCatalog.data.versions[0], version: 'x' }],
    });
    expect(() =>
      given(s.events).when({ type: 'RequestCorrection', actor: actors.operator, data: {} }, { catalog: other }).events(),
    ).toThrow(CatalogVersionUnknownError);
  });
});

describe('a catalog that fails validation is refused at load', () => {
  const load = (edit: (v: Record<string, unknown> & CatalogVersionData) => void) => () =>
    catalogWith(edit as (v: CatalogVersionData) => void);

  it('accepts the bundled catalog file', () => {
    expect(() => new ServiceCatalog(structuredClone(kkKelahiranCatalog.data))).not.toThrow();
  });

  it.each<[string, (v: Record<string, unknown> & CatalogVersionData) => void, RegExp]>([
    ['an hour outside the day', (v) => (v.correctionDeadline.hourWib = 24), /correctionDeadline\.hourWib must be a whole hour/],
    [
      'an unknown channel',
      (v) => (v.correctionDeadline.channels = ['daring-wa' as never]),
      /correctionDeadline\.channels\[0\] must be one of/,
    ],
    [
      'an unknown deadline rule',
      (v) => (v.correctionDeadline.rule = 'next-working-day-at' as never),
      /correctionDeadline\.rule must be one of/,
    ],
    ['an unknown SLA start', (v) => (v.sla.startsWhen = 'tomorrow' as never), /sla\.startsWhen must be one of file-complete, submitted/],
    ['an unknown SLA pause', (v) => (v.sla.pausedWhile = 'lunch' as never), /sla\.pausedWhile must be one of/],
    ['zero working days', (v) => (v.sla.workingDays = 0), /sla\.workingDays must be a whole number >= 1/],
    ['an unknown counter outcome', (v) => (v.counterIncompleteFile = 'kept' as never), /counterIncompleteFile must be one of/],
    ['an unknown collector', (v) => (v.collection.by = ['tetangga' as never]), /collection\.by\[0\] must be one of/],
    [
      'a condition the form cannot declare',
      (v) => (v.requirements['tatap-muka'][7].condition = 'memiliki-paspor' as never),
      /condition must be one of memiliki-ijazah/,
    ],
    ['a field no code reads', (v) => (v.biayaAdmin = 5000), /biayaAdmin is not a catalog field/],
    [
      'a requirement field no code reads',
      (v) => Object.assign(v.requirements['daring-desa'][5], { dataFields: ['pemohon.email'] }),
      /dataFields is not a catalog field/,
    ],
    [
      'a duplicate requirement',
      (v) => v.requirements['daring-mandiri'].push(v.requirements['daring-mandiri'][0]),
      /duplicate requirement id kartu-keluarga/,
    ],
  ])('refuses %s', (_name, edit, error) => {
    expect(load(edit)).toThrow(CatalogInvalidError);
    expect(load(edit)).toThrow(error);
  });

  it('names every problem at once, with the version it is in', () => {
    const data: ServiceCatalogData = structuredClone(kkKelahiranCatalog.data);
    data.versions[0].correctionDeadline.hourWib = -1;
    data.versions[0].sla.startsWhen = 'never' as never;
    let error: CatalogInvalidError | undefined;
    try {
      new ServiceCatalog(data);
    } catch (e) {
      error = e as CatalogInvalidError;
    }
    expect(error?.code).toBe('catalog.invalid');
    expect(error?.problems).toEqual([
      'versions[0] (2025-01-02).sla.startsWhen must be one of file-complete, submitted (got "never")',
      'versions[0] (2025-01-02).correctionDeadline.hourWib must be a whole hour from 0 to 23',
    ]);
  });
});
