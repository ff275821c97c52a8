import { hashEvent, sealMetadata } from '@adminduk/event-store';
import type { Finding } from '@adminduk/audit';
import { auditedLog, runCli, testEvent, type AuditedLog } from './audit-log.testing';

// Three applications written interleaved; a checkpoint every 4 events (4, 8, 12) and one at the end (13).
const PLAN = ['app-A', 'app-B', 'app-A', 'app-C', 'app-B', 'app-A', 'app-C', 'app-A', 'app-B', 'app-C', 'app-A', 'app-B', 'app-A'];

interface Verdict {
  status: number;
  intact: boolean;
  events: number;
  checkpoints: number;
  findings: Finding[];
}

async function verify(log: AuditedLog, ...extra: string[]): Promise<Verdict> {
  const run = await runCli(['audit', 'verify', '--json', '--key', log.publicKeyFile, ...extra], { ADMINDUK_DATABASE_URL: log.schema.url });
  if (run.status > 1) throw new Error(`adminduk failed (${run.status}): ${run.stderr}`);
  return { status: run.status, ...(JSON.parse(run.stdout) as Omit<Verdict, 'status'>) };
}

async function row(log: AuditedLog, streamId: string, revision: number) {
  const { rows } = await log.db.query<{ event_id: string; transaction_id: string; position: string; hash: string }>(
    'SELECT event_id::text, transaction_id::text, position::text, hash FROM es_events WHERE stream_id = $1 AND revision = $2',
    [streamId, revision],
  );
  return { ...rows[0], at: `${rows[0].transaction_id}/${rows[0].position}` };
}

