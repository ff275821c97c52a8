import { randomUUID } from 'node:crypto';
import { Pool } from 'pg';
import { defaultCalendar } from '@adminduk/calendar';
import {
  complaintDecider,
  complaintStreamId,
  type ComplaintCommand,
  type ComplaintEvent,
  type ReceiveComplaintData,
} from '@adminduk/domain';
import { handleCommand } from '@adminduk/event-store';
import { closeReadModelTestbed, openReadModelTestbed, type ReadModelTestbed, catchUpToHead } from '../read-model-testbed.testing';
import { ComplaintViewProjection } from './complaint-view.projection';
import { escalatedComplaintsForCamat } from './complaint-view.camat';
import { complaintDetail, complaintQueue, openComplaintsByAge, overdueComplaints, type ComplaintViewer } from './complaint-view.queries';

const BALONGBENDO = '35.15.12';
const KRIAN = '35.15.13';
// Tuesday 1 December 2026, 09:00 WIB.
const T0 = new Date('2026-12-01T02:00:00.000Z');
const day = (n: number) => new Date(T0.getTime() + n * 86_400_000);
const petugas = { userId: 'pengaduan-1', role: 'petugas-pengaduan' as const };
const operatorOf = (kecamatan: string): ComplaintViewer => ({ role: 'operator-kecamatan', kecamatan });

