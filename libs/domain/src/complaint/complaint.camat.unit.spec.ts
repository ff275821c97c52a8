import { defaultCalendar } from '@adminduk/calendar';
import { givenWhenThen } from '../testing/given-when-then';
import { complaintDecider, type ComplaintCommand } from './complaint.commands';
import type { ComplaintEvent } from './complaint.events';

// The camat's follow-up instruction on an escalated complaint, given/when/then.
// Thursday 10 December 2026, 10:00 WIB: the answer deadline of the complaint below passed the day before.
const NOW = new Date('2026-12-10T03:00:00.000Z');
const given = givenWhenThen(complaintDecider, () => ({ now: NOW, calendar: defaultCalendar }));

const BALONGBENDO = '35.15.12';
const TARIK = '35.15.01';
const by = { userId: 'pengaduan-1', role: 'petugas-pengaduan' };
const camat = { userId: 'camat-1', role: 'camat' as const, kecamatan: BALONGBENDO };

const receivedAbout = (category: string, kecamatan = BALONGBENDO): ComplaintEvent => ({
  type: 'ComplaintReceived',
  schemaVersion: 1,
  data: {
    complaintId: 'c-9',
    kind: 'pengaduan',
    category,
    channel: 'telepon',
    summary: 'KK belum selesai',
    description: 'Sudah tiga minggu KK anak saya belum selesai.',
    kecamatan,
    receivedBy: by,
    at: '2026-12-01T02:00:00.000Z',
    verifyBy: '2026-12-04T02:00:00.000Z',
  },
});
const received = receivedAbout('pelayanan-lambat');
const verified: ComplaintEvent = {
  type: 'ComplaintVerified',
  schemaVersion: 1,
  data: { outcome: 'valid', tier: 'ringan', answerBy: '2026-12-09T02:00:00.000Z', by, at: '2026-12-02T02:00:00.000Z' },
};
const escalated: ComplaintEvent = {
  type: 'ComplaintEscalated',
  schemaVersion: 1,
  data: { stage: 'answer', dueAt: '2026-12-09T02:00:00.000Z', to: 'camat', at: '2026-12-09T02:01:00.000Z' },
};
const instruct = (instruction: string, actor: ComplaintCommand['actor'] = camat): ComplaintCommand => ({
  type: 'InstructComplaintFollowUp',
  actor,
  data: { instruction },
});
const INSTRUCTION = 'Selesaikan KK pemohon hari ini dan laporkan kepada saya.';

describe('complaint: the camat’s follow-up instruction', () => {
  it('the camat of the kecamatan instructs a follow-up on an escalated complaint; nothing else changes', () => {
    const expected: ComplaintEvent = {
      type: 'ComplaintFollowUpInstructed',
      schemaVersion: 1,
      data: { instruction: INSTRUCTION, by: { userId: 'camat-1', role: 'camat' }, at: NOW.toISOString() },
    };
    given([received, verified, escalated])
      .when(instruct(`  ${INSTRUCTION}  `))
      .then([expected]);
    const after = given([received, verified, escalated, expected]).state;
    expect(after).toMatchObject({ status: 'verified', answerBy: '2026-12-09T02:00:00.000Z', instructions: 1 });
    // A second instruction is allowed (the camat may follow up again).
    given([received, verified, escalated, expected]).when(instruct('Sudah sehari, mohon kabar hari ini juga.')).events();
  });

  it('only a camat, only of the complaint’s own kecamatan', () => {
    given([received, verified, escalated])
      .when(instruct(INSTRUCTION, { userId: 'pengaduan-1', role: 'petugas-pengaduan' }))
      .thenThrows({ kind: 'forbidden', code: 'AUTH_ROLE' });
    given([received, verified, escalated])
      .when(instruct(INSTRUCTION, { ...camat, kecamatan: TARIK }))
      .thenThrows({ kind: 'forbidden', code: 'COMPLAINT_OUTSIDE_KECAMATAN' });
    given([received, verified, escalated])
      .when(instruct(INSTRUCTION, { userId: 'camat-1', role: 'camat' }))
      .thenThrows({ kind: 'forbidden', code: 'COMPLAINT_OUTSIDE_KECAMATAN' });
    given([receivedAbout('pelayanan-lambat', TARIK), verified, escalated])
      .when(instruct(INSTRUCTION))
      .thenThrows({ kind: 'forbidden', code: 'COMPLAINT_OUTSIDE_KECAMATAN' });
  });

  it('never on a pungutan-liar report about the camat’s own kecamatan', () => {
    given([receivedAbout('pungutan-liar'), verified, escalated])
      .when(instruct(INSTRUCTION))
      .thenThrows({ kind: 'forbidden', code: 'COMPLAINT_OUTSIDE_KECAMATAN' });
  });

  it('only once escalated, and not once closed', () => {
    given([received, verified]).when(instruct(INSTRUCTION)).thenThrows({ kind: 'conflict', code: 'COMPLAINT_NOT_ESCALATED' });
    given([]).when(instruct(INSTRUCTION)).thenThrows({ kind: 'conflict', code: 'COMPLAINT_NOT_FOUND' });
    const answered: ComplaintEvent = {
      type: 'ComplaintAnswered',
      schemaVersion: 1,
      data: { answer: 'KK sudah selesai dan dapat diambil.', by, at: '2026-12-10T02:00:00.000Z' },
    };
    const closed: ComplaintEvent = {
      type: 'ComplaintClosed',
      schemaVersion: 1,
      data: { satisfaction: 'puas', by, at: '2026-12-10T02:30:00.000Z' },
    };
    given([received, verified, escalated, answered, closed])
      .when(instruct(INSTRUCTION))
      .thenThrows({ kind: 'conflict', code: 'COMPLAINT_WRONG_STATUS' });
  });

  it('the instruction is required, bounded and safe text (no control or text-direction characters)', () => {
    const history = [received, verified, escalated];
    given(history)
      .when(instruct('singkat'))
      .thenThrows({ kind: 'invalid', fields: ['instruction'] });
    given(history)
      .when(instruct('x'.repeat(2001)))
      .thenThrows({ kind: 'invalid', fields: ['instruction'] });
    given(history)
      .when(instruct('Tindak lanjuti \u202Easkirep segera'))
      .thenThrows({ kind: 'invalid', fields: ['instruction'] });
  });
});
