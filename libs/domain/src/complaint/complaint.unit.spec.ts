import { defaultCalendar } from '@adminduk/calendar';
import { givenWhenThen } from '../testing/given-when-then';
import { complaintCatalogProblems, COMPLAINT_CATALOG, type ComplaintCatalog } from './complaint-catalog';
import { complaintDecider, type ComplaintCommand, type ReceiveComplaintData } from './complaint.commands';
import type { ComplaintEvent } from './complaint.events';
import { complaintIdOfStream, complaintStreamId, foldComplaint } from './complaint-stream';

// Tuesday 1 December 2026, 09:00 WIB; no holiday in the first half of December.
const T0 = new Date('2026-12-01T02:00:00.000Z');
const at = (d: Date) => d.toISOString();
const days = (n: number) => new Date(T0.getTime() + n * 86_400_000);
const given = givenWhenThen(complaintDecider, () => ({ now: T0, calendar: defaultCalendar }));

const petugas = { userId: 'pengaduan-1', role: 'petugas-pengaduan' as const };
const system = { userId: 'system:lapor-import', role: 'system' as const };
const publik = { userId: 'publik', role: 'publik' as const };
const by = { userId: 'pengaduan-1', role: 'petugas-pengaduan' };
const BALONGBENDO = '35.15.12';

const pungliBySms: ReceiveComplaintData = {
  complaintId: 'c-1',
  kind: 'pengaduan',
  category: 'pungutan-liar',
  channel: 'lapor-sms-1708',
  laporTrackingNumber: 'LAPOR-4471203',
  summary: 'Diminta uang untuk KK',
  description: 'Petugas meminta Rp50.000 agar KK cepat selesai.',
  kecamatan: BALONGBENDO,
};
const receive = (data: Partial<ReceiveComplaintData> = {}, actor: ComplaintCommand['actor'] = system): ComplaintCommand => ({
  type: 'ReceiveComplaint',
  actor,
  data: { ...pungliBySms, ...data },
});
const received: ComplaintEvent = {
  type: 'ComplaintReceived',
  schemaVersion: 1,
  data: {
    ...pungliBySms,
    receivedBy: { userId: system.userId, role: 'system' },
    at: at(T0),
    // 3 working days: Wed, Thu, Fri.
    verifyBy: '2026-12-04T02:00:00.000Z',
  },
};
const verifiedValid: ComplaintEvent = {
  type: 'ComplaintVerified',
  schemaVersion: 1,
  // Tier "ringan", 5 working days from Thursday 3 Dec: 4, 7, 8, 9, 10 Dec.
  data: { outcome: 'valid', tier: 'ringan', answerBy: '2026-12-10T02:00:00.000Z', by, at: at(days(2)) },
};
const disposed: ComplaintEvent = {
  type: 'ComplaintDisposed',
  schemaVersion: 1,
  data: { unit: 'Seksi Pelayanan Umum', by, at: at(days(2)) },
};
const answered: ComplaintEvent = {
  type: 'ComplaintAnswered',
  schemaVersion: 1,
  data: { answer: 'Petugas telah diperiksa dan uang dikembalikan.', by, at: at(days(5)) },
};