describe('complaint view (PostgreSQL, the real projection and queries)', () => {
  let bed: ReadModelTestbed;
  let db: Pool;
  const projection = new ComplaintViewProjection();

  beforeAll(async () => {
    bed = await openReadModelTestbed('complaint_view');
    db = new Pool({ connectionString: bed.schema.url, max: 2 });
  });
  afterAll(async () => {
    await db?.end();
    await closeReadModelTestbed(bed ?? {});
  });

  async function run(id: string, command: ComplaintCommand, now: Date): Promise<ComplaintEvent[]> {
    const outcome = await handleCommand(
      bed.store,
      complaintStreamId(id),
      complaintDecider,
      {
        command,
        idempotencyKey: randomUUID(),
        actor: { userId: command.actor.userId, role: command.actor.role },
        correlationId: 'c',
        now,
      },
      () => ({ now, calendar: defaultCalendar }),
    );
    return outcome.events;
  }
  const receive = async (data: Partial<ReceiveComplaintData>, at = T0) => {
    const id = randomUUID();
    await run(
      id,
      {
        type: 'ReceiveComplaint',
        actor: petugas,
        data: {
          complaintId: id,
          kind: 'pengaduan',
          category: 'pelayanan-lambat',
          channel: 'telepon',
          channelReference: 'Telepon dari 0812-3456-7890',
          summary: 'KK lama sekali',
          description: 'Sudah dua minggu KK belum jadi.',
          kecamatan: BALONGBENDO,
          complainant: { name: 'Sutini', phone: '081234567890', email: 'sutini@example.id' },
          ...data,
        },
      },
      at,
    );
    return id;
  };
  const catchUp = () => catchUpToHead(bed.ds, projection, bed.store);

  it('queue by deadline with filters; operators: own kecamatan, no pungli, never the identity; rebuildable', async () => {
    const slow = await receive({}, day(1));
    const pungli = await receive({ category: 'pungutan-liar', summary: 'Diminta uang' });
    const krian = await receive({ kecamatan: KRIAN }, day(2));
    const anonymous = await receive({ complainant: undefined, channelReference: undefined }, day(0.5));
    await run(slow, { type: 'VerifyComplaint', actor: petugas, data: { outcome: 'valid', tier: 'berat' } }, day(1));
    await catchUp();

    const all = await complaintQueue(db, { role: 'petugas-pengaduan' }, { limit: 10, offset: 0 });
    // Verification due 3 working days after receipt; `slow` now runs on its 60-working-day answer deadline.
    expect(all.items.map((i) => i.complaintId)).toEqual([pungli, anonymous, krian, slow]);
    expect(all.items[3]).toMatchObject({ status: 'verified', nextDueStage: 'answer' });
    expect(
      (await complaintQueue(db, { role: 'auditor' }, { category: 'pungutan-liar', limit: 10, offset: 0 })).items.map((i) => i.complaintId),
    ).toEqual([pungli]);
    expect((await complaintQueue(db, { role: 'petugas-pengaduan' }, { kecamatan: KRIAN, limit: 10, offset: 0 })).total).toBe(1);

    const operator = await complaintQueue(db, operatorOf(BALONGBENDO), { limit: 10, offset: 0 });
    expect(operator.items.map((i) => i.complaintId)).toEqual([anonymous, slow]);
    expect(await complaintDetail(db, pungli, operatorOf(BALONGBENDO))).toBeUndefined();
    expect(await complaintDetail(db, krian, operatorOf(BALONGBENDO))).toBeUndefined();
    const seenByOperator = await complaintDetail(db, slow, operatorOf(BALONGBENDO));
    expect(seenByOperator).toMatchObject({ complaintId: slow, description: 'Sudah dua minggu KK belum jadi.' });
    const text = JSON.stringify([operator, seenByOperator]);
    for (const secret of ['Sutini', '0812', 'sutini@example.id', 'complainant', 'channelReference']) expect(text).not.toContain(secret);

    expect(await complaintDetail(db, slow, { role: 'petugas-pengaduan' })).toMatchObject({
      channelReference: 'Telepon dari 0812-3456-7890',
      complainant: { name: 'Sutini', email: 'sutini@example.id', phone: '081234567890' },
    });
    expect(await complaintDetail(db, anonymous, { role: 'auditor' })).toMatchObject({ complainant: null });

    // Rebuild: cleared and replayed from the streams, the same rows.
    const before = await db.query('SELECT * FROM complaint_view ORDER BY complaint_id');
    await bed.ds.transaction(async (em) => {
      await projection.reset(em);
      await em.query(`DELETE FROM projection_checkpoints WHERE projection = $1`, [projection.name]);
    });
    await catchUp();
    expect((await db.query('SELECT * FROM complaint_view ORDER BY complaint_id')).rows).toEqual(before.rows);
  });

  it('overdue deadlines until escalated; open complaints by age', async () => {
    await db.query('TRUNCATE complaint_view');
    await bed.ds.query(`DELETE FROM projection_checkpoints WHERE projection = $1`, [projection.name]);
    await catchUp();
    const now = day(20);
    const overdue = await overdueComplaints(db, now, 100);
    expect(overdue.every((o) => o.stage === 'verification')).toBe(true);
    const first = overdue[0];
    await run(
      first.complaintId,
      {
        type: 'EscalateComplaint',
        actor: { userId: 'system:x', role: 'system' },
        data: { stage: first.stage, dueAt: first.dueAt.toISOString() },
      },
      now,
    );
    await catchUp();
    expect((await overdueComplaints(db, now, 100)).map((o) => o.complaintId)).not.toContain(first.complaintId);

    const ages = await openComplaintsByAge(db, day(10));
    const open = Number((await db.query(`SELECT count(*) AS n FROM complaint_view WHERE status <> 'closed'`)).rows[0].n);
    expect(ages.reduce((s, a) => s + a.count, 0)).toBe(open);
    // Received between day 0 and day 2: 8 to 10 days old at day 10.
    expect(ages.find((a) => a.bucket === '8-14')?.count).toBe(open);
    expect((await openComplaintsByAge(db, day(10), { kecamatan: KRIAN })).find((a) => a.bucket === '8-14')?.count).toBe(1);
  });

  it('the camat’s list: escalated open complaints of their kecamatan, never a pungli report nor the identity; the instruction shown', async () => {
    await db.query('TRUNCATE complaint_view');
    await bed.ds.query(`DELETE FROM projection_checkpoints WHERE projection = $1`, [projection.name]);
    const late = await receive({ summary: 'KK terlambat sekali' });
    const pungli = await receive({ category: 'pungutan-liar', summary: 'Diminta uang lagi' });
    const krian = await receive({ kecamatan: KRIAN, summary: 'KK Krian terlambat' });
    const fresh = await receive({ summary: 'Belum lewat tenggat' }, day(9));
    const now = day(10);
    for (const id of [late, pungli, krian]) {
      await run(
        id,
        {
          type: 'EscalateComplaint',
          actor: { userId: 'system:x', role: 'system' },
          data: { stage: 'verification', dueAt: '2026-12-04T02:00:00.000Z' },
        },
        now,
      );
    }
    const camat = { userId: 'camat-1', role: 'camat' as const, kecamatan: BALONGBENDO };
    await run(late, { type: 'InstructComplaintFollowUp', actor: camat, data: { instruction: 'Verifikasi hari ini juga, laporkan.' } }, now);
    await catchUp();

    const list = await escalatedComplaintsForCamat(db, BALONGBENDO, { limit: 10, offset: 0 });
    expect(list.items.map((i) => i.complaintId)).toEqual([late]);
    expect(list.items[0]).toMatchObject({
      escalations: 1,
      escalatedDueAt: new Date('2026-12-04T02:00:00.000Z'),
      camatInstruction: 'Verifikasi hari ini juga, laporkan.',
      camatInstructedAt: now,
    });
    expect(JSON.stringify(list)).not.toMatch(/Sutini|0812|sutini@example\.id/);
    expect((await escalatedComplaintsForCamat(db, KRIAN, { limit: 10, offset: 0 })).items.map((i) => i.complaintId)).toEqual([krian]);
    expect(list.items.map((i) => i.complaintId)).not.toContain(fresh);
    expect(list.items.map((i) => i.complaintId)).not.toContain(pungli);
  });
});
