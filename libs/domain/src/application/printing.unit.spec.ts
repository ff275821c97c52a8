import { actors, given, KkScenario } from '../testing';
import { evolve, initialState, upcastApplicationEvent, type ApplicationEvent } from './application.events';

const verified = () => new KkScenario('tatap-muka').readyToVerify().verify();
const signed = () => verified().assignNik().sign();
const at = '2025-01-06T02:00:00.000Z';
const operator = { userId: actors.operator.userId, role: actors.operator.role };

describe('printing and reprinting the signed KK at the counter', () => {
  describe('print', () => {
    it('records the operator and the workstation, once, after signing', () => {
      given(signed().events)
        .when({ type: 'RecordPrint', actor: actors.operator, data: { workstation: 'LOKET-1' } })
        .then([{ type: 'KkPrinted', schemaVersion: 2, data: { printedBy: operator, workstation: 'LOKET-1', at } }]);
    });

    it('requires a signed KK', () => {
      given(verified().assignNik().events)
        .when({ type: 'RecordPrint', actor: actors.operator, data: { workstation: 'LOKET-1' } })
        .thenThrows({ kind: 'conflict', code: 'PRINT_NOT_SIGNED' });
    });

    it('is refused a second time: that is a reprint, with its reason', () => {
      given(signed().print().events)
        .when({ type: 'RecordPrint', actor: actors.operator, data: { workstation: 'LOKET-1' } })
        .thenThrows({ kind: 'conflict', code: 'PRINT_ALREADY_PRINTED' });
    });

    it("is only for an operator of the application's own kecamatan", () => {
      given(signed().events)
        .when({ type: 'RecordPrint', actor: actors.operatorElsewhere, data: { workstation: 'LOKET-1' } })
        .thenThrows({ kind: 'forbidden', code: 'AUTH_KECAMATAN' });
      given(signed().events)
        .when({ type: 'RecordPrint', actor: actors.signer, data: { workstation: 'LOKET-1' } })
        .thenThrows({ kind: 'forbidden' });
    });

    it('needs a workstation name', () => {
      for (const workstation of ['', ' ', 'loket 1', 'x'.repeat(65), 42]) {
        given(signed().events)
          .when({ type: 'RecordPrint', actor: actors.operator, data: { workstation } as never })
          .thenThrows({ kind: 'invalid', fields: ['workstation'] });
      }
    });

    it('refuses a revoked KK', () => {
      given(signed().revoke().events)
        .when({ type: 'RecordPrint', actor: actors.operator, data: { workstation: 'LOKET-1' } })
        .thenThrows({ kind: 'conflict', code: 'KK_REVOKED' });
    });
  });

  describe('reprint', () => {
    it('is its own event, with the reason and workstation; the KK stays ready for hand-over', () => {
      given(signed().print().events)
        .when({ type: 'RecordReprint', actor: actors.operator, data: { workstation: 'LOKET-2', reasonCode: 'kertas-rusak' } })
        .then([
          {
            type: 'KkReprinted',
            schemaVersion: 1,
            data: { reprintedBy: operator, workstation: 'LOKET-2', reasonCode: 'kertas-rusak', at },
          },
        ]);
      const s = signed().print().reprint('printer-bermasalah');
      expect(s.state.status).toBe('signed');
      s.collect();
      expect(s.state.status).toBe('collected');
    });

    it('requires a prior print', () => {
      given(signed().events)
        .when({ type: 'RecordReprint', actor: actors.operator, data: { workstation: 'LOKET-1', reasonCode: 'salah-cetak' } })
        .thenThrows({ kind: 'conflict', code: 'REPRINT_NOT_PRINTED' });
    });

    it('requires a reason from the fixed list, and a note for "lainnya"', () => {
      given(signed().print().events)
        .when({ type: 'RecordReprint', actor: actors.operator, data: { workstation: 'LOKET-1', reasonCode: 'bosan' as never } })
        .thenThrows({ kind: 'invalid', fields: ['reasonCode'] });
      given(signed().print().events)
        .when({ type: 'RecordReprint', actor: actors.operator, data: { workstation: 'LOKET-1', reasonCode: 'lainnya' } })
        .thenThrows({ kind: 'invalid', fields: ['note'] });
      given(signed().print().events)
        .when({
          type: 'RecordReprint',
          actor: actors.operator,
          data: { workstation: 'LOKET-1', reasonCode: 'lainnya', note: '  Tinta luntur saat dilaminasi  ' },
        })
        .then([
          {
            type: 'KkReprinted',
            schemaVersion: 1,
            data: { reprintedBy: operator, workstation: 'LOKET-1', reasonCode: 'lainnya', note: 'Tinta luntur saat dilaminasi', at },
          },
        ]);
    });

    it("is only for an operator of the application's own kecamatan, and never after hand-over or revocation", () => {
      given(signed().print().events)
        .when({ type: 'RecordReprint', actor: actors.operatorElsewhere, data: { workstation: 'LOKET-1', reasonCode: 'salah-cetak' } })
        .thenThrows({ kind: 'forbidden', code: 'AUTH_KECAMATAN' });
      given(signed().print().collect().events)
        .when({ type: 'RecordReprint', actor: actors.operator, data: { workstation: 'LOKET-1', reasonCode: 'salah-cetak' } })
        .thenThrows({ kind: 'conflict', code: 'APPLICATION_CLOSED' });
      given(signed().print().revoke().events)
        .when({ type: 'RecordReprint', actor: actors.operator, data: { workstation: 'LOKET-1', reasonCode: 'salah-cetak' } })
        .thenThrows({ kind: 'conflict', code: 'KK_REVOKED' });
    });
  });

  it('a KkPrinted stored before workstations (v1) is read with the workstation null and still counts as printed', () => {
    const v1 = { type: 'KkPrinted', schemaVersion: 1, data: { printedBy: operator, at } } as unknown as ApplicationEvent;
    expect(upcastApplicationEvent(v1)).toEqual({
      type: 'KkPrinted',
      schemaVersion: 2,
      data: { printedBy: operator, workstation: null, at },
    });
    const state = [...signed().events, v1].reduce(evolve, initialState());
    expect(state.printedAt).toBe(at);
  });
});