describe('adminduk audit verify (tampering by hand in PostgreSQL)', () => {
  let log: AuditedLog;
  beforeEach(async () => {
    log = await auditedLog(PLAN, 4);
  });
  afterEach(async () => {
    await log.close();
  });

  it('given an untouched store, finds nothing and exits 0', async () => {
    const verdict = await verify(log);
    expect(verdict).toMatchObject({ status: 0, intact: true, events: 13, checkpoints: 4, findings: [] });
  });

  it('names an event whose data was edited', async () => {
    const target = await row(log, 'app-B', 1);
    await log.db.query(`UPDATE es_events SET data = jsonb_set(data, '{catatan}', '"dipalsukan"') WHERE event_id = $1`, [target.event_id]);
    const verdict = await verify(log);
    expect(verdict.status).toBe(1);
    expect(verdict.findings).toEqual([
      expect.objectContaining({ kind: 'altered', streamId: 'app-B', revision: 1, eventId: target.event_id, position: target.at }),
    ]);
  });

  it('names an event whose metadata was edited', async () => {
    const target = await row(log, 'app-A', 3);
    await log.db.query(`UPDATE es_events SET metadata = jsonb_set(metadata, '{actor,userId}', '"penyusup"') WHERE event_id = $1`, [
      target.event_id,
    ]);
    const verdict = await verify(log);
    expect(verdict.status).toBe(1);
    expect(verdict.findings).toEqual([
      expect.objectContaining({ kind: 'altered', streamId: 'app-A', revision: 3, eventId: target.event_id }),
    ]);
  });

  it('names a deleted event: its stream, its revision, the hash it had; the checkpoint counts it missing', async () => {
    const target = await row(log, 'app-A', 2);
    await log.db.query('DELETE FROM es_events WHERE event_id = $1', [target.event_id]);
    const verdict = await verify(log);
    expect(verdict.status).toBe(1);
    expect(verdict.findings).toContainEqual(expect.objectContaining({ kind: 'missing', streamId: 'app-A', revision: 2 }));
    expect(verdict.findings.find((f) => f.kind === 'missing')!.detail).toContain(target.hash);
    expect(verdict.findings).toContainEqual(
      expect.objectContaining({ kind: 'checkpoint-mismatch', checkpoint: 8, detail: expect.stringContaining('1 event(s)') }),
    );
  });

  it('detects a whole stream deleted, which no stream chain can see', async () => {
    await log.db.query(`DELETE FROM es_events WHERE stream_id = 'app-C'`);
    const verdict = await verify(log);
    expect(verdict.status).toBe(1);
    expect(verdict.findings.every((f) => f.kind === 'checkpoint-mismatch')).toBe(true);
    // The events of app-C sat in the intervals ending at checkpoints 4, 8 and 12: each names its loss.
    expect(verdict.findings.map((f) => [f.checkpoint, /(\d+) event\(s\)/.exec(f.detail)?.[1]])).toEqual([
      [4, '1'],
      [8, '1'],
      [12, '1'],
    ]);
  });

  it('detects the log truncated: the newest events removed', async () => {
    await log.db.query(`DELETE FROM es_events WHERE (transaction_id, position) IN (
      SELECT transaction_id, position FROM es_events ORDER BY transaction_id DESC, position DESC LIMIT 2)`);
    const verdict = await verify(log);
    expect(verdict.status).toBe(1);
    // Each interval is checked on its own: the 12th event was the last of one, the 13th the whole next.
    expect(verdict.findings.map((f) => [f.kind, f.checkpoint, /(\d+) event\(s\) .* missing/.exec(f.detail)?.[1]])).toEqual([
      ['checkpoint-mismatch', 12, '1'],
      ['checkpoint-mismatch', 13, '1'],
    ]);
  });

  it('names an event inserted into the checkpointed log, even with a valid forged chain', async () => {
    // Placed between the 5th and the 6th event: same transaction id as the 5th, a later position.
    const fifth = await row(log, 'app-B', 1);
    const forged = testEvent('CatatanDitambahkan', { catatan: 'sisipan' });
    const metadata = sealMetadata({ streamId: 'app-X', revision: 0, ...forged }, '0'.repeat(64));
    await log.db.query(
      `INSERT INTO es_events (transaction_id, position, stream_id, revision, event_id, type, data, metadata, prev_hash, hash)
       VALUES ($1::text::xid8, $2::bigint + 1000000, 'app-X', 0, $3, $4, $5, $6, $7, $8)`,
      [
        fifth.transaction_id,
        fifth.position,
        forged.metadata.eventId,
        forged.type,
        JSON.stringify(forged.data),
        JSON.stringify(forged.metadata),
        metadata.prevHash,
        metadata.hash,
      ],
    );
    expect(hashEvent({ streamId: 'app-X', revision: 0, ...forged }, '0'.repeat(64))).toBe(metadata.hash);
    const verdict = await verify(log);
    expect(verdict.status).toBe(1);
    expect(verdict.findings).toContainEqual(
      expect.objectContaining({ kind: 'inserted', streamId: 'app-X', revision: 0, eventId: forged.metadata.eventId, checkpoint: 8 }),
    );
    // The segments audited side by side in workers and one after another here: the same verdict.
    expect(await verify(log, '--workers', '1')).toEqual(verdict);
  });

  it('names two events of a stream swapped', async () => {
    const [one, two] = [await row(log, 'app-A', 1), await row(log, 'app-A', 2)];
    await log.db.query(`UPDATE es_events SET revision = -1 WHERE event_id = $1`, [one.event_id]);
    await log.db.query(`UPDATE es_events SET revision = 1 WHERE event_id = $1`, [two.event_id]);
    await log.db.query(`UPDATE es_events SET revision = 2 WHERE event_id = $1`, [one.event_id]);
    const verdict = await verify(log);
    expect(verdict.status).toBe(1);
    expect(verdict.findings).toEqual([
      expect.objectContaining({ kind: 'reordered', streamId: 'app-A', revision: 2, eventId: one.event_id }),
      expect.objectContaining({ kind: 'reordered', streamId: 'app-A', revision: 1, eventId: two.event_id }),
    ]);
    expect(await verify(log, '--workers', '1')).toEqual(verdict);
  });

  it('catches a stream re-hashed after an edit (a consistent forged chain) through the signed checkpoints', async () => {
    const { rows } = await log.db.query<{ revision: string; type: string; data: unknown; metadata: never; event_id: string }>(
      `SELECT revision, type, data, metadata, event_id::text FROM es_events WHERE stream_id = 'app-C' ORDER BY revision`,
    );
    let prev = '0'.repeat(64);
    for (const r of rows) {
      const data = Number(r.revision) === 1 ? { ...(r.data as object), catatan: 'dipalsukan' } : r.data;
      const hash = hashEvent({ streamId: 'app-C', revision: Number(r.revision), type: r.type, data, metadata: r.metadata }, prev);
      await log.db.query('UPDATE es_events SET data = $2, prev_hash = $3, hash = $4 WHERE event_id = $1', [
        r.event_id,
        JSON.stringify(data),
        prev,
        hash,
      ]);
      prev = hash;
    }
    const verdict = await verify(log);
    expect(verdict.status).toBe(1);
    expect(verdict.findings.length).toBeGreaterThan(0);
    expect(verdict.findings.every((f) => f.kind === 'checkpoint-mismatch' && f.detail.includes('differ from the signed ones'))).toBe(true);
  });

  it('checks one stream with --stream, and from a checkpoint on with --from', async () => {
    const early = await row(log, 'app-A', 0);
    const late = await row(log, 'app-B', 3);
    for (const target of [early, late]) {
      await log.db.query(`UPDATE es_events SET data = jsonb_set(data, '{catatan}', '"dipalsukan"') WHERE event_id = $1`, [target.event_id]);
    }
    const streamOnly = await verify(log, '--stream', 'app-A');
    expect(streamOnly).toMatchObject({ status: 1, events: 6, checkpoints: 0 });
    expect(streamOnly.findings).toEqual([expect.objectContaining({ kind: 'altered', eventId: early.event_id })]);
    const { rows } = await log.db.query<{ position: string }>('SELECT position FROM audit_checkpoint WHERE tree_size = 8');
    const fromEight = await verify(log, '--from', rows[0].position);
    expect(fromEight).toMatchObject({ status: 1, events: 5 });
    expect(fromEight.findings).toEqual([expect.objectContaining({ kind: 'altered', eventId: late.event_id })]);
    const usage = await runCli(['audit', 'verify', '--from', 'yesterday'], { ADMINDUK_DATABASE_URL: log.schema.url });
    expect(usage).toMatchObject({ status: 2, stderr: expect.stringContaining('--from must be a global position') });
  });

  it('verifies events of hash version 1 (stored before version 2) the old way, in a stream continued in version 2', async () => {
    // As the store wrote them before migration 1765350000005: hashed in Node (canonical JSON), inserted as they are.
    let prev = '0'.repeat(64);
    const old: string[] = [];
    for (let revision = 0; revision < 3; revision++) {
      const e = testEvent('CatatanDitambahkan', { catatan: `lama #${revision}`, urutan: revision });
      const metadata = sealMetadata({ streamId: 'app-OLD', revision, ...e }, prev);
      await log.db.query(
        `INSERT INTO es_events (stream_id, revision, event_id, type, data, metadata, prev_hash, hash) VALUES ('app-OLD', $1, $2, $3, $4, $5, $6, $7)`,
        [revision, e.metadata.eventId, e.type, JSON.stringify(e.data), JSON.stringify(e.metadata), metadata.prevHash, metadata.hash],
      );
      old.push(e.metadata.eventId);
      prev = metadata.hash;
    }
    await log.store.appendToStream('app-OLD', [testEvent('CatatanDitambahkan', { catatan: 'baru', urutan: 3 })], { revision: 2 });
    const { rows } = await log.db.query<{ v: number | null }>(
      `SELECT (metadata->>'hashVersion')::int AS v FROM es_events WHERE stream_id = 'app-OLD' ORDER BY revision`,
    );
    expect(rows.map((r) => r.v)).toEqual([null, null, null, 2]);
    expect(await verify(log)).toMatchObject({ status: 0, intact: true, events: 17, findings: [] });
    await log.db.query(`UPDATE es_events SET data = jsonb_set(data, '{catatan}', '"dipalsukan"') WHERE event_id = $1`, [old[1]]);
    const verdict = await verify(log);
    expect(verdict.findings).toEqual([expect.objectContaining({ kind: 'altered', streamId: 'app-OLD', revision: 1, eventId: old[1] })]);
  });

  it('names an event whose hash columns are not hex any more', async () => {
    const target = await row(log, 'app-C', 1);
    await log.db.query(`UPDATE es_events SET prev_hash = 'bukan-hex', hash = 'juga bukan' WHERE event_id = $1`, [target.event_id]);
    const verdict = await verify(log);
    expect(verdict.status).toBe(1);
    expect(verdict.findings).toContainEqual(
      expect.objectContaining({ kind: 'altered', streamId: 'app-C', revision: 1, eventId: target.event_id }),
    );
    expect(verdict.findings).toContainEqual(expect.objectContaining({ kind: 'checkpoint-mismatch', checkpoint: 8 }));
  });

  it('refuses a checkpoint not signed by the trusted key, and says so in text', async () => {
    await log.db.query(`UPDATE audit_checkpoint SET root_hash = repeat('0', 64) WHERE tree_size = 8`);
    const run = await runCli(['audit', 'verify', '--key', log.publicKeyFile], { ADMINDUK_DATABASE_URL: log.schema.url });
    expect(run.status).toBe(1);
    expect(run.stdout).toMatch(/CHECKPOINT-SIGNATURE: position \d+\/\d+, checkpoint 8: signature/);
    expect(run.stdout).toMatch(/13 events, 3 checkpoints checked: 1 finding\(s\)/);
  });
});
