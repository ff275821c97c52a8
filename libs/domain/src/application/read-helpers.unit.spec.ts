import { fromWib } from '@adminduk/calendar';
import { actors, KkScenario } from '../testing';
import { applicationSla } from './application-sla';
import { requirementChecklist } from './checklist';
import { describeStatus } from './status';

describe('status, checklist and SLA derived from state', () => {
  it('labels each step in Indonesian', () => {
    const s = new KkScenario('daring-mandiri').submit();
    expect(describeStatus(s.state)).toEqual({
      code: 'submitted',
      label: 'Menunggu verifikasi',
      detail: 'Menunggu kelengkapan unggahan persyaratan',
    });
    s.uploadAll().reject('kartu-keluarga').requestCorrection();
    expect(describeStatus(s.state)).toMatchObject({
      code: 'correction-requested',
      label: 'Menunggu perbaikan dari pemohon',
      correctionDueAt: '2025-01-07T05:00:00.000Z',
    });
    const done = new KkScenario('tatap-muka').readyToVerify().verify();
    expect(describeStatus(done.state)).toMatchObject({ label: 'Terverifikasi, menunggu TTE', detail: 'Menunggu penerbitan NIK bayi' });
    done.assignNik().sign().print();
    expect(describeStatus(done.state)).toMatchObject({
      label: 'KK sudah ditandatangani (TTE)',
      detail: 'KK sudah dicetak, siap diambil di kecamatan',
    });
  });

  it('gives the reason of a returned file', () => {
    const s = new KkScenario('tatap-muka').submit({ presentedRequirementIds: ['kartu-keluarga'] });
    expect(describeStatus(s.state)).toMatchObject({ code: 'returned', label: 'Berkas dikembalikan' });
    expect(describeStatus(s.state).reason).toMatch(/^Berkas kurang lengkap: Surat kelahiran/);
  });

  it('derives the requirement checklist', () => {
    const s = new KkScenario('daring-mandiri').submit().uploadAll().reject('surat-kelahiran', 'Stempel tidak terbaca');
    s.run({
      type: 'AcceptRequirement',
      actor: { userId: 'x', role: 'operator-kecamatan', kecamatan: '35.15.12' },
      data: { requirementId: 'kartu-keluarga' },
    });
    s.requestCorrection();
    const rows = requirementChecklist(s.state);
    expect(rows).toHaveLength(8);
    expect(rows.find((r) => r.requirementId === 'surat-kelahiran')).toMatchObject({
      decision: 'tidak-sesuai',
      decisionLabel: 'Tidak sesuai',
      reason: 'Stempel tidak terbaca',
      correctionRequested: true,
      documentCount: 1,
      latestDocumentId: 'doc-2',
    });
    expect(rows.find((r) => r.requirementId === 'kartu-keluarga')).toMatchObject({ decision: 'sesuai', correctionRequested: false });
    expect(rows.find((r) => r.requirementId === 'ijazah')).toMatchObject({
      applicable: false,
      decision: 'tidak-berlaku',
      presented: false,
    });
    expect(rows.find((r) => r.requirementId === 'nomor-telepon-email')).toMatchObject({
      kind: 'data',
      presented: true,
      decision: 'belum-diperiksa',
    });
  });

  it('starts the SLA when the file is complete and pauses it while a correction is awaited', () => {
    const s = new KkScenario('daring-mandiri', fromWib(2025, 1, 6, 9));
    s.submit();
    expect(applicationSla(s.state, fromWib(2025, 1, 6, 12))).toBeUndefined();
    s.uploadAll(); // complete Monday ~10:00 WIB
    expect(applicationSla(s.state, fromWib(2025, 1, 7, 12))).toMatchObject({
      dueAt: fromWib(2025, 1, 10),
      elapsedMs: 12 * 3600_000,
      breached: false,
    });
    s.at(fromWib(2025, 1, 7, 9)).reject('kartu-keluarga');
    s.at(fromWib(2025, 1, 7, 10)).requestCorrection();
    s.at(fromWib(2025, 1, 8, 10)).upload('kartu-keluarga');
    s.at(fromWib(2025, 1, 8, 11)).run({ type: 'SubmitCorrection', actor: actors.applicant, data: {} });
    const sla = applicationSla(s.state, fromWib(2025, 1, 8, 12));
    expect(sla?.pausedMs).toBe(25 * 3600_000);
    expect(sla?.dueAt).toEqual(fromWib(2025, 1, 13, 1)); // Friday 00:00 + 25 h of working time, over the weekend
  });

  it('stops the SLA when the KK is signed', () => {
    const s = new KkScenario('tatap-muka').readyToVerify().verify().assignNik().sign();
    const sla = applicationSla(s.state, fromWib(2025, 3, 1));
    expect(sla).toMatchObject({ stopped: true, breached: false, elapsedMs: 0 });
  });
});