describe('complaint: receiving', () => {
  it('a pungli report from SMS 1708 through the LAPOR import, with its tracking number and the verification deadline', () => {
    given([]).when(receive()).then([received]);
  });

  it('re-importing the same LAPOR number appends nothing; another report on the same stream is a conflict', () => {
    given([received]).when(receive()).then([]);
    given([received])
      .when(receive({ laporTrackingNumber: 'LAPOR-9999999' }))
      .thenThrows({ kind: 'conflict', code: 'COMPLAINT_EXISTS' });
  });

  it('anonymous stays anonymous: an identity with no field given is dropped', () => {
    const [e] = given([])
      .when(receive({ channel: 'web-adminduk', laporTrackingNumber: undefined, complainant: { name: '  ', email: '' } }, publik))
      .events();
    expect(e.type === 'ComplaintReceived' && e.data.complainant).toBeUndefined();
  });

  it('the public form only submits on the platform channel; the platform only imports LAPOR channels', () => {
    given([])
      .when(receive({ channel: 'telepon', laporTrackingNumber: undefined }, publik))
      .thenThrows({ kind: 'invalid', fields: ['channel'] });
    given([])
      .when(receive({ channel: 'telepon', laporTrackingNumber: undefined }, system))
      .thenThrows({ kind: 'forbidden' });
  });

  it('names every bad field at once and stores nothing', () => {
    given([])
      .when(
        receive(
          {
            kind: 'keluhan' as never,
            category: 'x',
            laporTrackingNumber: undefined,
            summary: '',
            kecamatan: '99.99.99',
            complainant: { email: 'bukan-email' },
          },
          petugas,
        ),
      )
      .thenThrows({
        kind: 'invalid',
        code: 'VALIDATION_FAILED',
        fields: ['kind', 'category', 'summary', 'laporTrackingNumber', 'kecamatan', 'complainant.email'],
      });
  });

  it('keeps the channel reference of a letter to the camat and the linked application', () => {
    const [e] = given([])
      .when(
        receive(
          {
            channel: 'surat-camat',
            laporTrackingNumber: undefined,
            channelReference: 'Surat 12/IX/2026',
            application: { receiptNumber: 'KK-3515-20261130-0007' },
            complainant: { name: 'Warga', email: 'warga@example.id' },
          },
          petugas,
        ),
      )
      .events();
    expect(e.data).toMatchObject({
      channel: 'surat-camat',
      channelReference: 'Surat 12/IX/2026',
      application: { receiptNumber: 'KK-3515-20261130-0007' },
      complainant: { name: 'Warga', email: 'warga@example.id' },
    });
  });
});

describe('complaint: handling', () => {
  it('verified valid: the answer deadline is the tier’s working days after verification', () => {
    given([received])
      .when({ type: 'VerifyComplaint', actor: petugas, data: { outcome: 'valid', tier: 'ringan' } }, { now: days(2) })
      .then([verifiedValid]);
  });

  it('only the petugas pengaduan handles a complaint', () => {
    given([received])
      .when({ type: 'VerifyComplaint', actor: publik, data: { outcome: 'valid', tier: 'ringan' } })
      .thenThrows({ kind: 'forbidden', code: 'AUTH_ROLE' });
  });

  it('an unknown tier is refused', () => {
    given([received])
      .when({ type: 'VerifyComplaint', actor: petugas, data: { outcome: 'valid', tier: 'kilat' } })
      .thenThrows({ kind: 'invalid', fields: ['tier'] });
  });

  it('not our competence: forwarded, then closable; needs information: the verification deadline restarts when it arrives', () => {
    const forwarded = given([received])
      .when({ type: 'VerifyComplaint', actor: petugas, data: { outcome: 'forwarded', forwardedTo: 'Dispendukcapil Kabupaten Sidoarjo' } })
      .events();
    expect(foldComplaint([received, ...forwarded]).status).toBe('forwarded');
    given([received, ...forwarded])
      .when({ type: 'CloseComplaint', actor: petugas, data: { satisfaction: 'tidak-diketahui' } })
      .events();

    const asked = given([received])
      .when({ type: 'VerifyComplaint', actor: petugas, data: { outcome: 'needs-information', note: 'Mohon sebutkan tanggal kejadian.' } })
      .events();
    given([received, ...asked])
      .when({ type: 'SupplyComplaintInformation', actor: petugas, data: { note: 'Kejadian tanggal 30 November.' } }, { now: days(3) })
      .then([
        {
          type: 'ComplaintInformationSupplied',
          schemaVersion: 1,
          data: { note: 'Kejadian tanggal 30 November.', by, at: at(days(3)), verifyBy: '2026-12-09T02:00:00.000Z' },
        },
      ]);
  });

  it('disposed, answered, closed with the complainant’s satisfaction, reopened back to verification', () => {
    given([received, verifiedValid])
      .when({ type: 'DisposeComplaint', actor: petugas, data: { unit: 'Seksi Pelayanan Umum' } }, { now: days(2) })
      .then([disposed]);
    given([received, verifiedValid, disposed])
      .when(
        { type: 'AnswerComplaint', actor: petugas, data: { answer: 'Petugas telah diperiksa dan uang dikembalikan.' } },
        { now: days(5) },
      )
      .then([answered]);
    const closed: ComplaintEvent = { type: 'ComplaintClosed', schemaVersion: 1, data: { satisfaction: 'puas', by, at: at(days(6)) } };
    given([received, verifiedValid, disposed, answered])
      .when({ type: 'CloseComplaint', actor: petugas, data: { satisfaction: 'puas' } }, { now: days(6) })
      .then([closed]);
    given([received, verifiedValid, disposed, answered, closed])
      .when({ type: 'CloseComplaint', actor: petugas, data: { satisfaction: 'puas' } })
      .thenThrows({ kind: 'conflict', code: 'COMPLAINT_WRONG_STATUS' });
    const reopened = given([received, verifiedValid, disposed, answered, closed])
      .when({ type: 'ReopenComplaint', actor: petugas, data: { reason: 'Uang belum dikembalikan.' } }, { now: days(7) })
      .events();
    const state = foldComplaint([received, verifiedValid, disposed, answered, closed, ...reopened]);
    expect(state).toMatchObject({ status: 'received', reopenings: 1, satisfaction: undefined });
    expect(state.verifyBy).toBe('2026-12-11T02:00:00.000Z');
  });

  it('answering before verification is refused', () => {
    given([received])
      .when({ type: 'AnswerComplaint', actor: petugas, data: { answer: 'Jawaban yang cukup panjang.' } })
      .thenThrows({ kind: 'conflict', code: 'COMPLAINT_WRONG_STATUS' });
  });
});

