import { actors, given, KkScenario } from '../testing';

const at = '2025-01-06T02:00:00.000Z';

describe('withdrawal and rejection', () => {
  it('the applicant withdraws before signing', () => {
    given(new KkScenario('daring-mandiri').submit().events)
      .when({ type: 'WithdrawApplication', actor: actors.applicant, data: { reason: 'Salah memilih layanan' } })
      .then([
        {
          type: 'ApplicationWithdrawn',
          schemaVersion: 1,
          data: { reason: 'Salah memilih layanan', withdrawnBy: { userId: 'warga-1', role: 'pemohon' }, at },
        },
      ]);
  });

  it('withdrawal while a correction is awaited closes the pause', () => {
    const s = new KkScenario('daring-mandiri').submit().uploadAll().reject('kartu-keluarga').requestCorrection();
    s.run({ type: 'WithdrawApplication', actor: actors.applicant, data: {} });
    expect(s.state.status).toBe('withdrawn');
    expect(s.state.pauses.every((p) => p.to)).toBe(true);
  });

  it("the counter operator records a withdrawal on the applicant's behalf; another applicant cannot", () => {
    expect(
      given(new KkScenario('tatap-muka').readyToVerify().verify().events)
        .when({ type: 'WithdrawApplication', actor: actors.operator, data: {} })
        .events()[0].type,
    ).toBe('ApplicationWithdrawn');
    given(new KkScenario('daring-mandiri').submit().events)
      .when({ type: 'WithdrawApplication', actor: actors.otherApplicant, data: {} })
      .thenThrows({ kind: 'forbidden' });
  });

  it('no withdrawal after signing', () => {
    const s = new KkScenario('daring-mandiri').readyToVerify().verify().assignNik().sign();
    given(s.events)
      .when({ type: 'WithdrawApplication', actor: actors.applicant, data: {} })
      .thenThrows({ kind: 'conflict', code: 'WITHDRAW_AFTER_SIGNING' });
  });

  it('the operator rejects with a reason', () => {
    given(new KkScenario('daring-desa').submit().events)
      .when({ type: 'RejectApplication', actor: actors.operator, data: { reason: 'Kelahiran sudah tercatat pada KK lain' } })
      .then([
        {
          type: 'ApplicationRejected',
          schemaVersion: 1,
          data: {
            reason: 'Kelahiran sudah tercatat pada KK lain',
            rejectedBy: { userId: 'op-balongbendo-1', role: 'operator-kecamatan' },
            at,
          },
        },
      ]);
  });

  it('rejection needs a reason, the right kecamatan, and comes before signing', () => {
    given(new KkScenario('daring-desa').submit().events)
      .when({ type: 'RejectApplication', actor: actors.operator, data: { reason: '' } })
      .thenThrows({ kind: 'invalid', fields: ['reason'] });
    given(new KkScenario('daring-desa').submit().events)
      .when({ type: 'RejectApplication', actor: actors.operatorElsewhere, data: { reason: 'x' } })
      .thenThrows({ kind: 'forbidden', code: 'AUTH_KECAMATAN' });
    given(new KkScenario('daring-desa').readyToVerify().verify().assignNik().sign().events)
      .when({ type: 'RejectApplication', actor: actors.operator, data: { reason: 'x' } })
      .thenThrows({ code: 'REJECT_AFTER_SIGNING' });
  });

  it('nothing is accepted after a terminal state', () => {
    const s = new KkScenario('daring-mandiri').submit();
    s.run({ type: 'RejectApplication', actor: actors.operator, data: { reason: 'Data palsu' } });
    given(s.events)
      .when({ type: 'WithdrawApplication', actor: actors.applicant, data: {} })
      .thenThrows({ kind: 'conflict', code: 'APPLICATION_CLOSED', message: 'Permohonan ditolak' });
  });
});