describe('complaint: escalation to the camat', () => {
  const escalate = (stage: 'verification' | 'answer', dueAt: string): ComplaintCommand => ({
    type: 'EscalateComplaint',
    actor: { userId: 'system:complaint-deadline', role: 'system' },
    data: { stage, dueAt },
  });

  it('once the answer deadline has passed, once per due time', () => {
    const late = new Date('2026-12-10T02:00:00.001Z');
    const escalated: ComplaintEvent = {
      type: 'ComplaintEscalated',
      schemaVersion: 1,
      data: { stage: 'answer', dueAt: '2026-12-10T02:00:00.000Z', to: 'camat', at: at(late) },
    };
    given([received, verifiedValid, disposed]).when(escalate('answer', '2026-12-10T02:00:00.000Z'), { now: late }).then([escalated]);
    given([received, verifiedValid, disposed, escalated])
      .when(escalate('answer', '2026-12-10T02:00:00.000Z'), { now: late })
      .thenThrows({ kind: 'conflict', code: 'COMPLAINT_ALREADY_ESCALATED' });
  });

  it('not before the deadline, not after the step was done, not by a person', () => {
    given([received, verifiedValid])
      .when(escalate('answer', '2026-12-10T02:00:00.000Z'), { now: new Date('2026-12-10T01:59:59.000Z') })
      .thenThrows({ code: 'COMPLAINT_NOT_OVERDUE' });
    given([received, verifiedValid, disposed, answered])
      .when(escalate('answer', '2026-12-10T02:00:00.000Z'), { now: days(30) })
      .thenThrows({ code: 'COMPLAINT_NOT_OVERDUE' });
    given([received])
      .when({ ...escalate('verification', '2026-12-04T02:00:00.000Z'), actor: petugas }, { now: days(9) })
      .thenThrows({ kind: 'forbidden' });
  });

  it('a missed verification deadline escalates too', () => {
    const [e] = given([received])
      .when(escalate('verification', '2026-12-04T02:00:00.000Z'), { now: days(4) })
      .events();
    expect(e).toMatchObject({ type: 'ComplaintEscalated', data: { stage: 'verification', to: 'camat' } });
  });
});

describe('complaint catalog and stream', () => {
  it('the bundled catalog is valid and has the standard’s eight channels, LAPOR’s four and the web form', () => {
    expect(complaintCatalogProblems(COMPLAINT_CATALOG as ComplaintCatalog)).toEqual([]);
    const groups = Object.values(COMPLAINT_CATALOG.channels).map((c) => c.group);
    expect(groups.filter((g) => g === 'standar')).toHaveLength(8);
    expect(groups.filter((g) => g === 'lapor')).toHaveLength(4);
    expect(groups.filter((g) => g === 'platform')).toHaveLength(1);
  });

  it('a broken catalog is named field by field', () => {
    const broken = {
      ...COMPLAINT_CATALOG,
      verificationWorkingDays: 0,
      tiers: { ringan: { label: 'Ringan', workingDays: -1 } },
    } as ComplaintCatalog;
    expect(complaintCatalogProblems(broken)).toEqual([
      'verificationWorkingDays must be a whole number of days 1-365',
      'tiers.ringan needs a label and workingDays 1-365',
    ]);
  });

  it('stream ids', () => {
    expect(complaintStreamId('abc')).toBe('complaint-abc');
    expect(complaintIdOfStream('complaint-abc')).toBe('abc');
    expect(complaintIdOfStream('application-abc')).toBeUndefined();
  });
});
